"""The fact records of the model case: detention, asylum decisions, extradition, appeals.

Each entry names its model; the loader finds an existing row by the model's natural key
(see loader.RECORD_KEYS) within the case. Statements and other events are in events.py.
An entry with a "ref" can be pointed at by later entries (an appeal contests a decision).
"""

from cases.demo.refs import org, people, record, sources, when
from cases.models import (
    Appeal,
    AppealLevel,
    AppealOutcome,
    AsylumDecision,
    AsylumKind,
    DecisionOutcome,
    Detention,
    DetentionEnd,
    Extradition,
    ExtraditionStatus,
    InterimMeasures,
)
from core.models import Visibility

PUBLIC = Visibility.PUBLIC

# Who each record concerns. Nabiev was granted asylum and released; Kamilov is not named in
# the UN decision; our sources do not say which of the named men were extradited beyond the
# complainants who were refused asylum.
ALL_MEN = people(
    "toirjon-abdussamatov",
    "akmaljon-shodiev",
    "suhrob-bazarov",
    "hurshid-kamilov",
    "nigmatulla-nabiev",
    "rafshan-turaev",
    "dilbek-karimov",
)
COMPLAINANTS = [p for p in ALL_MEN if p.key != "hurshid-kamilov"]
REFUSED = [p for p in ALL_MEN if p.key != "nigmatulla-nabiev"]
EXTRADITED = [p for p in COMPLAINANTS if p.key != "nigmatulla-nabiev"]

CHARGES = (
    "Articles 159 and 244-2 of the Uzbek Criminal Code (anti-constitutional activity and "
    "membership of banned organisations), described as religious extremism."
)

REFUSAL = {
    "model": AsylumDecision,
    "authority": org("kazakhstan-refugee-status-commission"),
    "kind": AsylumKind.REFUGEE_STATUS,
    **when("applied_on", 2010, 5),
    "outcome": DecisionOutcome.REFUSED,
    "grounds": (
        "None beyond a statement that the claims did not meet the criteria for refugee status."
    ),
    "visibility": PUBLIC,
    "people": REFUSED,
    "sources": sources("cat-decision"),
}

RECORDS = [
    {
        "model": AsylumDecision,
        "authority": org("unhcr"),
        "kind": AsylumKind.MANDATE_REFUGEE,
        **when("decided_on", 2005),
        "outcome": DecisionOutcome.GRANTED,
        "summary": (
            "From 2005 until March 2010, UNHCR recognised twelve of the men as refugees under "
            "its own mandate (IWPR says seventeen held UNHCR certificates). Our sources do not "
            "say which of the men were among them."
        ),
        "visibility": PUBLIC,
        "sources": sources("cat-decision", "iwpr"),
    },
    {
        "model": Detention,
        "place": "two detention centres in Almaty",
        "authority": org("kazakhstan-migration-police"),
        **when("started_on", 2010, 6, 9),
        **when("ended_on", 2011, 6, 9),
        "end_reason": DetentionEnd.EXTRADITED,
        "basis": "Held pending extradition at the request of Uzbekistan.",
        "summary": (
            "Arrested in the raids of 9 to 11 June 2010, the men spent a year in two detention "
            "centres in Almaty while Uzbekistan's extradition request was pursued. For most of "
            "them detention ended not with release but with their handover to Uzbekistan on "
            "9 June 2011. Nigmatulla Nabiev was released earlier, on a date we do not know."
        ),
        "visibility": PUBLIC,
        "people": ALL_MEN,
        "sources": sources("cat-decision", "iwpr", "seed"),
    },
    {
        **REFUSAL,
        "ref": "refusal-2010-08-11",
        **when("decided_on", 2010, 8, 11),
        "summary": (
            "The state refugee commission, which had interviewed the men in May without a "
            "lawyer or an interpreter, turned down the first group of asylum claims, without "
            "regard to the UNHCR status twelve of them held. Our sources do not say which men "
            "were refused on this date and which on 27 August."
        ),
    },
    {
        **REFUSAL,
        **when("decided_on", 2010, 8, 27),
        "summary": "The commission turned down the remaining asylum claims, again without reasons.",
    },
    {
        "model": AsylumDecision,
        "authority": org("kazakhstan-refugee-status-commission"),
        "kind": AsylumKind.REFUGEE_STATUS,
        **when("applied_on", 2010, 5),
        **when("decided_on", 2010, 9, 8),
        "outcome": DecisionOutcome.GRANTED,
        "grounds": "Not stated in our sources.",
        "summary": "Nigmatulla Nabiev, alone among the men, was granted asylum, for one year.",
        "visibility": PUBLIC,
        "people": people("nigmatulla-nabiev"),
        "sources": sources("iwpr", "cat-decision"),
    },
    {
        "model": Extradition,
        "ref": "extradition",
        "from_country": "KZ",
        "to_country": "UZ",
        "requesting_state": "UZ",
        "ordered_by": org("prosecutor-general-kazakhstan"),
        "charges": CHARGES,
        "legal_basis": (
            "The 1993 Minsk Convention on legal assistance in civil, family and criminal matters "
            "and the 2001 Shanghai Convention on combating terrorism, separatism and extremism."
        ),
        "assurances": (
            "Written assurances from Uzbekistan that the men's rights would be respected after "
            "their return, cited by Foreign Ministry spokesman Ilyas Omarov."
        ),
        **when("ordered_on", 2010, 9, 8),
        **when("carried_out_on", 2011, 6, 9),
        "status": ExtraditionStatus.CARRIED_OUT,
        "summary": (
            "On 8 September 2010 the Almaty prosecutor's office announced that the men would be "
            "extradited at Uzbekistan's request; on 13 September a deputy prosecutor announced "
            "the Prosecutor General's decision. Once the courts had upheld the refusal of "
            "refugee status, the men were handed over on 9 June 2011, despite the UN Committee "
            "Against Torture's request to wait. Kazakh officials, quoted by RFE/RL, put the "
            "number at 29; Human Rights Watch, IWPR and Uznews counted 28."
        ),
        "visibility": PUBLIC,
        "people": EXTRADITED,
        "sources": sources(
            "cat-decision", "amnesty-eur-57-004-2010", "seed", "hrw-release", "iwpr"
        ),
    },
    {
        "model": Appeal,
        "contests_extradition": record("extradition"),
        "body": org("un-committee-against-torture"),
        "level": AppealLevel.UN_TREATY_BODY,
        "reference": "CAT/C/48/D/444/2010",
        **when("filed_on", 2010, 12, 24),
        **when("decided_on", 2012, 6, 1),
        "outcome": AppealOutcome.VIOLATION_FOUND,
        "interim_measures": InterimMeasures.IGNORED,
        "summary": (
            "Christine Laroque of ACAT-France brought communication 444/2010 on behalf of "
            "Toirjon Abdussamatov and 28 other men. The Committee asked Kazakhstan not to "
            "extradite them while it examined the case; Kazakhstan sent them back regardless. "
            "The complaint was declared admissible on 15 November 2011, and on 1 June 2012 the "
            "Committee found that Kazakhstan had violated article 3 of the Convention, the ban "
            "on returning anyone to a country where they face a real risk of torture."
        ),
        "visibility": PUBLIC,
        "people": COMPLAINANTS,
        "sources": sources("cat-decision", "cat-admissibility", "fidh", "rferl-un-chides"),
    },
    {
        "model": Appeal,
        "contests_decision": record("refusal-2010-08-11"),
        "body": org("almaty-city-court"),
        "level": AppealLevel.APPEAL_COURT,
        **when("decided_on", 2011, 3, 1),
        "outcome": AppealOutcome.REJECTED,
        "summary": (
            "The Almaty City Court dismissed the appeals of Rafshan Turaev, Suhrob Bozorov and "
            "Dilbek Karimov against the refusal of refugee status."
        ),
        "visibility": PUBLIC,
        "people": people("rafshan-turaev", "suhrob-bazarov", "dilbek-karimov"),
        "sources": sources("azattyq"),
    },
    {
        "model": Appeal,
        "contests_extradition": record("extradition"),
        "body": org("almaty-district-court"),
        "level": AppealLevel.DOMESTIC_COURT,
        **when("decided_on", 2011, 3, 15),
        "outcome": AppealOutcome.REJECTED,
        "summary": (
            "A district court in Almaty dismissed the men's appeals against the extradition "
            "order after hearings that lasted about three minutes each."
        ),
        "visibility": PUBLIC,
        "people": REFUSED,
        "sources": sources("amnesty-ua-2011-03-18"),
    },
    {
        "model": Appeal,
        "contests_decision": record("refusal-2010-08-11"),
        "body": org("almaty-appeals-court"),
        "level": AppealLevel.APPEAL_COURT,
        # Known only to have happened before the handover of 9 June 2011.
        **when("decided_on", 2011),
        "outcome": AppealOutcome.REJECTED,
        "summary": (
            "The Almaty Appeals Court upheld the refusal of refugee status, which allowed the "
            "Prosecutor General's extradition decision to take effect. Our sources date it "
            "only as before 9 June 2011."
        ),
        "visibility": PUBLIC,
        "people": REFUSED,
        "sources": sources("seed", "iwpr"),
    },
]
