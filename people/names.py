"""Folding a name written in any script or transliteration to one comparable key.

The definition lives in the database (`fold_word()` and `fold_name()` SQL functions,
generated from the tables below and frozen into people migrations by `python manage.py
makesearchmigration`, which finds the latest through the migration graph) so that
generated columns, triggers, bulk loads and raw SQL all use the same one. It follows
shared/reference/transliteration.md and is checked against BGN/PCGN, ISO 9, the Russian
passport rules of 2013, French, German, Uzbek Latin (1995) and Kazakh Latin (2021)
spellings (tests/people/test_fold_conventions.py).

Cyrillic is first written as BGN/PCGN would (ж → zh, х → kh, й → y, ю → yu), so that it
then goes through the very folds every Latin spelling goes through: whatever two
conventions agree on before a fold they still agree on after it. Where conventions use
one Latin letter for different Cyrillic ones the key merges those letters, because the
fold cannot know the convention: French "ch" is ш and English "ch" is ч, so ч, ш, щ and ц
share "c"; "j" is ж in English, French and Uzbek but й in German and ISO 9, so ж and й
share "i"; ё is "e" in passports and "yo" elsewhere, so both fold to "e". Apostrophes and
accents are dropped, doubled letters collapse and words are sorted, so that surname-first
order compares equal: Abdussamatov, Abdusamatov and Абдусаматов share one key. The key
only ever widens a match; trigram similarity forgives what is left.
"""

from django.db import connection

# Cyrillic letters (Russian, then Uzbek and Kazakh), written as BGN/PCGN would.
CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "ў": "o", "ғ": "g", "қ": "q", "ҳ": "h", "ә": "a", "ң": "ng", "ө": "o",
    "ұ": "u", "ү": "u", "һ": "h", "і": "i",
}  # fmt: skip

# Latin letters whose accent carries the sound, replaced before unaccent() drops accents:
# ISO 9 (ž č š ŝ û â) and Kazakh Latin 2021 (ş ç ı).
LATIN_LETTERS = {
    "ž": "zh", "č": "ch", "š": "sh", "ŝ": "shch", "û": "yu", "â": "ya", "ş": "sh", "ç": "ch",
    "ı": "i",
}  # fmt: skip

# Applied in order after transliteration and unaccent: longer spellings first, and each
# fold only after the folds that can make its spelling (dzh → dj → j, then j → y → i).
LATIN_FOLDS = [
    # ч ш щ: German dsch (дж), tsch, sch; French tch, ch; English ch, sh, shch.
    ("dsch", "j"), ("tsch", "c"), ("sch", "c"), ("tch", "c"), ("ch", "c"), ("sh", "c"),
    # ж and дж: zh, dzh, dj (French), j.
    ("zh", "j"), ("dj", "j"),
    # х ғ ц в қ: kh/x/h, gh/g, ts/tz/c, w/v, q/k; French ou (у); Kazakh ng (ң).
    ("kh", "h"), ("gh", "g"), ("x", "h"), ("ts", "c"), ("tz", "c"), ("w", "v"), ("q", "k"),
    ("ou", "u"), ("ng", "n"),
    # й ю я ё е: German and ISO 9 j, then y/i (ya, ia, ja; yo, jo, io, e; -iy, -ii, -y).
    ("j", "y"), ("yu", "iu"), ("ya", "ia"), ("yo", "e"), ("io", "e"), ("ye", "e"),
    ("iy", "i"), ("y", "i"),
]  # fmt: skip

# Apostrophes, modifier letters (Uzbek oʻ, ISO 9 ʹ ʺ) and BGN/PCGN's separating dot.
APOSTROPHES = "'`´ʹʺʻʼʽ‘’\"·"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def fold_word_sql() -> str:
    """The body of the SQL function fold_word(text), generated from the tables above."""
    expr = "lower($1)"
    for letter, latin in CYRILLIC.items():
        if len(latin) != 1:
            expr = f"replace({expr}, {_literal(letter)}, {_literal(latin)})"
    singles = {letter: latin for letter, latin in CYRILLIC.items() if len(latin) == 1}
    expr = f"translate({expr}, {_literal(''.join(singles))}, {_literal(''.join(singles.values()))})"
    for letter, latin in LATIN_LETTERS.items():
        expr = f"replace({expr}, {_literal(letter)}, {_literal(latin)})"
    expr = f"public.immutable_unaccent({expr})"
    expr = f"translate({expr}, {_literal(APOSTROPHES)}, '')"
    for spelling, folded in LATIN_FOLDS:
        expr = f"replace({expr}, {_literal(spelling)}, {_literal(folded)})"
    expr = f"regexp_replace({expr}, '[^a-z0-9]+', '', 'g')"
    return f"SELECT regexp_replace({expr}, '(.)\\1+', '\\1', 'g')"


FOLD_NAME_SQL = """
SELECT coalesce(string_agg(folded, ' ' ORDER BY folded), '')
FROM (
    SELECT public.fold_word(word) AS folded FROM regexp_split_to_table($1, '\\s+') AS word
) AS words
WHERE folded <> ''
"""


def fold_name(name: str) -> str:
    """'Shodiev Akmaljon' and 'Akmalzhon Shodiev' both → 'akmalen codiev'."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT fold_name(%s)", [name])
        return cursor.fetchone()[0]


def _function_sql(name: str, body: str) -> str:
    return (
        f"\nCREATE OR REPLACE FUNCTION {name}(text) RETURNS text\n"
        f"LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT\nAS $fold$ {body.strip()} $fold$;\n"
    )


def fold_functions_sql() -> dict[str, str]:
    """The statements that define fold_word() and fold_name(), as people migrations freeze
    them (constants FOLD_WORD and FOLD_NAME; python manage.py makesearchmigration)."""
    return {
        "FOLD_WORD": _function_sql("fold_word", fold_word_sql()),
        "FOLD_NAME": _function_sql("fold_name", FOLD_NAME_SQL),
    }
