"""Fact records: one layout per kind, and the inlines that show them on the case page."""

from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper

from cases.models import (
    Appeal,
    AsylumDecision,
    Detention,
    Event,
    Extradition,
    Statement,
)
from core.admin import StackedInline


def dated(name: str) -> str:
    """A date field: one input that takes its precision too (core.date_fields)."""
    return name


CITED = ("summary", "people", "sources", "visibility")

DETENTION_FIELDS = (
    "place",
    "authority",
    dated("started_on"),
    (dated("ended_on"), "end_reason"),
    "basis",
    *CITED,
)
ASYLUM_DECISION_FIELDS = (
    ("authority", "kind"),
    dated("applied_on"),
    dated("decided_on"),
    "outcome",
    "grounds",
    *CITED,
)
APPEAL_FIELDS = (
    ("contests_decision", "contests_extradition"),
    "body",
    ("level", "reference"),
    dated("filed_on"),
    dated("decided_on"),
    ("outcome", "interim_measures"),
    *CITED,
)
EXTRADITION_FIELDS = (
    ("from_country", "to_country", "requesting_state"),
    "ordered_by",
    dated("ordered_on"),
    dated("carried_out_on"),
    "status",
    "charges",
    "legal_basis",
    "assurances",
    *CITED,
)
STATEMENT_FIELDS = (
    ("organization", "speaker"),
    dated("made_on"),
    "language",
    "quote",
    *CITED,
)
# Event.DATE_SPANS: one field takes the start and the end ("9–11 June 2010").
EVENT_FIELDS = (("kind", "title"), "place", dated("started_on"), *CITED)

CITED_AUTOCOMPLETE = ("people", "sources")


class ContestedChoicesMixin:
    """Appeal dropdowns offer only the decisions and orders of the appeal's own case.

    Each list is loaded once per page and shared by every appeal form, so a case with
    many appeals does not run a query per form.
    """

    contested_fields = ("contests_decision", "contests_extradition")

    def contested_case_id(self, request, object_id: str):
        raise NotImplementedError

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name not in self.contested_fields:
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        match = request.resolver_match
        object_id = match.kwargs.get("object_id") if match else None
        case_id = self.contested_case_id(request, unquote(object_id)) if object_id else None
        choices = db_field.related_model._default_manager
        kwargs["queryset"] = choices.filter(case_id=case_id) if case_id else choices.none()
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        # Iterating (not list()) skips the COUNT query list() would run for a length hint.
        formfield.choices = [*iter(formfield.choices)]
        return formfield

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in self.contested_fields and isinstance(
            formfield.widget, RelatedFieldWidgetWrapper
        ):
            # A decision added through a popup would not belong to this case's list:
            # staff add it in its own section and save first (see the field's help text).
            formfield.widget.can_add_related = False
            formfield.widget.can_delete_related = False
        return formfield


# Inlines on the case page: every record of the case, open, in date order.


class DetentionInline(StackedInline):
    model = Detention
    fields = DETENTION_FIELDS
    autocomplete_fields = ("authority", *CITED_AUTOCOMPLETE)


class AsylumDecisionInline(StackedInline):
    model = AsylumDecision
    fields = ASYLUM_DECISION_FIELDS
    autocomplete_fields = ("authority", *CITED_AUTOCOMPLETE)


class AppealInline(ContestedChoicesMixin, StackedInline):
    model = Appeal
    fields = APPEAL_FIELDS
    autocomplete_fields = ("body", *CITED_AUTOCOMPLETE)

    def contested_case_id(self, request, object_id):
        return object_id  # the inline is on the case's own page


class ExtraditionInline(StackedInline):
    model = Extradition
    fields = EXTRADITION_FIELDS
    autocomplete_fields = ("ordered_by", *CITED_AUTOCOMPLETE)


class StatementInline(StackedInline):
    model = Statement
    fields = STATEMENT_FIELDS
    autocomplete_fields = ("organization", "speaker", *CITED_AUTOCOMPLETE)


class EventInline(StackedInline):
    model = Event
    fields = EVENT_FIELDS
    autocomplete_fields = CITED_AUTOCOMPLETE


RECORD_INLINES = [
    DetentionInline,
    AsylumDecisionInline,
    AppealInline,
    ExtraditionInline,
    StatementInline,
    EventInline,
]
