"""Sources that records cite; staff usually create them from a record through the + popup."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cases.admin.proposals import ProposalAdminMixin
from cases.models import Source
from core.admin import STAMPS_FIELDSET, StampedAdmin


@admin.register(Source)
class SourceAdmin(ProposalAdminMixin, StampedAdmin):
    list_display = ("title", "publisher", "published_on", "reliability", "language", "visibility")
    list_filter = ("visibility", "reliability", "publisher__kind", "language")
    search_fields = ("title", "url", "publisher__name")
    list_select_related = ("publisher",)
    autocomplete_fields = ("publisher",)
    date_hierarchy = "published_on"
    ordering = ("-published_on", "title")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "title",
                    "publisher",
                    "url",
                    "archived_url",
                    "published_on",
                    "language",
                    "reliability",
                    "visibility",
                )
            },
        ),
        (_("Internal"), {"fields": ("internal_notes",)}),
        STAMPS_FIELDSET,
    )
