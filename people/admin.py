"""Staff admin for people: names in every script, family ties, contact details."""

from django.contrib import admin
from django.db.models import Q
from django_countries.filters import CountryFilter

from core.admin import STAMPS_FIELDSET, StaffAdmin, StampedAdmin, TabularInline
from core.archive_admin import ArchivingAdminMixin
from people.models import ContactDetail, NameVariant, Person, Relation
from people.names import fold_name


class NameVariantInline(TabularInline):
    model = NameVariant
    fields = ("text", "script", "kind", "language", "visibility")
    extra = 1


class RelationInline(TabularInline):
    model = Relation
    fk_name = "person"
    fields = ("relative", "kind", "notes", "visibility")
    autocomplete_fields = ("relative",)
    verbose_name = "family relation"


class ContactDetailInline(TabularInline):
    model = ContactDetail
    fields = ("kind", "value", "notes", "visibility")


@admin.register(Person)
class PersonAdmin(ArchivingAdminMixin, StampedAdmin):
    list_display = ("display_name", "nationality", "sex", "visibility", "updated_at")
    list_filter = ("visibility", "sex", ("nationality", CountryFilter))
    search_fields = ("display_name", "name_variants__text", "search_key")
    ordering = ("display_name",)
    prepopulated_fields = {"slug": ("display_name",)}
    readonly_fields = ("search_key", *StampedAdmin.readonly_fields)
    fieldsets = (
        (None, {"fields": ("display_name", "slug", "sex", "nationality", "visibility")}),
        (
            "Private details",
            {
                "fields": ("birth_date", "search_key"),
                "description": "Never shown publicly, even when the person is public.",
            },
        ),
        ("Internal", {"fields": ("internal_notes",)}),
        STAMPS_FIELDSET,
    )
    # organizations/admin.py adds the affiliations inline: people never imports organizations.
    inlines = [NameVariantInline, RelationInline, ContactDetailInline]

    def get_search_results(self, request, queryset, search_term):
        """Also match names folded across scripts and spellings (Тураев finds Turaev),
        through the spellings this user may see."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        words = fold_name(search_term).split() if search_term.strip() else []
        if not words:
            return results, may_have_duplicates
        folded = Q()
        for word in words:
            folded &= Q(search_key__contains=word) | self.search_condition(
                request, "name_variants__folded__contains", word
            )
        return results | queryset.filter(folded), may_have_duplicates


@admin.register(NameVariant)
class NameVariantAdmin(StaffAdmin):
    list_display = ("text", "person", "script", "kind", "language", "visibility")
    list_filter = ("visibility", "script", "kind", "language")
    search_fields = ("text", "folded", "person__display_name")
    list_select_related = ("person",)
    autocomplete_fields = ("person",)
    ordering = ("person__display_name", "text")
    fields = ("person", "text", "script", "kind", "language", "visibility", "folded")
    readonly_fields = ("folded",)
