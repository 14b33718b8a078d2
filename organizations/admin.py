"""Staff admin for organizations and people's roles in them."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from core.admin import STAMPS_FIELDSET, StampedAdmin, TabularInline
from core.archive_admin import ArchivingAdminMixin
from core.duplicates import ConfirmNewForm, confirm_field, confirm_layout, with_user
from core.locking import LockedModelForm
from organizations.models import Affiliation, Organization
from organizations.pickers import (
    matching_organizations,
    organization_details,
    organization_label,
    similar_organizations,
)
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
    verbose_name = _("role in an organization")
    verbose_name_plural = _("roles in organizations")


# The person page shows their roles; the inline lives here because people never imports
# organizations (apps depend one way: cases → organizations → people).
PersonAdmin.inlines = [*PersonAdmin.inlines, PersonAffiliationInline]


class OrganizationForm(ConfirmNewForm, LockedModelForm):
    """Adding an organization whose name folds to one already recorded, or whose acronym
    is taken, asks "Is this …?" first."""

    confirm_distinct = confirm_field(_("This is a different organization"))
    duplicate_message = _(
        "An organization with this name or acronym is already recorded. Open it if it is "
        "the same one; tick the box if it is not."
    )

    def possible_duplicates(self):
        name = self.cleaned_data.get("name", "")
        acronym = self.cleaned_data.get("acronym", "")
        user = self.picker_user
        return [
            (found, f"{found}, {', '.join(organization_details(found, user))}")
            for found in similar_organizations(name, acronym, user)
        ]


@admin.register(Organization)
class OrganizationAdmin(ArchivingAdminMixin, StampedAdmin):
    form = OrganizationForm
    list_display = ("name", "acronym", "kind", "country", "visibility", "updated_at")
    list_filter = ("kind", "visibility", ("country", CountryFilter))
    search_fields = ("name", "acronym")
    ordering = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("name", "acronym", "slug", "kind", "country", "website", "visibility")}),
        (_("Internal"), {"fields": ("internal_notes",)}),
        STAMPS_FIELDSET,
    )
    inlines = [AffiliationInline]

    def get_form(self, request, obj=None, change=False, **kwargs):
        return with_user(super().get_form(request, obj, change, **kwargs), request.user)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return fieldsets if obj is not None else confirm_layout(fieldsets)

    def autocomplete_results(self, request, queryset, term):
        return matching_organizations(term, request.user, queryset=queryset)

    def autocomplete_label(self, request, obj):
        return organization_label(obj, request.user)


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
