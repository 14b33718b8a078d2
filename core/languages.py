"""Language choices for texts, names and sources (ISO 639-1 codes Django knows)."""

from django.conf import global_settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Django's own catalog translates these names (global_settings marks them gettext_noop).
LANGUAGE_CHOICES = [
    (code, _(name)) for code, name in sorted(global_settings.LANGUAGES, key=lambda item: item[1])
]


def language_field(**kwargs) -> models.CharField:
    kwargs.setdefault("blank", True)
    kwargs.setdefault("verbose_name", _("language"))
    return models.CharField(max_length=10, choices=LANGUAGE_CHOICES, **kwargs)
