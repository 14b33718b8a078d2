"""Lists of each kind of record across cases, to search and filter them all."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries.filters import CountryFilter

from cases.admin.proposals import ProposalAdminMixin
from cases.admin.records import (
    APPEAL_FIELDS,
    ASYLUM_DECISION_FIELDS,
    CITED_AUTOCOMPLETE,
    DETENTION_FIELDS,
    EVENT_FIELDS,
    EXTRADITION_FIELDS,
    STATEMENT_FIELDS,
    ContestedChoicesMixin,
)
from cases.hiding import hide_all
from cases.models import (
    Appeal,
    AsylumDecision,
    CaseSource,
    Detention,
    Event,
    Extradition,
    HidingHow,
    Statement,
)
from cases.services import set_visibility
from core.admin import STAMPS_FIELDSET, StampedAdmin
from core.models import Visibility


class CaseRecordAdmin(ProposalAdminMixin, StampedAdmin):
    """Shared by the record lists: filter by visibility and by the case's publication state."""

    list_filter = ("visibility", "case__publication_state")
    search_fields = ("summary", "case__title", "people__display_name")
    list_select_related = ("case",)
    autocomplete_fields = ("case", *CITED_AUTOCOMPLETE)

    actions = ["make_public", "make_internal"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A source a record cites is a source of its case (as on the case page).
        record = form.instance
        CaseSource.objects.link(
            (record.case_id, pk) for pk in record.sources.values_list("pk", flat=True)
        )

    @staticmethod
    def layout(fields):
        return ((None, {"fields": ("case", *fields)}), STAMPS_FIELDSET)

    def _set_visibility(self, request, queryset, visibility: str) -> None:
        # Confidential stays an explicit choice, made record by record: a selection holding
        # a confidential record is refused whole (only staff who may see it can select it).
        confidential = queryset.filter(visibility=Visibility.CONFIDENTIAL).count()
        if confidential:
            message = ngettext(
                "No record was changed: %(count)d of the selected records is confidential; "
                "change it on its own page if it should no longer be.",
                "No record was changed: %(count)d of the selected records are confidential; "
                "change them on their own pages if they should no longer be.",
                confidential,
            )
            self.message_user(request, message % {"count": confidential}, messages.ERROR)
            return
        try:
            if visibility == Visibility.INTERNAL:
                # Taking records off the public site: recorded and told as any hiding.
                changed = hide_all(queryset, request.user, how=HidingHow.INTERNAL)
            else:
                changed = set_visibility(records=queryset, visibility=visibility, user=request.user)
        except (ValidationError, PermissionDenied) as error:
            self.message_user(
                request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR
            )
            return
        label = Visibility(visibility).label.lower()
        message = ngettext(
            "%(count)d record is now %(visibility)s.",
            "%(count)d records are now %(visibility)s.",
            changed,
        )
        self.message_user(
            request, message % {"count": changed, "visibility": label}, messages.SUCCESS
        )

    @admin.action(description=_("Make selected records public"), permissions=["change"])
    def make_public(self, request, queryset):
        self._set_visibility(request, queryset, Visibility.PUBLIC)

    @admin.action(description=_("Make selected records internal"), permissions=["change"])
    def make_internal(self, request, queryset):
        self._set_visibility(request, queryset, Visibility.INTERNAL)


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
