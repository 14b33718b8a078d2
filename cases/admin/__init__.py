"""Staff admin for cases: the case page with every record inline, sources, record lists."""

from django.contrib import admin

from cases.admin.case import CaseAdmin, CaseSubjectAdmin
from cases.admin.person_names import add_to_person_page
from cases.admin.proposals import gate
from cases.admin.record_lists import (
    AppealAdmin,
    AsylumDecisionAdmin,
    DetentionAdmin,
    EventAdmin,
    ExtraditionAdmin,
    StatementAdmin,
)
from cases.admin.source import SourceAdmin
from organizations.models import Affiliation, Organization
from people.models import NameVariant, Person

# People and organizations that a published case shows change only through review too;
# their apps may not import cases, so the gate is put on their admins from here.
gate(admin.site, (Person, NameVariant, Organization, Affiliation))
# The person page's spellings get their "Take off the public site" from here too.
add_to_person_page()

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
