"""Short narratives in English, Russian, Kazakh and Uzbek, with terms of known frequency.

The benchmark searches a very common term (in most cases), a medium one (about 2 %)
and a rare one (about 1 in 5,000), so each is planted at a known rate.
"""

import random

COMMON_TERM = "extradition"
MEDIUM_TERM = "hunger strike"
RARE_TERM = "Zhezkazgan"
MEDIUM_RATE = 0.02
RARE_RATE = 0.0002

CITIES = {
    "KZ": ["Almaty", "Astana", "Shymkent", "Aktobe", "Taraz"],
    "RU": ["Moscow", "Saint Petersburg", "Kazan", "Yekaterinburg", "Novosibirsk"],
    "TR": ["Istanbul", "Ankara", "Izmir", "Bursa"],
    "UA": ["Kyiv", "Odesa", "Kharkiv"],
    "KG": ["Bishkek", "Osh", "Jalal-Abad"],
    "TJ": ["Dushanbe", "Khujand"],
    "AZ": ["Baku", "Ganja"],
    "GE": ["Tbilisi", "Batumi"],
}
ORIGINS = ["UZ", "UZ", "UZ", "TJ", "TM", "RU", "KZ", "AF", "CN", "KG"]
ORIGIN_NAMES = {
    "UZ": ("Uzbekistan", "Узбекистан"), "TJ": ("Tajikistan", "Таджикистан"),
    "TM": ("Turkmenistan", "Туркменистан"), "RU": ("Russia", "Россия"),
    "KZ": ("Kazakhstan", "Казахстан"), "AF": ("Afghanistan", "Афганистан"),
    "CN": ("China", "Китай"), "KG": ("Kyrgyzstan", "Кыргызстан"),
}  # fmt: skip
CHARGES = [
    "religious extremism", "membership of a banned organisation", "anti-constitutional activity",
    "terrorism", "illegal border crossing", "fraud", "participation in unrest",
]  # fmt: skip

SUMMARIES = {
    "en": [
        "{name} fled {origin} after repeated interrogations and sought asylum in {city}. "
        "The authorities of {origin} requested {term} on charges of {charge}.",
        "Police in {city} detained {name}, a refugee from {origin}, pending {term}. "
        "Rights groups warned of a real risk of torture on return.",
        "The migration service in {city} refused refugee status to {name}; the appeal "
        "was rejected within minutes and {term} proceedings continued.",
    ],
    "ru": [
        "{name} бежал из страны {origin_ru} и попросил убежища в городе {city}. "
        "Власти потребовали экстрадиции по обвинению в экстремизме.",
        "Полиция задержала {name}; правозащитники опасаются пыток после выдачи.",
        "Миграционная служба отказала {name} в статусе беженца, суд оставил решение в силе.",
    ],
    "kk": [
        "{name} {city} қаласында ұсталды. Құқық қорғаушылар оны қайтару азаптауға "
        "әкелуі мүмкін деп мәлімдеді.",
        "Көші-қон қызметі {name} босқын мәртебесін беруден бас тартты.",
    ],
    "uz": [
        "{name} {city} shahrida hibsga olindi. Huquq himoyachilari uni qaytarish "
        "qiynoqqa olib kelishi mumkinligini aytdi.",
        "Migratsiya xizmati {name}ga qochqin maqomini berishni rad etdi.",
    ],
}
LANGUAGE_WEIGHTS = (("en", 50), ("ru", 30), ("kk", 10), ("uz", 10))


def language(rng: random.Random) -> str:
    return rng.choices([lang for lang, _ in LANGUAGE_WEIGHTS], [w for _, w in LANGUAGE_WEIGHTS])[0]


def summary(rng: random.Random, lang: str, name: str, city: str, origin: str) -> str:
    text = rng.choice(SUMMARIES[lang]).format(
        name=name, city=city, origin=ORIGIN_NAMES[origin][0], origin_ru=ORIGIN_NAMES[origin][1],
        term=COMMON_TERM, charge=rng.choice(CHARGES),
    )  # fmt: skip
    if rng.random() < MEDIUM_RATE:
        text += f" In detention they went on a {MEDIUM_TERM}."
    if rng.random() < RARE_RATE:
        text += f" They were later moved to a prison in {RARE_TERM}."
    return text
