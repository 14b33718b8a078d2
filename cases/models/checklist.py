"""What a publisher acknowledged on a case's publication checklist (cases/checklist.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Visibility, visibility_field

from .case import Case, PublicationState


class Acknowledgement(models.Model):
    """One checklist item a staff member checked and let through when moving a case.

    Written only by cases.services.case_transition, in the move's own transaction, and
    recorded in the history (history/models.py), so the case's "History of changes" says
    what was let through and by whom. An item about a confidential row is confidential
    itself: the history keeps it from staff without confidential access.
    """

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="acknowledgements"
    )
    key = models.CharField(_("item key"), max_length=200)
    item = models.TextField(_("item"), help_text=_("The item as the checklist showed it."))
    moved_to = models.CharField(
        _("when moving the case to"), max_length=12, choices=PublicationState.choices
    )
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), auto_now_add=True)
    visibility = visibility_field(default=Visibility.INTERNAL)

    objects = models.Manager()

    PUBLIC_FIELDS = ()
    INTERNAL_FIELDS = (
        "id", "case", "key", "item", "moved_to", "acknowledged_by", "acknowledged_at",
        "visibility",
    )  # fmt: skip
    CONFIDENTIAL_FIELDS = ()

    class Meta:
        verbose_name_plural = _("checklist acknowledgements")
        ordering = ["-acknowledged_at"]
        verbose_name = _("checklist acknowledgement")
        # Written by the workflow only, never through the admin: no permissions to grant.
        default_permissions = ()

    def __str__(self):
        return str(self.item)
