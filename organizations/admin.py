"""Staff admin for organizations and people's roles in them."""

from django.contrib import admin
from django_countries.filters import CountryFilter

from core.admin import STAMPS_FIELDSET, StampedAdmin, TabularInline
from core.archive_admin import ArchivingAdminMixin
from organizations.models import Affiliation, Organization
from people.admin import PersonAdmin

DATED_ROLE = ("role_title", "started_on", "ended_on", "visibility")


class AffiliationInline(TabularInline):
    """On an organization's page: the people who hold a role in it."""

    model = Affiliation
    fields = ("person", *DATED_ROLE)
    autocomplete_fields = ("person",)


class PersonAffiliationInline(TabularInline):
    """On a person's page: the roles they hold in organizations."""

    model = Affiliation
    fields = ("organization", *DATED_ROLE)
    autocomplete_fields = ("organization",)
    verbose_name = "role in an organization"
    verbose_name_plural = "roles in organizations"


# The person page shows their roles; the inline lives here because people never imports
# organizations (apps depend one way: cases → organizations → people).
PersonAdmin.inlines = [*PersonAdmin.inlines, PersonAffiliationInline]


@admin.register(Organization)
class OrganizationAdmin(ArchivingAdminMixin, StampedAdmin):
    list_display = ("name", "acronym", "kind", "country", "visibility", "updated_at")
    list_filter = ("kind", "visibility", ("country", CountryFilter))
    search_fields = ("name", "acronym")
    ordering = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("name", "acronym", "slug", "kind", "country", "website", "visibility")}),
        ("Internal", {"fields": ("internal_notes",)}),
        STAMPS_FIELDSET,
    )
    inlines = [AffiliationInline]


@admin.register(Affiliation)
class AffiliationAdmin(StampedAdmin):
    list_display = ("person", "role_title", "organization", "started_on", "ended_on", "visibility")
    list_filter = ("visibility", "organization__kind")
    search_fields = (
        "person__display_name",
        "role_title",
        "organization__name",
        "organization__acronym",
    )
    list_select_related = ("person", "organization")
    autocomplete_fields = ("person", "organization")
    date_hierarchy = "started_on"
    ordering = ("organization__name", "person__display_name")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "person",
                    "organization",
                    "role_title",
                    ("started_on", "ended_on"),
                    "visibility",
                )
            },
        ),
        STAMPS_FIELDSET,
    )
