"""Each time something was taken off the public site at once (cases/hiding.py)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import visibility_field

from .case import Case


class HidingHow(models.TextChoices):
    INTERNAL = "internal", _("made internal")
    CONFIDENTIAL = "confidential", _("made confidential")
    # A statement withdrawn is made internal; a case withdrawn leaves the public site whole.
    WITHDRAWN = "withdrawn", _("withdrawn")


class Hiding(models.Model):
    """One row, case or person taken off the public site: what, how, by whom and why.

    Written only by cases.hiding.hide(), in the same transaction as the change itself,
    for the publishers' "Recently hidden" list on the staff home and the history of the
    case (history/models.py tracks it). A hiding that names a confidential row (or made
    one confidential) is confidential itself: staff without confidential access never
    see it.
    """

    hidden_at = models.DateTimeField(_("hidden at"), default=timezone.now)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="hidings",
        help_text=_("The case the hidden row belongs to, if it belongs to one."),
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("row"))
    what = models.CharField(_("what"), max_length=300, help_text=_("The row as it was named."))
    how = models.CharField(_("how"), max_length=12, choices=HidingHow.choices)
    reason = models.TextField(_("reason"), blank=True)
    visibility = visibility_field()

    objects = models.Manager()

    PUBLIC_FIELDS = ()
    INTERNAL_FIELDS = (
        "id", "hidden_at", "hidden_by", "case", "content_type", "object_id", "what", "how",
        "reason", "visibility",
    )  # fmt: skip
    CONFIDENTIAL_FIELDS = ()

    class Meta:
        ordering = ["-hidden_at", "-id"]
        verbose_name = _("taking off the public site")
        verbose_name_plural = _("takings off the public site")
        # Written by cases.hiding only, never through the admin: no permissions to grant.
        default_permissions = ()
        indexes = [
            # The staff home's "Recently hidden", the latest first.
            models.Index(models.F("hidden_at").desc(), "id", name="hiding_latest"),
        ]

    def __str__(self):
        return f"{self.what}: {self.get_how_display()}"
