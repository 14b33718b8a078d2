"""Fact records: one layout per kind, and the inlines that show them on the case page."""

from django import forms
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.utils.translation import gettext_lazy as _

from cases.admin.case_page import SIBLINGS
from cases.admin.record_choices import case_choices
from cases.admin.siblings import (
    CaseInlineFormSet,
    SiblingChoiceField,
    SiblingMultipleChoiceField,
    SiblingRefsForm,
)
from cases.models import (
    Appeal,
    AsylumDecision,
    Detention,
    Event,
    Extradition,
    Statement,
)
from core.admin import InlineConstraintsForm, StackedInline


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


# Inlines on the case page: every record of the case, in date order; saved ones folded
# to a line (templates/admin/cases/edit_inline/record_stacked.html).

CONTESTED_HELP = {
    "contests_decision": _("The asylum decision this appeal contests, saved or entered above."),
    "contests_extradition": _("Or the extradition order it contests, saved or entered above."),
}
NOT_A_SUBJECT_LABEL = _("(not among the people of the case)")


class RecordForm(SiblingRefsForm, InlineConstraintsForm):
    add_as_subjects = forms.BooleanField(
        label=_("Add them as people of the case"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        # An older record may name people or cite sources the case does not list: shown
        # ticked, so that saving keeps them or refuses them by name (never drops them).
        for name in ("people", "sources"):
            field = self.fields.get(name)
            if field is None or name not in getattr(self.instance, "_prefetched_objects_cache", {}):
                continue
            offered = {value for value, _label in field.choices}
            extra = [
                (str(row.pk), f"{row} {NOT_A_SUBJECT_LABEL}" if name == "people" else str(row))
                for row in getattr(self.instance, name).all()
                if str(row.pk) not in offered
            ]
            if extra:
                field.choices = [*field.choices, *extra]


def on_case_page(fields) -> tuple:
    """A record layout with, next to its people, the box that adds them to the case."""
    return tuple(("people", "add_as_subjects") if name == "people" else name for name in fields)


class CaseRecordInlineMixin:
    """A record on the case page: its people, sources and contested decision are ticked
    or picked among the case's own, saved or new in the same form."""

    form = RecordForm
    formset = CaseInlineFormSet
    template = "admin/cases/edit_inline/record_stacked.html"

    def get_autocomplete_fields(self, request):
        return [name for name in super().get_autocomplete_fields(request) if name not in SIBLINGS]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name not in SIBLINGS:
            return super().formfield_for_dbfield(db_field, request, **kwargs)
        choices = case_choices(request).choices[db_field.name]
        options = {
            "sibling": SIBLINGS[db_field.name],
            "required": False,
            "label": db_field.verbose_name.capitalize(),
            "help_text": db_field.help_text,
        }
        if db_field.name in CONTESTED_HELP:
            options["help_text"] = CONTESTED_HELP[db_field.name]
        if db_field.many_to_many:
            return SiblingMultipleChoiceField(choices=choices, **options)
        return SiblingChoiceField(choices=[("", "---------"), *choices], **options)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        rows = case_choices(request).rows
        formset.form = type(formset.form.__name__, (formset.form,), {"sibling_rows": rows})
        return formset


class DetentionInline(CaseRecordInlineMixin, StackedInline):
    model = Detention
    fields = on_case_page(DETENTION_FIELDS)
    autocomplete_fields = ("authority", *CITED_AUTOCOMPLETE)


class AsylumDecisionInline(CaseRecordInlineMixin, StackedInline):
    model = AsylumDecision
    fields = on_case_page(ASYLUM_DECISION_FIELDS)
    autocomplete_fields = ("authority", *CITED_AUTOCOMPLETE)


class AppealInline(CaseRecordInlineMixin, StackedInline):
    model = Appeal
    fields = on_case_page(APPEAL_FIELDS)
    autocomplete_fields = ("body",)


class ExtraditionInline(CaseRecordInlineMixin, StackedInline):
    model = Extradition
    fields = on_case_page(EXTRADITION_FIELDS)
    autocomplete_fields = ("ordered_by", *CITED_AUTOCOMPLETE)


class StatementInline(CaseRecordInlineMixin, StackedInline):
    model = Statement
    fields = on_case_page(STATEMENT_FIELDS)
    autocomplete_fields = ("organization", "speaker", *CITED_AUTOCOMPLETE)


class EventInline(CaseRecordInlineMixin, StackedInline):
    model = Event
    fields = on_case_page(EVENT_FIELDS)
    autocomplete_fields = CITED_AUTOCOMPLETE


RECORD_INLINES = [
    DetentionInline,
    AsylumDecisionInline,
    AppealInline,
    ExtraditionInline,
    StatementInline,
    EventInline,
]
