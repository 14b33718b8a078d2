"""Large result sets: counts estimated from the sample, relevance over bounded candidates.

The thresholds are lowered here so that a few dozen cases behave like a million.
"""

import datetime

import pytest
from django.db import connection

from cases.models import Case, CaseSearch, Event, EventKind
from cases.search import counts, query, ranking, text
from cases.search.document_sql import SAMPLE_SQL
from core.models import Visibility

CASES = 60


@pytest.fixture
def many(make_case):
    """60 public cases that mention extradition; a third in Russia; a third undated."""
    cases = []
    for number in range(CASES):
        case = make_case(
            f"Case {number}",
            slug=f"case-{number}",
            summary="Threatened with extradition.",
            host_country="RU" if number % 3 == 0 else "KZ",
            status="detained" if number % 2 else "at_risk",
        )
        if number % 3 != 1:
            Event.objects.create(
                case=case,
                kind=EventKind.HEARING,
                started_on=datetime.date(2010, 1, 1) + datetime.timedelta(days=number),
                visibility=Visibility.PUBLIC,
            )
        cases.append(case)
    return cases


@pytest.fixture
def small_thresholds(monkeypatch):
    monkeypatch.setattr(counts, "SAMPLE_ROWS", 30)
    monkeypatch.setattr(counts, "EXACT_UP_TO", 10)


def search(client, **params):
    response = client.get("/cases/", params)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize(
    ("estimate", "shown"),
    [(0, 0), (0.3, 1), (7, 7), (987.5, 990), (12_345, 12_000), (699_501, 700_000)],
)
def test_estimates_are_shown_to_two_significant_figures(estimate, shown):
    assert counts.rounded(estimate) == shown


def test_the_sample_reads_about_sample_rows_documents():
    assert counts.sample_bound(counts.SAMPLE_ROWS) == counts.SAMPLE_BUCKETS
    assert counts.sample_bound(700_000) == 5  # 0.5 % of 700,000 is 3,500 documents
    assert counts.sample_bound(100_000_000) == 1


def test_a_large_set_is_counted_from_the_sample(client, many, small_thresholds):
    response = search(client, q="extradition", host_country="RU")
    found = response.context["results"]
    # The table is not analyzed in tests, so the sample bound comes from a count.
    bound = counts.sample_bound(CASES)
    scale = counts.SAMPLE_BUCKETS / bound
    sampled = CaseSearch.objects.filter(sample__lt=bound)
    assert not found.exact
    assert found.count == counts.rounded(sampled.filter(host_country="RU").count() * scale)
    host = next(facet for facet in found.facets if facet.param == "host_country")
    # The host facet leaves its own filter out: every sampled document counts.
    assert {option.value: option.count for option in host.options} == {
        code: counts.rounded(sampled.filter(host_country=code).count() * scale)
        for code in ("KZ", "RU")
    }
    assert all(option.estimated for option in host.options)
    assert b"About " in response.content and b"estimated from a sample" in response.content


def test_a_set_the_sample_shows_small_is_counted_exactly(client, many, small_thresholds):
    Case.objects.filter(slug__in=["case-4", "case-5"]).update(summary="Held in Zhezkazgan.")
    found = search(client, q="Zhezkazgan").context["results"]
    assert found.exact and found.count == 2
    assert {doc.case.slug for doc in found.page.object_list} == {"case-4", "case-5"}


def test_counts_are_exact_below_the_threshold(client, many):
    found = search(client, q="extradition", host_country="RU").context["results"]
    assert found.exact and found.count == CASES // 3
    status = next(facet for facet in found.facets if facet.param == "status")
    assert {option.value: option.count for option in status.options} == {
        "at_risk": 10, "detained": 10,
    }  # fmt: skip
    assert not any(option.estimated for option in status.options)


def test_relevance_ranks_the_most_recent_matches_and_pages_cover_every_match(
    client, many, small_thresholds, monkeypatch
):
    monkeypatch.setattr(ranking, "RANKED_CANDIDATES", 7)
    # The oldest dated case would rank first, but it is not among the 7 most recent.
    Case.objects.filter(slug="case-0").update(title="Extradition extradition extradition")
    Case.objects.filter(slug="case-56").update(title="Extradition to Uzbekistan")
    seen, number = [], 1
    while True:
        response = search(client, q="extradition", page=number)
        found = response.context["results"]
        seen += [doc.case.slug for doc in found.page.object_list]
        if number == 1:
            assert found.ranked_among == 7
            assert seen[0] == "case-56"
            assert b"ranks the 7 most recently active matches" in response.content
        if not found.page.has_next():
            break
        number += 1
    assert len(seen) == len(set(seen)) == CASES
    # After the candidates, the rest follow by latest activity; undated cases come last.
    dated_last = [slug for slug in seen[7:] if int(slug.split("-")[1]) % 3 != 1]
    assert dated_last == sorted(dated_last, key=lambda slug: -int(slug.split("-")[1]))
    assert all(int(slug.split("-")[1]) % 3 == 1 for slug in seen[7 + len(dated_last) :])


def test_a_page_past_an_estimate_says_so(client, many, small_thresholds, monkeypatch):
    monkeypatch.setattr(counts, "rounded", lambda estimate: 1000)  # a far too high estimate
    response = search(client, q="extradition", page=40)
    assert response.context["results"].page.object_list == []
    assert b"No more cases" in response.content


@pytest.mark.parametrize("count", [5, 40])
def test_query_count_does_not_grow_with_estimates(
    client, make_case, small_thresholds, django_assert_max_num_queries, count
):
    for number in range(count):
        make_case(f"Extradition case {number}", slug=f"e-{number}", tags=[f"tag{number}"])
    with django_assert_max_num_queries(14):
        search(client, q="extradition", host_country="KZ", kind="extradition", status="at_risk")


def test_the_document_copies_the_facet_fields_of_its_case(many):
    Case.objects.filter(slug="case-1").update(
        host_country="TR", origin_country="TJ", status="released", tags=["deportation"]
    )
    document = CaseSearch.objects.get(case__slug="case-1")
    assert (document.host_country, document.origin_country, document.status, document.tags) == (
        "TR", "TJ", "released", ["deportation"],
    )  # fmt: skip
    assert 0 <= document.sample < counts.SAMPLE_BUCKETS


def test_similar_names_are_looked_for_only_when_few_cases_match_exactly(
    client, make_case, make_person, make_subject, monkeypatch
):
    monkeypatch.setattr(text, "FUZZY_BELOW", 2)
    for slug, name in [("exact", "Toirjon Abdusamatov"), ("typo", "Toirjon Abdusamatof")]:
        make_subject(make_case(f"Case {slug}", slug=slug), make_person(name))

    def slugs():
        found = search(client, q="Abdusamatov").context["results"]
        return {doc.case.slug for doc in found.page.object_list}

    assert slugs() == {"exact", "typo"}
    make_subject(make_case("Case exact 2", slug="exact-2"), make_person("Abdusamatov Toirjon"))
    assert slugs() == {"exact", "exact-2"}


def test_a_document_left_behind_by_a_broken_trigger_is_never_shown(client, many):
    """Matches are counted from the documents alone; the rows shown are read through public()."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")  # triggers off
        cursor.execute("UPDATE cases_case SET publication_state = 'draft' WHERE slug = 'case-59'")
        cursor.execute("SET LOCAL session_replication_role = origin")
    assert CaseSearch.objects.filter(case__slug="case-59").exists()
    slugs = []
    for number in (1, 2, 3):
        found = search(client, q="extradition", page=number).context["results"]
        slugs += [doc.case.slug for doc in found.page.object_list]
    assert "case-59" not in slugs and len(slugs) == CASES - 1


def test_sample_buckets_are_uniform(db):
    """Estimates scale a sample by 1000 / bound: every bucket must be equally likely."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {SAMPLE_SQL.format(id='n')} AS bucket, count(*) "
            "FROM generate_series(1, 200000) AS n GROUP BY bucket"
        )
        sizes = dict(cursor.fetchall())
    assert set(sizes) == set(range(counts.SAMPLE_BUCKETS))
    assert min(sizes.values()) >= 140 and max(sizes.values()) <= 260  # 200 expected each
    assert abs(sum(sizes[bucket] for bucket in range(5)) - 1000) < 120


def test_next_stays_usable_past_a_low_estimate(client, many, small_thresholds, monkeypatch):
    monkeypatch.setattr(counts, "rounded", lambda estimate: 20)  # one page, too low
    first = search(client, q="extradition", page=1).context["results"]
    assert first.page.paginator.num_pages == 1 and first.page.has_next()
    second = search(client, q="extradition", page=2).context["results"]
    assert second.page.number == 2 and len(second.page.object_list) == 20


def test_a_set_counted_exactly_is_ranked_whole_without_reading_it_again(
    client, many, django_assert_max_num_queries
):
    Case.objects.filter(slug="case-0").update(title="Extradition extradition extradition")
    with django_assert_max_num_queries(8):
        found = search(client, q="extradition").context["results"]
    assert found.exact and found.ranked_among is None
    assert found.page.object_list[0].case.slug == "case-0"  # the oldest, but most relevant


def _lookup(words: str) -> query.ParsedQuery:
    return text.with_names(query.parse(words))


def test_names_rank_a_common_word_only_when_it_is_a_name(
    client, many, make_person, make_subject, monkeypatch
):
    """word_similarity() over every candidate's names costs some 30 µs a document: it ranks
    queries that are names, not a common word that no name holds."""
    monkeypatch.setattr(text, "FUZZY_BELOW", 2)
    looked_up = _lookup("extradition")
    assert (looked_up.similar, looked_up.ranks_names) == ({}, False)
    for number in range(3):
        make_subject(many[number], make_person(f"Ivan Extraditov {number}"))
    assert _lookup("Extraditov").ranks_names  # a name word of the lexicon, many matches
    assert _lookup("Extradtov").ranks_names  # a typo: few exact matches
    phrase = _lookup('"threatened with"')  # a phrase is no name
    assert (phrase.similar, phrase.ranks_names) == ({}, False)
    parsed = query.parse("extradition")
    ranked = CaseSearch.objects.annotate(rank=text.text_match(parsed)[1])
    assert "WORD_SIMILARITY" not in str(ranked.query).upper()
    ranked = CaseSearch.objects.annotate(rank=text.text_match(parsed.with_names({}, True))[1])
    assert "WORD_SIMILARITY" in str(ranked.query).upper()


def test_a_filtered_set_counted_exactly_is_ranked_from_its_own_rows(client, many):
    """Facet sets read with it are not ranked (CASE in the counting query); its own rows are."""
    Case.objects.filter(slug="case-0").update(title="Extradition extradition extradition")
    found = search(client, q="extradition", host_country="RU").context["results"]
    assert found.exact and found.count == CASES // 3
    assert found.page.object_list[0].case.slug == "case-0"
    assert {doc.case.host_country for doc in found.page.object_list} == {"RU"}
