from cases.search.query import parse


def texts(parsed):
    return [[(t.text, t.phrase, t.negated) for t in group] for group in parsed.groups]


def test_words_phrases_negation_and_or():
    parsed = parse('"human tragedy" extradition -torture Almaty or Astana')
    assert texts(parsed) == [
        [("human tragedy", True, False)],
        [("extradition", False, False)],
        [("torture", False, True)],
        [("Almaty", False, False), ("Astana", False, False)],
    ]


def test_odd_input_never_breaks_the_parser():
    for text in ['"', "-", "or", "or or", '"unclosed phrase', "- -- ---", "\x00", "a" * 10_000]:
        parsed = parse(text)
        assert all(len(t.text) <= 100 for group in parsed.groups for t in group)


def test_only_negations_is_not_a_search():
    assert not parse("-torture")
    assert parse("torture")


def test_plain_words_are_looked_up_as_names():
    assert parse("Tashkenbay Aubakirov").plain_words == "Tashkenbay Aubakirov"
    assert parse('"Tashkenbay Aubakirov"').plain_words is None
    assert parse("a or b").plain_words is None
