from cases.models.case import Case, CaseStatus, CaseSubject, PublicationState, SubjectRole
from cases.models.checklist import Acknowledgement
from cases.models.hiding import Hiding, HidingHow
from cases.models.proposals import ChangeProposal, ProposalState
from cases.models.rebuild import SearchRebuild
from cases.models.records import (
    RECORD_MODELS,
    Appeal,
    AppealLevel,
    AppealOutcome,
    AsylumDecision,
    AsylumKind,
    DecisionOutcome,
    Detention,
    DetentionEnd,
    Event,
    EventKind,
    Extradition,
    ExtraditionStatus,
    InterimMeasures,
    Statement,
    TimelineEntry,
)
from cases.models.search import CaseSearch, NameWord
from cases.models.source import CaseSource, Reliability, Source

# Registers where published cases show people and organizations (their public()).
from cases.models import appearances  # noqa: F401  isort: skip

__all__ = [
    "RECORD_MODELS",
    "Acknowledgement",
    "Appeal",
    "AppealLevel",
    "AppealOutcome",
    "AsylumDecision",
    "AsylumKind",
    "Case",
    "CaseSearch",
    "CaseSource",
    "CaseStatus",
    "CaseSubject",
    "ChangeProposal",
    "DecisionOutcome",
    "Detention",
    "DetentionEnd",
    "Event",
    "EventKind",
    "Extradition",
    "ExtraditionStatus",
    "Hiding",
    "HidingHow",
    "InterimMeasures",
    "NameWord",
    "ProposalState",
    "PublicationState",
    "Reliability",
    "SearchRebuild",
    "Source",
    "Statement",
    "SubjectRole",
    "TimelineEntry",
]
