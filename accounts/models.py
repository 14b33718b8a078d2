"""What a member of staff chooses for themselves (accounts/language.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffPreferences(models.Model):
    """One row per member of staff who has chosen something; none means the defaults."""

    # Staff's own settings: seen by staff, never by the public (core/classification.py).
    PUBLIC_FIELDS = ()
    INTERNAL_FIELDS = ("id", "user", "language")
    CONFIDENTIAL_FIELDS = ()

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_preferences",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("language of the staff pages"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Empty: the language your browser asks for."),
    )

    class Meta:
        verbose_name = _("staff preferences")
        verbose_name_plural = _("staff preferences")

    def __str__(self):
        return str(self.user)
