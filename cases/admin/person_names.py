"""The person page's spellings, each with "Take off the public site" (cases/hiding.py).

People never imports cases, so the column is put on the person's page from here, as
organizations adds the affiliations inline.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.admin.hiding import row_hide_link
from cases.hiding import is_shown
from people.admin import NameVariantInline, PersonAdmin


class HideableNameVariantInline(NameVariantInline):
    # Beside the spelling it takes off, where a narrow screen still shows it.
    fields = ("text", "public_site", *(f for f in NameVariantInline.fields if f != "text"))
    readonly_fields = ("public_site",)

    @admin.display(description=_("public site"))
    def public_site(self, variant):
        """A public spelling of a public person: one click takes it off (then confirm).
        The person is loaded with the row (core.admin.LoadingInlineMixin)."""
        if variant is None or variant.pk is None:
            return ""
        if not (is_shown(variant) and is_shown(variant.person)):
            return "—"
        back = reverse("admin:people_person_change", args=[variant.person_id])
        return row_hide_link(variant, back) or "—"


def add_to_person_page() -> None:
    PersonAdmin.inlines = [
        HideableNameVariantInline if inline is NameVariantInline else inline
        for inline in PersonAdmin.inlines
    ]
