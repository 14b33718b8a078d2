"""Fold a name written in any script or transliteration to one comparable key.

Follows shared/reference/transliteration.md: Cyrillic (Russian, Uzbek, Kazakh) is
transliterated, the letters that conventions render differently are folded to one
(zh/j/dj → j, kh/x/h → h, y/iy → i, ye → e, ts/tz → c, w → v, q → k), apostrophes and
accents dropped, doubled letters collapsed, and the words sorted so that surname-first
order compares equal. Abdussamatov, Abdusamatov and Абдусаматов share one key.
"""

import re
import unicodedata

CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "j",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "h",
    "ц": "c",
    "ч": "ch",
    "ш": "sh",
    "щ": "sh",
    "ъ": "",
    "ы": "i",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
    # Uzbek and Kazakh letters.
    "ў": "o",
    "ғ": "g",
    "қ": "k",
    "ҳ": "h",
    "ә": "a",
    "ң": "n",
    "ө": "o",
    "ұ": "u",
    "ү": "u",
    "һ": "h",
    "і": "i",
}

# Longest first: each alternative spelling of one sound becomes one spelling.
LATIN_FOLDS = [
    ("shch", "sh"),
    ("tsch", "ch"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("x", "h"),
    ("ts", "c"),
    ("tz", "c"),
    ("w", "v"),
    ("q", "k"),
    ("yu", "iu"),
    ("ya", "ia"),
    ("yo", "o"),
    ("ye", "e"),
    ("iy", "i"),
    ("y", "i"),
]
APOSTROPHES = re.compile(r"['`´ʹʻʼʽ‘’\"]")
NON_LETTERS = re.compile(r"[^a-z0-9]+")
DOUBLED = re.compile(r"(.)\1+")


def fold_word(word: str) -> str:
    word = "".join(CYRILLIC.get(letter, letter) for letter in word)
    word = unicodedata.normalize("NFKD", word)
    word = "".join(ch for ch in word if not unicodedata.combining(ch))
    word = APOSTROPHES.sub("", word)
    for spelling, folded in LATIN_FOLDS:
        word = word.replace(spelling, folded)
    word = NON_LETTERS.sub("", word)
    return DOUBLED.sub(r"\1", word)


def fold_name(name: str) -> str:
    """'Shodiev Akmaljon' and 'Akmalzhon Shodiev' both → 'akmaljon shodiev'."""
    words = unicodedata.normalize("NFKC", name).lower().split()
    return " ".join(sorted(filter(None, (fold_word(w) for w in words))))
