"""Folding a name written in any script or transliteration to one comparable key.

The definition lives in the database (`fold_name()` SQL function, migration
people/0002) so that generated columns, triggers, bulk loads and raw SQL all use the
same one. It follows shared/reference/transliteration.md: Cyrillic (Russian, Uzbek,
Kazakh) is transliterated; letters that conventions render differently are folded to one
(zh/j/dj → j, kh/x/h → h, y/iy → i, ye → e, ts/tz → c, w → v, q → k); apostrophes and
accents are dropped; doubled letters collapse; words are sorted, so that surname-first
order compares equal. Abdussamatov, Abdusamatov and Абдусаматов share one key.
"""

from django.db import connection

# Cyrillic letters (Russian, then Uzbek and Kazakh) and their Latin key.
CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "j",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "c",
    "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "iu",
    "я": "ia", "ў": "o", "ғ": "g", "қ": "k", "ҳ": "h", "ә": "a", "ң": "n", "ө": "o",
    "ұ": "u", "ү": "u", "һ": "h", "і": "i",
}  # fmt: skip

# Applied in order, longest spellings first, after transliteration and unaccent.
LATIN_FOLDS = [
    ("shch", "sh"), ("tsch", "ch"), ("sch", "sh"), ("tch", "ch"), ("dj", "j"), ("zh", "j"),
    ("kh", "h"), ("gh", "g"), ("x", "h"), ("ts", "c"), ("tz", "c"), ("w", "v"), ("q", "k"),
    ("yu", "iu"), ("ya", "ia"), ("yo", "o"), ("ye", "e"), ("iy", "i"), ("y", "i"),
]  # fmt: skip

APOSTROPHES = "'`´ʹʻʼʽ‘’\""


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
    """'Shodiev Akmaljon' and 'Akmalzhon Shodiev' both → 'akmaljon shodiev'."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT fold_name(%s)", [name])
        return cursor.fetchone()[0]
