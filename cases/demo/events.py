"""Statements and other events of the model case (see records.py for the conventions).

Quotes are short and attributed, taken from the RFE/RL seed article; everything else is
written in our own words.
"""

from cases.demo.case import INTERNAL_MARKER
from cases.demo.people import MARKER as CONFIDENTIAL_MARKER
from cases.demo.people import RELATIVE_SLUG
from cases.demo.records import ALL_MEN, COMPLAINANTS, EXTRADITED, REFUSED
from cases.demo.refs import org, people, person, sources, when
from cases.models import Event, EventKind, Statement
from core.models import Visibility

PUBLIC = Visibility.PUBLIC

JOINT_LETTER_SIGNATORIES = {
    "acat-france": "ACAT-France",
    "amnesty-international": "Amnesty International",
    "ahrca": "AHRCA",
    "human-rights-watch": "Human Rights Watch",
    "fidh": "FIDH",
}


def _event(kind, title, *, summary, visibility=PUBLIC, **fields):
    return {
        "model": Event,
        "kind": kind,
        "title": title,
        "summary": summary,
        "visibility": visibility,
        **fields,
    }


def _statement(organization, *, summary="", speaker=None, quote="", language="", **fields):
    return {
        "model": Statement,
        "organization": org(organization),
        "speaker": person(speaker) if speaker else None,
        "summary": summary,
        "quote": quote,
        "language": language,
        "visibility": PUBLIC,
        **fields,
    }


def _joint_letter(signatory: str) -> dict:
    others = [name for slug, name in JOINT_LETTER_SIGNATORIES.items() if slug != signatory]
    return _statement(
        signatory,
        **when("made_on", 2011, 6, 7),
        summary=(
            f"Joint letter with {', '.join(others[:-1])} and {others[-1]} to Prosecutor General "
            "Ashat Daulbayev about 32 Uzbek detainees, recalling that the UN Committee Against "
            "Torture had asked Kazakhstan not to extradite them while it examined their case."
        ),
        people=REFUSED,
        sources=sources("fidh"),
    )


EVENTS = [
    _event(
        EventKind.LEGAL_CHANGE,
        "New refugee law moves registration from UNHCR to the state",
        **when("started_on", 2010, 1),
        summary=(
            "A new Kazakh law on refugees required asylum seekers, and refugees already "
            "recognised by UNHCR, to register with the state instead of UNHCR. The men "
            "registered with the migration police in May 2010."
        ),
        people=COMPLAINANTS,
        sources=sources("cat-decision"),
    ),
    _event(
        EventKind.ARREST,
        "Dawn raids and arrests in Almaty",
        place="Almaty",
        **when("started_on", 2010, 6, 9),
        **when("ended_on", 2010, 6, 11),
        summary=(
            "Migration police, with plain-clothes officers believed to belong to the national "
            "security service, arrested the men in early-morning raids without showing a "
            "warrant. On 10 June the city prosecutor's office told their wives that the men "
            "faced extradition to Uzbekistan."
        ),
        people=ALL_MEN,
        sources=sources("amnesty-ua-129-10", "cat-decision"),
    ),
    _statement(
        "amnesty-international",
        **when("made_on", 2010, 6, 11),
        summary=(
            "Urgent Action UA 129/10 named 24 of the men held after the raids and called for "
            "them not to be sent back to Uzbekistan."
        ),
        language="en",
        people=ALL_MEN,
        sources=sources("amnesty-ua-129-10"),
    ),
    _statement(
        "fidh",
        **when("made_on", 2010, 6, 18),
        summary="FIDH reported that 45 people had been picked up in the raids; 24 were still held.",
        language="en",
        people=ALL_MEN,
        sources=sources("fidh"),
    ),
    _event(
        EventKind.OTHER,
        "Prosecutor General's decision to extradite the remaining 29 announced",
        **when("started_on", 2010, 9, 13),
        summary=(
            "A deputy prosecutor announced that the Prosecutor General had decided to extradite "
            "the 29 men still held."
        ),
        people=REFUSED,
        sources=sources("amnesty-eur-57-004-2010"),
    ),
    _event(
        EventKind.OTHER,
        "UN Committee Against Torture asks Kazakhstan not to extradite the men",
        # Only known to fall between the complaint (24 Dec 2010) and 7 June 2011.
        **when("started_on", 2011, about=True),
        summary=(
            "As an interim measure, the Committee asked Kazakhstan not to send the men to "
            "Uzbekistan while it examined their complaint. The request came after the complaint "
            "of 24 December 2010 and before 7 June 2011; we have not found its exact date."
        ),
        people=COMPLAINANTS,
        sources=sources("fidh"),
    ),
    *(_joint_letter(signatory) for signatory in JOINT_LETTER_SIGNATORIES),
    _statement(
        "almaty-city-prosecutor",
        speaker="tashkenbai-aubakirov",
        **when("made_on", 2011, 6, 9),
        summary="Deputy city prosecutor Tashkenbai Aubakirov confirmed the men's extradition.",
        people=EXTRADITED,
        sources=sources("seed"),
    ),
    _statement(
        "human-rights-watch",
        speaker="veronika-szente-golston",
        **when("made_on", 2011, 6, 9),
        quote="it is a human tragedy and it is a travesty and Kazakhstan should face "
        "consequences for this",
        language="en",
        summary="Speaking to RFE/RL, Veronika Szente Golston condemned the extradition.",
        people=EXTRADITED,
        sources=sources("seed"),
    ),
    _statement(
        "amnesty-international",
        speaker="maisy-weicherding",
        **when("made_on", 2011, 6, 9),
        quote="we are really dismayed that Kazakhstan just chose to go ahead and send them back "
        "to torture",
        language="en",
        summary=(
            "Maisy Weicherding told RFE/RL that the men had not had access to proper appeal "
            "procedures."
        ),
        people=EXTRADITED,
        sources=sources("seed"),
    ),
    _statement(
        "kazakhstan-foreign-ministry",
        speaker="ilyas-omarov",
        # Reported in the days after the handover; the exact day is not in our sources.
        **when("made_on", 2011, 6),
        summary=(
            "Foreign Ministry spokesman Ilyas Omarov said Uzbekistan had given written "
            "assurances that the men's rights would be respected."
        ),
        people=EXTRADITED,
        sources=sources("hrw-release"),
    ),
    _statement(
        "human-rights-watch",
        speaker="rachel-denber",
        **when("made_on", 2011, 6, 10),
        summary=(
            "In the news release 'Kazakhstan: Forced Returns to Uzbekistan Illegal', Human "
            "Rights Watch said that returning at least 28 men to a likely risk of torture broke "
            "Kazakhstan's international obligations, and Rachel Denber urged governments to "
            "condemn it."
        ),
        language="en",
        people=EXTRADITED,
        sources=sources("hrw-release", "iwpr"),
    ),
    _event(
        EventKind.PROTEST,
        "Wives of the men picket the Almaty prosecutor's office",
        place="Almaty City Prosecutor's Office",
        **when("started_on", 2011, 6, 9),
        summary=(
            "The wives of twelve of the men gathered outside the city prosecutor's office, "
            "demanding to know whether their husbands had been sent to Uzbekistan."
        ),
        people=[*EXTRADITED, person(RELATIVE_SLUG)],
        sources=sources("seed", "internal-call-notes"),
    ),
    _event(
        EventKind.RELATIVES_ARRESTED,
        "Police briefly detain some of the protesting wives",
        place="Almaty",
        **when("started_on", 2011, 6, 9),
        summary="Almaty police took some of the women into custody for a short time.",
        people=EXTRADITED,
        sources=sources("seed"),
    ),
    _event(
        EventKind.HEARING,
        "UN Committee Against Torture declares the complaint admissible",
        **when("started_on", 2011, 11, 15),
        summary=(
            "At its 47th session the Committee decided on admissibility, opening the way to "
            "its examination of the merits."
        ),
        people=COMPLAINANTS,
        sources=sources("cat-admissibility"),
    ),
    # Private records, so that every public surface can be checked against them.
    _event(
        EventKind.OTHER,
        f"{INTERNAL_MARKER} staff follow-up call with the families",
        **when("started_on", 2011, 6, 10),
        summary=f"{INTERNAL_MARKER}: an example of a staff-only record (fictitious).",
        visibility=Visibility.INTERNAL,
        sources=sources("internal-call-notes"),
    ),
    _event(
        EventKind.OTHER,
        f"{CONFIDENTIAL_MARKER} relative's account of the picket",
        **when("started_on", 2011, 6, 9),
        summary=f"{CONFIDENTIAL_MARKER}: an example of a confidential record (fictitious).",
        visibility=Visibility.CONFIDENTIAL,
        people=people(RELATIVE_SLUG),
        sources=sources("internal-call-notes"),
    ),
]
