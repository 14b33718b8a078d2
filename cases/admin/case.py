"""The case page, where staff record a case end to end, and the list of people's roles."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from cases.admin.case_page import SOURCES, SUBJECTS, CasePage
from cases.admin.case_people import CaseSubjectInline
from cases.admin.case_sources import CaseSourceInline
from cases.admin.proposals import ProposalAdminMixin
from cases.admin.publication import PUBLICATION_FIELDSET, PublicationAdminMixin
from cases.admin.records import RECORD_INLINES
from cases.admin.siblings import apply_rows_default
from cases.models import Case, CaseSource, CaseSubject, SubjectRole
from core.admin import STAMPS_FIELDSET, StampedAdmin
from core.archive_admin import ArchivingAdminMixin
from core.locking import LockedModelForm
from core.models import Visibility

SUBJECT_FIELDS = ("person", "role", "description", "visibility")
# Saved before the records, so that a record's tokens can name their rows; appeals last,
# after the decisions and orders they may contest.
SAVED_FIRST = (SUBJECTS, SOURCES)
SAVED_LAST = ("appeals",)


class CaseForm(LockedModelForm):
    default_visibility = forms.ChoiceField(
        label=_("New records, people and sources start as"),
        choices=Visibility.choices,
        initial=Visibility.INTERNAL,
        help_text=_("Each row can still be set apart. Confidential is only ever chosen."),
    )
    # The visibility the page's new rows were drawn with (kept in step by caseform.js):
    # a new row still at it takes the default above.
    rows_default = forms.CharField(widget=forms.HiddenInput, required=False)
    offers_confidential = True  # set per request

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rows_default"].initial = Visibility.INTERNAL
        if not self.offers_confidential:
            field = self.fields["default_visibility"]
            field.choices = [c for c in field.choices if c[0] != Visibility.CONFIDENTIAL]


class OnePageCaseMixin:
    """The case page as one form: inlines see each other (cases.admin.case_page), and are
    saved people and sources first, records next, appeals last, each resolving the tokens
    that name rows saved before it. Before PublicationAdminMixin in the bases' order is
    after it in the MRO: the publication move runs once all of this is saved."""

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        page = CasePage(obj, formsets, self.reveals_confidential(request))
        for formset in formsets:
            formset.page = page
        return formsets, inline_instances

    def save_related(self, request, form, formsets, change):
        form.save_m2m()
        default = form.cleaned_data.get("default_visibility") or Visibility.INTERNAL
        rank = {prefix: i for i, prefix in enumerate(SAVED_FIRST)}
        ordered = sorted(
            formsets,
            key=lambda f: rank.get(f.prefix, 10 if f.prefix in SAVED_LAST else len(rank)),
        )
        saved: dict[str, int] = {}
        for formset in ordered:
            apply_rows_default(formset, default)
            for record in formset.forms:
                if hasattr(record, "resolve") and hasattr(record, "cleaned_data"):
                    record.resolve(saved)
            self.save_formset(request, form, formset, change=change)
            saved.update(formset.saved_rows())
        self._link_records(form.instance, formsets, default)

    def _link_records(self, case, formsets, default) -> None:
        """The sources records cite go on the case; people a record names whom the user
        confirmed go among the case's people."""
        cited, added = set(), set()
        for formset in formsets:
            for record in formset.kept_forms():
                if not hasattr(record, "new_refs"):
                    continue
                cited |= {getattr(s, "pk", s) for s in record.cleaned_data.get("sources", ())}
                added |= set(getattr(record, "add_subjects", ()))
        CaseSource.objects.link((case.pk, source) for source in cited)
        known = set(CaseSubject._base_manager.filter(case=case).values_list("person_id", flat=True))
        CaseSubject.objects.bulk_create(
            CaseSubject(case=case, person_id=pk, role=SubjectRole.OTHER, visibility=default)
            for pk in sorted(added - known)
        )


@admin.register(Case)
class CaseAdmin(
    ProposalAdminMixin, PublicationAdminMixin, OnePageCaseMixin, ArchivingAdminMixin, StampedAdmin
):
    list_display = (
        "title",
        "status",
        "host_country",
        "origin_country",
        "people_count",
        "publication_state",
        "updated_at",
    )
    list_filter = (
        "status",
        "publication_state",
        ("host_country", CountryFilter),
        ("origin_country", CountryFilter),
    )
    search_fields = ("title", "slug", "summary", "subjects__person__display_name")
    date_hierarchy = "updated_at"
    ordering = ("-updated_at",)
    prepopulated_fields = {"slug": ("title",)}
    save_on_top = True
    form = CaseForm
    fieldsets = (
        (
            _("Entering this case"),
            {"fields": (("default_visibility", "rows_default"),), "classes": ["case-entry"]},
        ),
        (
            _("Public once published"),
            {
                "fields": (
                    "title",
                    "slug",
                    "summary",
                    "status",
                    ("host_country", "origin_country"),
                    "people_count",
                    "charges",
                    "tags",
                )
            },
        ),
        PUBLICATION_FIELDSET,
        (_("Internal"), {"fields": ("internal_notes",)}),
        STAMPS_FIELDSET,
    )
    inlines = [CaseSubjectInline, CaseSourceInline, *RECORD_INLINES]

    class Media:
        css = {"all": ["cases/caseform.css"]}
        js = ["cases/caseform.js"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        offers = self.reveals_confidential(request)
        return type(form.__name__, (form,), {"offers_confidential": offers})

    def _rows_default(self, request) -> str:
        allowed = {Visibility.PUBLIC, Visibility.INTERNAL}
        if self.reveals_confidential(request):
            allowed.add(Visibility.CONFIDENTIAL)
        posted = request.POST.get("rows_default") if request.method == "POST" else None
        return posted if posted in allowed else Visibility.INTERNAL

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        return {**kwargs, "rows_default": self._rows_default(request)}


@admin.register(CaseSubject)
class CaseSubjectAdmin(ProposalAdminMixin, StampedAdmin):
    list_display = ("person", "role", "case", "description", "visibility")
    list_filter = ("role", "visibility", "case__publication_state")
    search_fields = ("person__display_name", "person__search_key", "case__title", "description")
    list_select_related = ("person", "case")
    autocomplete_fields = ("case", "person")
    ordering = ("case__title", "role", "person__display_name")
    fieldsets = ((None, {"fields": ("case", *SUBJECT_FIELDS)}), STAMPS_FIELDSET)
