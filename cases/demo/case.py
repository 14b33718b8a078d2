"""The model case itself and the sources its records cite.

Natural keys: Case by slug; Source by title. Dates of sources we could not pin down are
left empty or given only as precisely as they are known.
"""

from cases.demo.refs import org, when
from cases.models import CaseStatus, PublicationState, Reliability
from core.models import Visibility

PUBLIC, INTERNAL = Visibility.PUBLIC, Visibility.INTERNAL
INTERNAL_MARKER = "INTERNAL-DEMO"

CASE_SLUG = "kazakhstan-uzbek-asylum-seekers-2010"

CASE = {
    "slug": CASE_SLUG,
    "title": "Uzbek asylum seekers detained and extradited by Kazakhstan (2010–2011)",
    "summary": (
        "In June 2010 police in Almaty detained a group of Uzbek men who had fled religious "
        "persecution at home; a dozen of them had already been recognised as refugees by "
        "UNHCR. Uzbekistan wanted them on charges of religious extremism. Kazakhstan's refugee "
        "commission turned down their asylum claims without giving reasons, the courts "
        "rejected their appeals, and on 9 June 2011, after a year in detention, the men were "
        "handed over to Uzbekistan, although the UN Committee Against Torture had asked "
        "Kazakhstan not to send them back while it examined their complaint. A year later the "
        "Committee found that Kazakhstan had broken the Convention's ban on returning people "
        "to a country where they risk torture.\n\n"
        "Sources disagree on how many men were sent back: RFE/RL, citing Kazakh officials, "
        "reported 29, while Human Rights Watch, IWPR and Uznews counted 28. The complaint to "
        "the UN Committee was brought on behalf of 29 men, 27 Uzbek and 2 Tajik nationals."
    ),
    "internal_notes": (
        f"{INTERNAL_MARKER}: staff only. To check: whether the 'Almaty Appeals Court' named by "
        "RFE/RL is the appeals bench of the Almaty City Court (1 March 2011), in which case the "
        "two appeal records should be merged; the exact date of the UN Committee's request for "
        "interim measures; which men were refused on 11 and which on 27 August 2010; which body "
        "granted Nigmatulla Nabiev asylum (recorded as the refugee commission)."
    ),
    "status": CaseStatus.EXTRADITED,
    "host_country": "KZ",
    "origin_country": "UZ",
    "people_count": 29,
    "charges": (
        "Wanted in Uzbekistan under articles 159 and 244-2 of the Uzbek Criminal Code: "
        "anti-constitutional activity and membership of banned organisations, described by the "
        "authorities as religious extremism. The men and their families deny any link to "
        "Islamist groups."
    ),
    "tags": [
        "extradition",
        "asylum",
        "non-refoulement",
        "religious extremism",
        "diplomatic assurances",
        "UN Committee Against Torture",
        "interim measures ignored",
    ],
    "publication_state": PublicationState.PUBLISHED,
}

OFFICIAL, ESTABLISHED = Reliability.OFFICIAL, Reliability.ESTABLISHED


def _source(key, title, publisher, url="", language="en", reliability=ESTABLISHED, **fields):
    return {
        "ref": key,
        "title": title,
        "publisher": org(publisher) if publisher else None,
        "url": url,
        "language": language,
        "reliability": reliability,
        "visibility": fields.pop("visibility", PUBLIC),
        **fields,
    }


SOURCES = [
    _source(
        "seed",
        "Kazakhstan Extradites 29 Uzbek Asylum-Seekers Despite Protests",
        "rfe-rl",
        "https://www.rferl.org/a/kazakhstan_extradites_29_uzbek_asylum_seekers_despite_protests"
        "/24230209.html",
        **when("published_on", 2011, 6),
        internal_notes="Also published in Kazakh, Uzbek and Russian.",
    ),
    _source(
        "cat-decision",
        "Abdussamatov and others v. Kazakhstan, communication No. 444/2010, decision of the "
        "Committee Against Torture (CAT/C/48/D/444/2010)",
        "un-committee-against-torture",
        reliability=OFFICIAL,
        **when("published_on", 2012, 6, 1),
    ),
    _source(
        "cat-admissibility",
        "Abdussamatov and others v. Kazakhstan, communication No. 444/2010, decision on "
        "admissibility (CAT/C/47/D/444/2010)",
        "un-committee-against-torture",
        reliability=OFFICIAL,
        **when("published_on", 2011, 11, 15),
    ),
    _source(
        "hrw-release",
        "Kazakhstan: Forced Returns to Uzbekistan Illegal",
        "human-rights-watch",
        "https://www.hrw.org/news/2011/06/10/kazakhstan-forced-returns-uzbekistan-illegal",
        **when("published_on", 2011, 6, 10),
    ),
    _source(
        "rferl-un-chides",
        "UN chides Kazakhstan on Uzbek asylum seekers",
        "rfe-rl",
        "https://www.rferl.org/a/un-chides-kazakhstan-on-uzbek-asylum-seekers/24620820.html",
        **when("published_on", 2012),
    ),
    _source(
        "iwpr",
        "Shock as Kazakstan Hands Refugees Over to Uzbeks",
        "iwpr",
        "https://iwpr.net/global-voices/shock-kazakstan-hands-refugees-over-uzbeks",
        **when("published_on", 2011),
    ),
    _source(
        "azattyq",
        "Almaty City Court rejects the Uzbek refugees' appeals (Azattyq report, in Russian)",
        "azattyq",
        "https://rus.azattyq.org/a/uzbek_refugees_court_/2325311.html",
        language="ru",
        **when("published_on", 2011, 3, 1),
        internal_notes="Descriptive title: the original Russian headline is not on file.",
    ),
    _source(
        "fidh",
        "Don't extradite Uzbeks to torture",
        "fidh",
        "http://www.fidh.org/Don-t-Extradite-Uzbeks-to-Torture-Respect",
    ),
    _source(
        "amnesty-ua-129-10",
        "Urgent Action UA 129/10 on the Uzbek asylum seekers detained in Almaty",
        "amnesty-international",
        **when("published_on", 2010, 6, 11),
        internal_notes="Descriptive title. Lists 24 names. No stable URL on file.",
    ),
    _source(
        "amnesty-eur-57-004-2010",
        "Kazakhstan: Further information: Uzbeks at risk of forcible return (EUR 57/004/2010)",
        "amnesty-international",
        **when("published_on", 2010),
    ),
    _source(
        "amnesty-ua-2011-03-18",
        "Urgent Action of 18 March 2011 on the Uzbek asylum seekers in Kazakhstan",
        "amnesty-international",
        **when("published_on", 2011, 3, 18),
    ),
    _source(
        "internal-call-notes",
        f"{INTERNAL_MARKER} notes of a phone call with a relative",
        None,
        reliability=Reliability.UNVERIFIED,
        visibility=INTERNAL,
        **when("published_on", 2011, 6, 9),
        internal_notes=f"{INTERNAL_MARKER}: staff working notes, never to be published.",
    ),
]
