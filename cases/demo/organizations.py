"""Organizations of the model case: NGOs, media, UN bodies and Kazakh authorities.

Natural key: slug. An empty country means an international organization.
"""

from core.models import Visibility
from organizations.models import OrganizationKind as Kind

PUBLIC = Visibility.PUBLIC


def _org(slug, name, acronym, kind, country="", website="", notes=""):
    return {
        "slug": slug,
        "name": name,
        "acronym": acronym,
        "kind": kind,
        "country": country,
        "website": website,
        "internal_notes": notes,
        "visibility": PUBLIC,
    }


ORGANIZATIONS = [
    # Non-governmental organizations and media.
    _org("human-rights-watch", "Human Rights Watch", "HRW", Kind.NGO, "", "https://www.hrw.org/"),
    _org(
        "amnesty-international",
        "Amnesty International",
        "AI",
        Kind.NGO,
        "",
        "https://www.amnesty.org/",
    ),
    _org(
        "fidh",
        "International Federation for Human Rights",
        "FIDH",
        Kind.NGO,
        "",
        "https://www.fidh.org/",
    ),
    _org(
        "acat-france",
        "Action by Christians for the Abolition of Torture (France)",
        "ACAT-France",
        Kind.NGO,
        "FR",
        "https://www.acatfrance.fr/",
        notes="Represented the complainants before the UN Committee Against Torture.",
    ),
    _org("ahrca", "Association for Human Rights in Central Asia", "AHRCA", Kind.NGO, "FR"),
    _org(
        "iwpr",
        "Institute for War and Peace Reporting",
        "IWPR",
        Kind.MEDIA,
        "",
        "https://iwpr.net/",
    ),
    _org(
        "rfe-rl",
        "Radio Free Europe/Radio Liberty",
        "RFE/RL",
        Kind.MEDIA,
        "",
        "https://www.rferl.org/",
    ),
    _org(
        "azattyq",
        "Azattyq (RFE/RL Kazakh Service)",
        "Azattyq",
        Kind.MEDIA,
        "KZ",
        "https://rus.azattyq.org/",
        notes="RFE/RL's Kazakh service; publishes in Kazakh and Russian.",
    ),
    # United Nations.
    _org(
        "un-committee-against-torture",
        "UN Committee Against Torture",
        "CAT",
        Kind.UN_BODY,
        "",
        "https://www.ohchr.org/en/treaty-bodies/cat",
    ),
    _org(
        "unhcr",
        "Office of the UN High Commissioner for Refugees",
        "UNHCR",
        Kind.UNHCR,
        "",
        "https://www.unhcr.org/",
    ),
    # Kazakh authorities.
    _org(
        "almaty-city-prosecutor",
        "Almaty City Prosecutor's Office",
        "",
        Kind.PROSECUTOR,
        "KZ",
    ),
    _org(
        "prosecutor-general-kazakhstan",
        "Prosecutor General's Office of Kazakhstan",
        "",
        Kind.PROSECUTOR,
        "KZ",
    ),
    _org(
        "kazakhstan-migration-police",
        "Migration Police of Kazakhstan",
        "",
        Kind.MIGRATION_AUTHORITY,
        "KZ",
        notes="Registered asylum seekers under the 2010 refugee law; took part in the arrests.",
    ),
    _org(
        "kazakhstan-refugee-status-commission",
        "Central Commission for the Determination of Refugee Status (Kazakhstan)",
        "CDRS",
        Kind.MIGRATION_AUTHORITY,
        "KZ",
        notes="The state refugee commission; RFE/RL calls it the Kazakh Migration Services.",
    ),
    _org("almaty-city-court", "Almaty City Court", "", Kind.COURT, "KZ"),
    _org(
        "almaty-district-court",
        "District court in Almaty",
        "",
        Kind.COURT,
        "KZ",
        notes="Our sources do not name the district.",
    ),
    _org("almaty-appeals-court", "Almaty Appeals Court", "", Kind.COURT, "KZ"),
    _org(
        "kazakhstan-foreign-ministry",
        "Ministry of Foreign Affairs of Kazakhstan",
        "MFA",
        Kind.MINISTRY,
        "KZ",
    ),
    _org("almaty-police", "Almaty City Police", "", Kind.POLICE, "KZ"),
]
