"""Language choices for texts, names and sources (ISO 639-1 codes Django knows)."""

from django.conf import global_settings
from django.db import models

LANGUAGE_CHOICES = sorted(global_settings.LANGUAGES, key=lambda item: item[1])


def language_field(**kwargs) -> models.CharField:
    kwargs.setdefault("blank", True)
    return models.CharField(max_length=10, choices=LANGUAGE_CHOICES, **kwargs)
