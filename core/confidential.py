"""What is confidential, read from the models themselves: rows and fields.

A row is confidential when its own `visibility` says so, and, for staff, also when it
names a confidential row through a foreign key (a name variant, role or relation of a
confidential person; a statement by one): showing it would show whom it names. A field
is confidential when its model lists it in CONFIDENTIAL_FIELDS (a date's precision goes
with its date). Who may see them is core.access.can_see_confidential.
"""

from functools import cache

from django.db.models import Q

from core.classification import classify
from core.models import Visibility


def has_visibility(model) -> bool:
    return any(field.name == "visibility" for field in model._meta.concrete_fields)


@cache
def confidential_fields(model) -> frozenset[str]:
    return frozenset(name for name, cls in classify(model).items() if cls == "confidential")


def _hidden(model, prefix: str, path: frozenset) -> Q:
    condition = Q(**{f"{prefix}visibility": Visibility.CONFIDENTIAL})
    for field in model._meta.concrete_fields:
        target = field.related_model
        if field.many_to_one and has_visibility(target) and target not in path:
            condition |= _hidden(target, f"{prefix}{field.name}__", path | {target})
    return condition


@cache
def confidential_rows(model) -> Q | None:
    """The rows of `model` staff without confidential access may not see, or None if none."""
    if not has_visibility(model):
        return None
    return _hidden(model, "", frozenset({model}))


def without_confidential(queryset):
    """The queryset without the rows confidential_rows() describes."""
    hidden = confidential_rows(queryset.model)
    return queryset if hidden is None else queryset.exclude(hidden)


def links_to_confidential(model) -> Q | None:
    """For rows without a visibility of their own (many-to-many links): those naming a
    confidential row, or None if they cannot."""
    hidden = None
    for field in model._meta.concrete_fields:
        target = confidential_rows(field.related_model) if field.many_to_one else None
        if target is not None:
            rows = field.related_model._base_manager.filter(target)
            condition = Q(**{f"{field.name}__in": rows})
            hidden = condition if hidden is None else hidden | condition
    return hidden
