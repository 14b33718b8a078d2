"""The case page, where staff record a case end to end, and the list of people's roles."""

from django.contrib import admin
from django_countries.filters import CountryFilter

from cases.admin.publication import PUBLICATION_FIELDSET, PublicationAdminMixin
from cases.admin.records import RECORD_INLINES
from cases.models import Case, CaseSubject
from core.admin import STAMPS_FIELDSET, StampedAdmin, TabularInline
from core.archive_admin import ArchivingAdminMixin

SUBJECT_FIELDS = ("person", "role", "description", "visibility")


class CaseSubjectInline(TabularInline):
    model = CaseSubject
    fields = SUBJECT_FIELDS
    autocomplete_fields = ("person",)
    extra = 1
    verbose_name = "person concerned"
    verbose_name_plural = "people concerned"


@admin.register(Case)
class CaseAdmin(PublicationAdminMixin, ArchivingAdminMixin, StampedAdmin):
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
    fieldsets = (
        (
            "Public once published",
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
        ("Internal", {"fields": ("internal_notes",)}),
        STAMPS_FIELDSET,
    )
    inlines = [CaseSubjectInline, *RECORD_INLINES]


@admin.register(CaseSubject)
class CaseSubjectAdmin(StampedAdmin):
    list_display = ("person", "role", "case", "description", "visibility")
    list_filter = ("role", "visibility", "case__publication_state")
    search_fields = ("person__display_name", "person__search_key", "case__title", "description")
    list_select_related = ("person", "case")
    autocomplete_fields = ("case", "person")
    ordering = ("case__title", "role", "person__display_name")
    fieldsets = ((None, {"fields": ("case", *SUBJECT_FIELDS)}), STAMPS_FIELDSET)
