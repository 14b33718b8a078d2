"""People of the model case, their spellings in every script, roles, ties and contacts.

Natural keys: Person by slug; NameVariant by (person, text); Affiliation by
(person, organization, role_title); CaseSubject by (case, person, role); Relation by
(person, relative, kind); ContactDetail by (person, kind, value).

Name kinds: "official" is the spelling of the UN Committee's decision (the formal legal
record); every other spelling, Latin or Cyrillic, is a "transliteration".
Nationality is left empty for the men: the 29 complainants were 27 Uzbek and 2 Tajik
nationals and our sources do not say which were which.
"""

from cases.demo.refs import org, person, when
from cases.models import SubjectRole as Role
from core.models import Visibility
from people.models import ContactKind, NameKind, RelationKind, Script, Sex

PUBLIC, CONFIDENTIAL = Visibility.PUBLIC, Visibility.CONFIDENTIAL
LATIN, CYRILLIC = Script.LATIN, Script.CYRILLIC
OFFICIAL, TRANSLITERATION = NameKind.OFFICIAL, NameKind.TRANSLITERATION
MARKER = "CONFIDENTIAL-DEMO"

# The men. Each spelling: (text, script, kind, language of the document it comes from).
COMPLAINANT = (
    Role.COMPLAINANT,
    "One of the 29 complainants before the UN Committee Against Torture",
)
DETAINEE = (Role.DETAINEE, "Held in Almaty from June 2010")
ASYLUM_SEEKER = (Role.ASYLUM_SEEKER, "")

MEN = [
    {
        "slug": "toirjon-abdussamatov",
        "display_name": "Toirjon Abdussamatov",
        "names": [
            ("Toirjon Abdussamatov", LATIN, OFFICIAL, "en"),
            ("Toirzhon Abdusamatov", LATIN, TRANSLITERATION, "en"),
            ("Тоиржон Абдусаматов", CYRILLIC, TRANSLITERATION, "ru"),
        ],
        "roles": [
            DETAINEE,
            ASYLUM_SEEKER,
            (Role.COMPLAINANT, "First-named complainant before the UN Committee Against Torture"),
        ],
    },
    {
        "slug": "akmaljon-shodiev",
        "display_name": "Akmaljon Shodiev",
        "names": [
            ("Shodiev Akmaljon", LATIN, OFFICIAL, "en"),
            ("Akmalzhon Shodiev", LATIN, TRANSLITERATION, "en"),
        ],
        "roles": [DETAINEE, ASYLUM_SEEKER, COMPLAINANT],
    },
    {
        "slug": "suhrob-bazarov",
        "display_name": "Suhrob Bazarov",
        "names": [
            ("Suhrob Bazarov", LATIN, OFFICIAL, "en"),
            ("Suhrob Bozorov", LATIN, TRANSLITERATION, "en"),
            ("Сухроб Бозоров", CYRILLIC, TRANSLITERATION, "ru"),
        ],
        "roles": [DETAINEE, ASYLUM_SEEKER, COMPLAINANT],
        **when("birth_date", 1979, about=True),
        "internal_notes": "Aged 32 in March 2011 according to the Russian-language press.",
    },
    {
        "slug": "hurshid-kamilov",
        "display_name": "Hurshid Kamilov",
        "names": [
            ("Hurshid Kamilov", LATIN, TRANSLITERATION, "en"),
            ("Khurshid Komilov", LATIN, TRANSLITERATION, "en"),
        ],
        "roles": [DETAINEE, ASYLUM_SEEKER],
        "internal_notes": "Kamilov (Amnesty) or Komilov (IWPR); not named in the UN decision.",
    },
    {
        "slug": "nigmatulla-nabiev",
        "display_name": "Nigmatulla Nabiev",
        "names": [
            ("Nigmatulla Nabiev", LATIN, OFFICIAL, "en"),
            ("Nigmatullo Nabiev", LATIN, TRANSLITERATION, "en"),
        ],
        "roles": [
            (Role.DETAINEE, "Arrested in June 2010, later released"),
            ASYLUM_SEEKER,
            COMPLAINANT,
        ],
    },
    {
        "slug": "rafshan-turaev",
        "display_name": "Rafshan Turaev",
        "names": [
            ("Rafshan Turaev", LATIN, OFFICIAL, "en"),
            ("Рафшан Тураев", CYRILLIC, TRANSLITERATION, "ru"),
        ],
        "roles": [DETAINEE, ASYLUM_SEEKER, COMPLAINANT],
        **when("birth_date", 1970, about=True),
        "internal_notes": "Aged 41 in March 2011 according to the Russian-language press.",
    },
    {
        "slug": "dilbek-karimov",
        "display_name": "Dilbek Karimov",
        "names": [
            ("Dilbek Karimov", LATIN, OFFICIAL, "en"),
            ("Дильбек Каримов", CYRILLIC, TRANSLITERATION, "ru"),
        ],
        "roles": [DETAINEE, ASYLUM_SEEKER, COMPLAINANT],
        **when("birth_date", 1988, about=True),
        "internal_notes": "Aged 23 in March 2011 according to the Russian-language press.",
    },
]

# Officials, spokespeople and counsel: (organization slug, role title) for each affiliation.
STAFF = [
    {
        "slug": "tashkenbai-aubakirov",
        "display_name": "Tashkenbai Aubakirov",
        "names": [
            ("Tashkenbai Aubakirov", LATIN, TRANSLITERATION, "en"),
            ("Tashkenbay Aubakirov", LATIN, TRANSLITERATION, "en"),
        ],
        "affiliations": [("almaty-city-prosecutor", "Deputy prosecutor of Almaty city")],
        "roles": [(Role.OFFICIAL, "Confirmed on 9 June 2011 that the men had been extradited")],
    },
    {
        "slug": "ashat-daulbayev",
        "display_name": "Ashat Daulbayev",
        "names": [
            ("Ashat Daulbayev", LATIN, TRANSLITERATION, "en"),
            ("Askhat Daulbayev", LATIN, TRANSLITERATION, "en"),
            ("Асхат Даулбаев", CYRILLIC, TRANSLITERATION, "ru"),
        ],
        "affiliations": [("prosecutor-general-kazakhstan", "Prosecutor General of Kazakhstan")],
        "roles": [(Role.OFFICIAL, "Addressee of the NGOs' joint letter of 7 June 2011")],
    },
    {
        "slug": "ilyas-omarov",
        "display_name": "Ilyas Omarov",
        "names": [
            ("Ilyas Omarov", LATIN, TRANSLITERATION, "en"),
            ("Ильяс Омаров", CYRILLIC, TRANSLITERATION, "ru"),
        ],
        "affiliations": [("kazakhstan-foreign-ministry", "Spokesman")],
        "roles": [(Role.OFFICIAL, "Cited Uzbekistan's written assurances")],
    },
    {
        "slug": "veronika-szente-golston",
        "display_name": "Veronika Szente Golston",
        "sex": Sex.FEMALE,
        "affiliations": [
            ("human-rights-watch", "Advocacy director for Europe and Central Asia"),
        ],
    },
    {
        "slug": "maisy-weicherding",
        "display_name": "Maisy Weicherding",
        "sex": Sex.FEMALE,
        "affiliations": [("amnesty-international", "Central Asia expert")],
    },
    {
        "slug": "rachel-denber",
        "display_name": "Rachel Denber",
        "sex": Sex.FEMALE,
        "affiliations": [("human-rights-watch", "Deputy director, Europe and Central Asia")],
    },
    {
        "slug": "christine-laroque",
        "display_name": "Christine Laroque",
        "sex": Sex.FEMALE,
        "affiliations": [("acat-france", "Counsel")],
        "roles": [
            (Role.LAWYER, "Counsel for the complainants before the UN Committee Against Torture"),
        ],
    },
]


def _person(entry, sex=Sex.MALE, visibility=PUBLIC) -> dict:
    row = {k: v for k, v in entry.items() if k not in {"names", "roles", "affiliations"}}
    return {"sex": entry.get("sex", sex), "visibility": visibility, **row}


PEOPLE = [_person(entry) for entry in MEN] + [_person(entry) for entry in STAFF]

NAME_VARIANTS = [
    {
        "person": person(entry["slug"]),
        "text": text,
        "script": script,
        "kind": kind,
        "language": language,
        "visibility": PUBLIC,
    }
    for entry in MEN + STAFF
    for text, script, kind, language in entry.get("names", [])
]

AFFILIATIONS = [
    {
        "person": person(entry["slug"]),
        "organization": org(organization),
        "role_title": title,
        "visibility": PUBLIC,
    }
    for entry in STAFF
    for organization, title in entry["affiliations"]
]

SUBJECTS = [
    {"person": person(entry["slug"]), "role": role, "description": text, "visibility": PUBLIC}
    for entry in MEN + STAFF
    for role, text in entry.get("roles", [])
]

# A relative whose identity and number must never leave the staff side. Fictitious.
RELATIVE_SLUG = "confidential-demo-relative"
PEOPLE.append(
    {
        "slug": RELATIVE_SLUG,
        "display_name": f"{MARKER} wife of Rafshan Turaev",
        "sex": Sex.FEMALE,
        "internal_notes": f"{MARKER}: a fictitious entry showing how relatives are kept private.",
        "visibility": CONFIDENTIAL,
    }
)
SUBJECTS.append(
    {
        "person": person(RELATIVE_SLUG),
        "role": Role.RELATIVE,
        "description": f"{MARKER}: took part in the picket of 9 June 2011",
        "visibility": CONFIDENTIAL,
    }
)
RELATIONS = [
    {
        "person": person("rafshan-turaev"),
        "relative": person(RELATIVE_SLUG),
        "kind": RelationKind.SPOUSE,
        "notes": f"{MARKER}: relation known to staff only.",
        "visibility": CONFIDENTIAL,
    }
]
CONTACTS = [
    {
        "person": person(RELATIVE_SLUG),
        "kind": ContactKind.PHONE,
        "value": "+7 700 000 0000",
        "notes": f"{MARKER}: relative's phone, fictitious; call only from the office line.",
        "visibility": CONFIDENTIAL,
    }
]
