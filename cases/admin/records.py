"""Fact records: one layout per kind, used by the case page's inlines and by the record lists."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django_countries.filters import CountryFilter

from cases.models import (
    Appeal,
    AsylumDecision,
    Detention,
    Event,
    Extradition,
    Statement,
)
from core.admin import STAMPS_FIELDSET, StackedInline, StampedAdmin


def dated(name: str) -> tuple[str, str]:
    """A date and its precision, side by side."""
    return (name, f"{name}_precision")


CITED = ("summary", "people", "sources", "visibility")

DETENTION_FIELDS = (
    "place",
    "authority",
    dated("started_on"),
    (*dated("ended_on"), "end_reason"),
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
EVENT_FIELDS = (("kind", "title"), "place", dated("started_on"), dated("ended_on"), *CITED)

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


# Lists of each kind of record across cases.


class CaseRecordAdmin(StampedAdmin):
    """Shared by the record lists: filter by visibility and by the case's publication state."""

    list_filter = ("visibility", "case__publication_state")
    search_fields = ("summary", "case__title", "people__display_name")
    list_select_related = ("case",)
    autocomplete_fields = ("case", *CITED_AUTOCOMPLETE)

    @staticmethod
    def layout(fields):
        return ((None, {"fields": ("case", *fields)}), STAMPS_FIELDSET)


@admin.register(Detention)
class DetentionAdmin(CaseRecordAdmin):
    list_display = (
        "__str__",
        "case",
        "started_on",
        "ended_on",
        "visibility",
        "case__publication_state",
    )
    search_fields = (*CaseRecordAdmin.search_fields, "place", "authority__name")
    list_select_related = ("case", "authority")
    autocomplete_fields = (*CaseRecordAdmin.autocomplete_fields, "authority")
    date_hierarchy = "started_on"
    ordering = ("-started_on",)
    fieldsets = CaseRecordAdmin.layout(DETENTION_FIELDS)


@admin.register(AsylumDecision)
class AsylumDecisionAdmin(CaseRecordAdmin):
    list_display = (
        "__str__",
        "case",
        "authority",
        "decided_on",
        "outcome",
        "visibility",
        "case__publication_state",
    )
    list_filter = ("outcome", "kind", *CaseRecordAdmin.list_filter)
    search_fields = (*CaseRecordAdmin.search_fields, "authority__name", "grounds")
    list_select_related = ("case", "authority")
    autocomplete_fields = (*CaseRecordAdmin.autocomplete_fields, "authority")
    date_hierarchy = "decided_on"
    ordering = ("-decided_on", "-applied_on")
    fieldsets = CaseRecordAdmin.layout(ASYLUM_DECISION_FIELDS)


@admin.register(Appeal)
class AppealAdmin(ContestedChoicesMixin, CaseRecordAdmin):
    list_display = (
        "__str__",
        "case",
        "level",
        "filed_on",
        "decided_on",
        "outcome",
        "interim_measures",
        "visibility",
        "case__publication_state",
    )
    list_filter = ("level", "outcome", "interim_measures", *CaseRecordAdmin.list_filter)
    search_fields = (*CaseRecordAdmin.search_fields, "reference", "body__name", "body__acronym")
    list_select_related = ("case", "body")
    autocomplete_fields = (*CaseRecordAdmin.autocomplete_fields, "body")
    date_hierarchy = "filed_on"
    ordering = ("-filed_on", "-decided_on")
    fieldsets = CaseRecordAdmin.layout(APPEAL_FIELDS)

    def contested_case_id(self, request, object_id):
        # On the add page the case is not known yet: the appeal is saved first.
        return Appeal.objects.filter(pk=object_id).values_list("case_id", flat=True).first()


@admin.register(Extradition)
class ExtraditionAdmin(CaseRecordAdmin):
    list_display = (
        "__str__",
        "case",
        "ordered_on",
        "carried_out_on",
        "status",
        "visibility",
        "case__publication_state",
    )
    list_filter = (
        "status",
        ("from_country", CountryFilter),
        ("to_country", CountryFilter),
        *CaseRecordAdmin.list_filter,
    )
    search_fields = (*CaseRecordAdmin.search_fields, "charges", "assurances")
    list_select_related = ("case",)
    autocomplete_fields = (*CaseRecordAdmin.autocomplete_fields, "ordered_by")
    date_hierarchy = "ordered_on"
    ordering = ("-ordered_on",)
    fieldsets = CaseRecordAdmin.layout(EXTRADITION_FIELDS)


@admin.register(Statement)
class StatementAdmin(CaseRecordAdmin):
    list_display = (
        "__str__",
        "case",
        "speaker",
        "made_on",
        "language",
        "visibility",
        "case__publication_state",
    )
    list_filter = ("organization__kind", "language", *CaseRecordAdmin.list_filter)
    search_fields = (
        *CaseRecordAdmin.search_fields,
        "quote",
        "organization__name",
        "organization__acronym",
        "speaker__display_name",
    )
    list_select_related = ("case", "organization", "speaker")
    autocomplete_fields = (*CaseRecordAdmin.autocomplete_fields, "organization", "speaker")
    date_hierarchy = "made_on"
    ordering = ("-made_on",)
    fieldsets = CaseRecordAdmin.layout(STATEMENT_FIELDS)


@admin.register(Event)
class EventAdmin(CaseRecordAdmin):
    list_display = (
        "title",
        "case",
        "kind",
        "started_on",
        "place",
        "visibility",
        "case__publication_state",
    )
    list_filter = ("kind", *CaseRecordAdmin.list_filter)
    search_fields = (*CaseRecordAdmin.search_fields, "title", "place")
    date_hierarchy = "started_on"
    ordering = ("-started_on",)
    fieldsets = CaseRecordAdmin.layout(EVENT_FIELDS)
