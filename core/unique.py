"""A unique address (slug) held by a row the user may not see: it gives way, unseen.

A slug is unique across every row, because it becomes a public address, so it cannot be
kept apart on each side of the confidentiality line like other unique rules
(core.models.unique_on_each_side). Answering "already exists" to staff who may not see
the row holding it would confirm a guessed name (slugs are made from names); so when
their new or changed row asks for a slug that only a confidential row holds, that row
takes an opaque slug instead (confidential rows have no public page, so no address is
lost) and theirs takes the slug: the same outcome as if no row had held it. The unique
index stays the final guard.
"""

import secrets

from django.db import models

from core.confidential import confidential_rows

OPAQUE_PREFIX = "confidential-"


def opaque_slug() -> str:
    """A slug that says nothing of the row it names."""
    return f"{OPAQUE_PREFIX}{secrets.token_hex(8)}"


def yielding_fields(model) -> list[models.Field]:
    """The unique slugs of a model whose rows can be confidential."""
    if confidential_rows(model) is None:
        return []
    return [
        field
        for field in model._meta.concrete_fields
        if field.unique and isinstance(field, models.SlugField)
    ]


def hidden_holders(model, field, values, exclude_pk=None) -> dict:
    """{value: pk} of the confidential rows holding any of these values of `field`."""
    rows = model._base_manager.filter(confidential_rows(model), **{f"{field.name}__in": values})
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    return dict(rows.values_list(field.name, "pk"))


def give_way(model, field, pks) -> None:
    """Give these (confidential) rows opaque values of `field`, one statement each."""
    for pk in pks:
        model._base_manager.filter(pk=pk).update(**{field.name: opaque_slug()})
