"""Synthetic Central Asian names in Cyrillic, and their Latin spellings by several conventions.

Each convention renders the letters of shared/reference/transliteration.md its own way,
so the generated people carry the spelling variation real sources show.
"""

import random

GIVEN_MALE = [
    "Тоиржон",
    "Акмалжон",
    "Сухроб",
    "Хуршид",
    "Нигматулло",
    "Рафшан",
    "Дильбек",
    "Алишер",
    "Бахтиёр",
    "Баходир",
    "Джамшид",
    "Дилшод",
    "Ильхом",
    "Жахонгир",
    "Журабек",
    "Зафар",
    "Икром",
    "Камолиддин",
    "Лутфулло",
    "Мухаммад",
    "Мирзохид",
    "Нодир",
    "Обиджон",
    "Озод",
    "Рустам",
    "Равшан",
    "Санжар",
    "Сардор",
    "Тимур",
    "Улугбек",
    "Умиджон",
    "Фаррух",
    "Фуркат",
    "Хамид",
    "Шавкат",
    "Шерзод",
    "Шухрат",
    "Элёр",
    "Юсуф",
    "Ядгор",
    "Абдулло",
    "Азамат",
    "Айбек",
    "Ержан",
    "Жандос",
    "Нурлан",
    "Серик",
    "Талгат",
    "Тохир",
    "Файзулло",
    "Хайрулло",
    "Ёкуб",
    "Исмоил",
    "Шохрух",
]
GIVEN_FEMALE = [
    "Гулнора",
    "Дилноза",
    "Зарина",
    "Камола",
    "Малика",
    "Мохира",
    "Нигора",
    "Озода",
    "Саида",
    "Феруза",
    "Шахноза",
    "Юлдуз",
    "Айгуль",
    "Жанар",
    "Гульмира",
    "Мадина",
    "Нодира",
    "Севара",
    "Умида",
    "Хилола",
]
SURNAME_STEMS = [
    "Абдусамат",
    "Шоди",
    "Бозор",
    "Камил",
    "Набий",
    "Тура",
    "Карим",
    "Ахмед",
    "Юсуп",
    "Рахим",
    "Салим",
    "Хамид",
    "Ташкент",
    "Усман",
    "Исмаил",
    "Маджид",
    "Назар",
    "Одил",
    "Пулат",
    "Рашид",
    "Садык",
    "Тохир",
    "Умар",
    "Файзулл",
    "Хайдар",
    "Шукур",
    "Эргаш",
    "Юлдаш",
    "Якуб",
    "Алим",
    "Бакир",
    "Валий",
    "Гафур",
    "Джурай",
    "Закир",
    "Ибрагим",
    "Джалил",
    "Латиф",
    "Мирзаев",
    "Нурмат",
    "Орип",
    "Рустам",
    "Султан",
    "Турсун",
    "Улмас",
    "Хабиб",
    "Холмат",
    "Шариф",
    "Эсон",
    "Абдулл",
    "Баходир",
    "Жума",
    "Иргаш",
    "Кодир",
    "Мамат",
    "Низом",
    "Раджаб",
    "Сайфулл",
    "Тошпулат",
    "Хасан",
    "Чори",
    "Шерали",
    "Эшмат",
    "Аубакир",
    "Даулбай",
    "Омар",
    "Ермек",
    "Жаксылык",
    "Сарсенбай",
    "Нурпеис",
    "Ахмадж",
    "Зиёд",
    "Муминж",
    "Сафар",
    "Хусан",
]
SURNAME_ENDINGS = ("ов", "ев", "жонов", "беков", "уллаев", "алиев", "кулов", "назаров")

# One table per convention: how each troublesome Cyrillic letter is written.
COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "з": "z", "и": "i", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "ъ": "", "ь": "", "э": "e", "ғ": "g", "қ": "q", "ў": "o'", "ҳ": "h",
}  # fmt: skip
CONVENTIONS = {
    "passport": {"ж": "zh", "х": "kh", "й": "i", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
                 "ю": "iu", "я": "ia", "е": "e", "ё": "e", "ы": "y"},
    "bgn": {"ж": "zh", "х": "kh", "й": "y", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
            "ю": "yu", "я": "ya", "е": "e", "ё": "yo", "ы": "y"},
    "uzbek": {"ж": "j", "х": "x", "й": "y", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh",
              "ю": "yu", "я": "ya", "е": "e", "ё": "yo", "ы": "i"},
    "french": {"ж": "j", "х": "kh", "й": "i", "ц": "ts", "ч": "tch", "ш": "ch", "щ": "chtch",
               "ю": "iou", "я": "ia", "е": "e", "ё": "io", "ы": "y"},
    "german": {"ж": "sch", "х": "ch", "й": "j", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch",
               "ю": "ju", "я": "ja", "е": "e", "ё": "jo", "ы": "y", "в": "w"},
}  # fmt: skip
# The folding in people/names.py covers these; French and German ones are harder.
MATCHABLE = ("passport", "bgn", "uzbek")


def transliterate(cyrillic: str, convention: str) -> str:
    table = {**COMMON, **CONVENTIONS[convention]}
    words = []
    for word in cyrillic.split():
        latin = "".join(table.get(ch, table.get(ch.lower(), ch)) for ch in word.lower())
        words.append(latin[:1].upper() + latin[1:])
    return " ".join(words)


def patronymic(father: str, sex: str) -> str:
    """Тоиржон → Тоиржонович / Тоиржоновна; Абдулло → Абдуллович."""
    stem = father[:-1] if father[-1] in "оаяйь" else father
    return stem + ("овна" if sex == "female" else "ович")


def person_name(rng: random.Random, sex: str) -> str:
    """Given name, patronymic and surname: about 1.7 million combinations, so that at a
    million cases most people's full names are their own, as in real records."""
    given = rng.choice(GIVEN_FEMALE if sex == "female" else GIVEN_MALE)
    surname = rng.choice(SURNAME_STEMS) + rng.choice(SURNAME_ENDINGS)
    if sex == "female":
        surname += "а"
    return f"{given} {patronymic(rng.choice(GIVEN_MALE), sex)} {surname}"


def typo(rng: random.Random, text: str) -> str:
    """One small slip: a doubled, dropped or swapped letter inside the longest word."""
    words = text.split()
    index = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[index]
    if len(word) < 5:
        return text
    pos = rng.randrange(1, len(word) - 2)
    kind = rng.choice(("double", "drop", "swap"))
    if kind == "double":
        word = word[:pos] + word[pos] + word[pos:]
    elif kind == "drop":
        word = word[:pos] + word[pos + 1 :]
    else:
        word = word[:pos] + word[pos + 1] + word[pos] + word[pos + 2 :]
    words[index] = word
    return " ".join(words)
