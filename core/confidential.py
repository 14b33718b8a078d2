"""What is confidential, read from the models themselves: rows and fields.

A row is confidential when its own `visibility` says so, and, for staff, also when it
names a confidential row through a foreign key (a name variant, role or relation of a
confidential person; a statement by one): showing it would show whom it names. A field
is confidential when its model lists it in CONFIDENTIAL_FIELDS (a date's precision goes
with its date). Who may see them is core.access.can_see_confidential.
"""

from functools import cache

from django.db.models import BigIntegerField, Case, Exists, OuterRef, Q, When
from django.db.models.functions import Cast

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


# How many of a user's latest admin-log entries the index page's "Recent actions" looks at.
RECENT_LOG_ENTRIES = 100


def without_confidential_log(entries, user, models):
    """The user's latest admin-log entries (Django's "Recent actions") of `models` (those an
    admin site logs), without those naming a row staff without confidential access may not see.

    An entry shows its row's label as it was when logged: it stays only while its row exists
    and is visible (a deleted row's label cannot be checked), and never for a model whose
    confidential fields have no visibility to go by. Only the latest RECENT_LOG_ENTRIES are
    checked, so the index page's one query stays small however long the log.
    """
    latest = entries.filter(user=user).order_by("-action_time").values("pk")
    entries = entries.filter(pk__in=latest[:RECENT_LOG_ENTRIES]).annotate(
        object_pk=Case(
            When(object_id__regex=r"^[0-9]{1,18}$", then=Cast("object_id", BigIntegerField()))
        )
    )
    shown = Q(pk__in=[])
    for model in models:
        hidden = confidential_rows(model)
        opts = model._meta
        of_model = Q(content_type__app_label=opts.app_label, content_type__model=opts.model_name)
        if hidden is not None:
            rows = model._base_manager.exclude(hidden).filter(pk=OuterRef("object_pk"))
            shown |= of_model & Q(Exists(rows))
        elif not confidential_fields(model):
            shown |= of_model
    return entries.filter(shown)
