"""The internal part of a held save, written at once: internal-only changes need no review.

A save that changes what the public sees is held whole as a proposal (ProposalAdminMixin).
Its changes that no public surface shows are written now instead, in the same
transaction, on the rows the forms locked: fields classified internal or confidential on
a public row (a case's internal notes), and any field but the visibility of a row the
public does not see. The public state is then read again: if it moved after all, they
are undone and stay in the proposal. The kept POST gets those rows' new snapshots
(core.locking), as for hiding, so approving the rest is not refused for a change this
same save made. New rows, deletions and links stay in the proposal.
"""

from collections import defaultdict

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.utils import timezone

from core.date_fields import date_companions


def _fields_now(row_form, public_row: bool) -> list:
    """The changed model fields of a saved row's form that may be written at once."""
    model = type(row_form.instance)
    if public_row:
        allowed = set(getattr(model, "INTERNAL_FIELDS", ())) | set(
            getattr(model, "CONFIDENTIAL_FIELDS", ())
        )
    else:
        allowed = None  # any field the public does not see through this row
    names = set()
    for name in row_form.changed_data:
        try:
            f = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not f.concrete or f.many_to_many or f.primary_key or name == "visibility":
            continue
        if allowed is None or name in allowed:
            names.add(name)
    names |= {column for column, owner in date_companions(model).items() if owner in names}
    return [model._meta.get_field(name) for name in sorted(names)]


def apply_internal_now(forms: dict, data: dict, *, public_before: dict, skip, public_now) -> int:
    """Write the internal part of the page's forms of saved rows (`forms`: by public-state
    key, see cases.public_state.snapshot), unless `public_now()` then differs from what it
    read before; how many rows were written."""
    written = []
    before = public_now()
    savepoint = transaction.savepoint()
    for key, row_form in forms.items():
        # A row this save added has a pk in memory only: its savepoint was rolled back.
        drawn_saved = getattr(row_form, "_was_saved", False)
        if key in skip or not drawn_saved or "row_state" not in row_form.fields:
            continue
        fields = _fields_now(row_form, key in public_before)
        if not fields:
            continue
        instance = row_form.instance
        values = {f.attname: getattr(instance, f.attname) for f in fields}
        if any(f.name == "updated_at" for f in instance._meta.concrete_fields):
            values["updated_at"] = timezone.now()
        type(instance)._base_manager.filter(pk=instance.pk).update(**values)
        written.append(row_form)
    if not written:
        transaction.savepoint_commit(savepoint)
        return 0
    if public_now() != before:
        transaction.savepoint_rollback(savepoint)
        return 0
    transaction.savepoint_commit(savepoint)
    _new_snapshots(written, data)
    return len(written)


def _new_snapshots(row_forms, data: dict) -> None:
    """Each written row's snapshot in the kept POST, read once per model."""
    by_model = defaultdict(list)
    for row_form in row_forms:
        by_model[type(row_form.instance)].append(row_form)
    for model, model_forms in by_model.items():
        fresh = model._base_manager.in_bulk([f.instance.pk for f in model_forms])
        for row_form in model_forms:
            drawn, row_form.instance = row_form.instance, fresh[row_form.instance.pk]
            try:
                data[row_form.add_prefix("row_state")] = [row_form._snapshot()]
            finally:
                row_form.instance = drawn
