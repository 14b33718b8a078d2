"""Staff admin for cases: the case page with every record inline, sources, record lists."""

from cases.admin.case import CaseAdmin, CaseSubjectAdmin
from cases.admin.record_lists import (
    AppealAdmin,
    AsylumDecisionAdmin,
    DetentionAdmin,
    EventAdmin,
    ExtraditionAdmin,
    StatementAdmin,
)
from cases.admin.source import SourceAdmin

__all__ = [
    "AppealAdmin",
    "AsylumDecisionAdmin",
    "CaseAdmin",
    "CaseSubjectAdmin",
    "DetentionAdmin",
    "EventAdmin",
    "ExtraditionAdmin",
    "SourceAdmin",
    "StatementAdmin",
]
