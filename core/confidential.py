"""What is confidential, read from the models themselves: rows and fields.

A row is confidential when its own `visibility` says so, and, for staff, also when it
names a confidential row through a foreign key (a name variant, role or relation of a
confidential person; a statement by one): showing it would show whom it names. A field
is confidential when its model lists it in CONFIDENTIAL_FIELDS (a date's precision goes
with its date). Who may see them is core.access.can_see_confidential.
"""

from functools import cache

from django.core.exceptions import FieldDoesNotExist
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


def lookup_fields(model, lookup: str) -> list[tuple[type, object]]:
    """The (model, field) pairs a lookup such as 'people__birth_date__year' crosses, from
    `model`; the parts after the last field are lookups or transforms."""
    crossed = []
    for part in lookup.split("__"):
        opts = model._meta
        try:
            field = opts.pk if part == "pk" else opts.get_field(part)
        except FieldDoesNotExist:
            break
        crossed.append((model, field))
        if not field.is_relation or field.related_model is None:
            break
        model = field.related_model
    return crossed


def _field_read(model, field) -> tuple[type, str]:
    """(model, field name) a step reads: the field itself, or for a reverse relation the
    foreign key it follows back (Person.relations reads Relation.person)."""
    if field.auto_created and not field.concrete:
        return field.related_model, field.remote_field.name
    return model, field.name


def reads_confidential_field(model, lookup: str) -> bool:
    """Whether a lookup reads a confidential field anywhere along its path."""
    for owner, field in lookup_fields(model, lookup):
        owner, name = _field_read(owner, field)
        if name in confidential_fields(owner):
            return True
    return False


def hides_what_it_reaches(owner, field) -> bool:
    """Whether following `field` from a visible `owner` row can reach a confidential row.

    Not so for a foreign key of a model with a visibility: a row naming a confidential row
    through one is confidential itself (confidential_rows), so is never visible.
    """
    if confidential_rows(field.related_model) is None:
        return False
    covered = field.many_to_one and field.concrete and has_visibility(owner)
    return not covered


def reaches_confidential_rows(model, lookup: str) -> bool:
    """Whether a lookup reaches through a relation rows that may be confidential."""
    return any(
        field.is_relation and hides_what_it_reaches(owner, field)
        for owner, field in lookup_fields(model, lookup)
        if field.related_model is not None
    )


def _prefixed(condition: Q, prefix: str) -> Q:
    children = [
        _prefixed(child, prefix) if isinstance(child, Q) else (f"{prefix}__{child[0]}", child[1])
        for child in condition.children
    ]
    return Q(*children, _connector=condition.connector, _negated=condition.negated)


def visible_match(model, lookup: str, value, *, reveal: bool) -> Q:
    """Q(**{lookup: value}) on `model`, reaching through relations only the rows the user
    may see (all of them when `reveal`).

    A step into rows that may be confidential, and every step into many rows, becomes a
    subquery (`pk IN (SELECT …)`): it can filter the related rows, it uses their indexes,
    and it never repeats a row the way a join through several matching rows would.
    """
    part, _, rest = lookup.partition("__")
    opts = model._meta
    try:
        field = opts.pk if part == "pk" else opts.get_field(part)
    except FieldDoesNotExist:
        return Q(**{lookup: value})
    target = field.related_model
    if not rest or not field.is_relation or target is None:
        return Q(**{lookup: value})
    inner = visible_match(target, rest, value, reveal=reveal)
    guarded = not reveal and hides_what_it_reaches(model, field)
    if not guarded and not (field.many_to_many or field.one_to_many):
        return _prefixed(inner, part)  # a plain join: one related row at most
    rows = target._base_manager.filter(inner)
    if guarded:
        rows = rows.exclude(confidential_rows(target))
    if field.many_to_many:
        forward = field.concrete
        m2m = field if forward else field.remote_field
        ours, theirs = (
            (m2m.m2m_field_name(), m2m.m2m_reverse_field_name())
            if forward
            else (m2m.m2m_reverse_field_name(), m2m.m2m_field_name())
        )
        links = m2m.remote_field.through._base_manager.filter(**{f"{theirs}__in": rows})
        return Q(pk__in=links.values(ours))
    if field.auto_created and not field.concrete:  # a reverse foreign key
        back = field.remote_field.name
        return Q(pk__in=rows.filter(**{f"{back}__isnull": False}).values(back))
    return Q(**{f"{part}__in": rows.values(field.target_field.name)})


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
