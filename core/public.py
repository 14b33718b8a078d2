"""Reading a row for the public: only the fields its model lists in PUBLIC_FIELDS.

A model shown publicly declares `PUBLIC_FIELDS`; anything not listed is private. A
related person or organization appears only when its own visibility is public.
"""

from functools import lru_cache

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language, override
from django_countries.fields import Country

from core.models import Visibility, format_precise_date


def is_public(obj) -> bool:
    """The in-memory twin of public(): public visibility and not archived."""
    return (
        getattr(obj, "visibility", None) == Visibility.PUBLIC
        and getattr(obj, "archived_at", None) is None
    )


def public_url(model, object_id) -> str | None:
    """The public address of a row the public may see (its model's public() queryset, the
    one definition), or None: for a hidden row exactly as for a missing one."""
    public = getattr(model._default_manager, "public", None)
    if public is None or not hasattr(model, "get_absolute_url"):
        return None
    try:
        pk = model._meta.pk.to_python(object_id)
    except ValidationError:
        return None
    row = public().filter(pk=pk).first()
    return None if row is None else row.get_absolute_url()


@lru_cache(maxsize=2048)
def country_name(code: str, language: str | None) -> str:
    """A country's name in a language; translating it anew costs ~45 µs, once per row of
    an export."""
    with override(language):
        return str(Country(code=code).name)


def public_value(instance, name: str):
    """The displayable public value of one field, or None when empty or not public."""
    if name not in instance.PUBLIC_FIELDS:
        raise ValueError(f"{type(instance).__name__}.{name} is not a public field")
    field = instance._meta.get_field(name)
    value = getattr(instance, name)
    if value in (None, "", []):
        return None
    if field.is_relation:
        return value if is_public(value) else None
    if field.choices and not isinstance(value, Country):
        return getattr(instance, f"get_{name}_display")()
    if isinstance(value, Country):
        return country_name(value.code, get_language())
    if isinstance(field, models.DateField) and hasattr(instance, f"{name}_precision"):
        return format_precise_date(value, getattr(instance, f"{name}_precision"))
    return value


def public_details(instance, names=None) -> list[tuple[str, object]]:
    """(label, value) pairs of the public, non-empty fields, in the model's declared order."""
    pairs = []
    for name in names if names is not None else instance.PUBLIC_FIELDS:
        value = public_value(instance, name)
        if value is not None:
            label = str(instance._meta.get_field(name).verbose_name)
            pairs.append((label[:1].upper() + label[1:], value))
    return pairs
