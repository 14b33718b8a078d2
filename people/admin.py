"""Staff admin for people: names in every script, family ties, contact details."""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from core.admin import STAMPS_FIELDSET, StaffAdmin, StampedAdmin, TabularInline
from core.archive_admin import ArchivingAdminMixin
from core.duplicates import ConfirmNewForm, confirm_field, confirm_layout, posted_texts, with_user
from core.locking import LockedModelForm
from core.pickers import picker_case_id
from people.models import ContactDetail, NameVariant, Person, Relation
from people.names import fold_name
from people.pickers import matching_people, person_details, person_label, similar_people


class PersonForm(ConfirmNewForm, LockedModelForm):
    """Adding a person whose name, or one of the spellings typed below it, folds to one
    already recorded asks "Is this …?" first."""

    confirm_distinct = confirm_field(_("This is a different person"))
    duplicate_message = _(
        "Someone with this name is already recorded. Open them if it is the same person; "
        "tick the box if it is not."
    )

    def possible_duplicates(self):
        names = [self.cleaned_data.get("display_name", "")]
        names += posted_texts(self.data, "name_variants", "text")
        found = {}
        for name in filter(None, names):
            for person in similar_people(name, self.picker_user):
                details = ", ".join(person_details(person, self.picker_user))
                found.setdefault(person.pk, (person, f"{person.display_name}, {details}"))
        return list(found.values())


class NameVariantInline(TabularInline):
    model = NameVariant
    fields = ("text", "script", "kind", "language", "visibility")
    extra = 1


class RelationInline(TabularInline):
    model = Relation
    fk_name = "person"
    fields = ("relative", "kind", "notes", "visibility")
    autocomplete_fields = ("relative",)
    verbose_name = _("family relation")


class ContactDetailInline(TabularInline):
    model = ContactDetail
    fields = ("kind", "value", "notes", "visibility")


@admin.register(Person)
class PersonAdmin(ArchivingAdminMixin, StampedAdmin):
    form = PersonForm
    list_display = ("display_name", "nationality", "sex", "visibility", "updated_at")
    list_filter = ("visibility", "sex", ("nationality", CountryFilter))
    search_fields = ("display_name", "name_variants__text", "search_key")
    ordering = ("display_name",)
    prepopulated_fields = {"slug": ("display_name",)}
    readonly_fields = ("search_key", *StampedAdmin.readonly_fields)
    fieldsets = (
        (None, {"fields": ("display_name", "slug", "sex", "nationality", "visibility")}),
        (
            _("Private details"),
            {
                "fields": ("birth_date", "search_key"),
                "description": _("Never shown publicly, even when the person is public."),
            },
        ),
        (_("Internal"), {"fields": ("internal_notes",)}),
        STAMPS_FIELDSET,
    )
    # organizations/admin.py adds the affiliations inline: people never imports organizations.
    inlines = [NameVariantInline, RelationInline, ContactDetailInline]

    def get_form(self, request, obj=None, change=False, **kwargs):
        return with_user(super().get_form(request, obj, change, **kwargs), request.user)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return fieldsets if obj is not None else confirm_layout(fieldsets)

    def autocomplete_results(self, request, queryset, term):
        """Pickers rank the people of the page's case first, then the closest names."""
        return matching_people(term, request.user, picker_case_id(request), queryset=queryset)

    def autocomplete_label(self, request, obj):
        return person_label(obj, request.user)

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
