"""Optimistic locking for staff forms: a save never silently overwrites someone else's.

Each form of an existing row carries a signed snapshot of the row as it was when the
page was drawn. On submit the row is locked (SELECT … FOR UPDATE, inside the admin's
transaction) and compared with the snapshot; if anyone changed it meanwhile, through
the admin, a bulk update or raw SQL, the form is refused with the fields that changed
and their new values, and nothing is written.
"""

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connections, router

SALT = "core.locking.row-state"
IGNORED = {"created_at", "updated_at"}
SHOWN_LENGTH = 80


def row_state(instance) -> dict[str, str]:
    """The row's stored values, field by field, as text."""
    return {
        field.name: field.value_to_string(instance)
        for field in instance._meta.concrete_fields
        if not field.primary_key and not field.generated and field.name not in IGNORED
    }


def _shorten(text: str) -> str:
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + "…"


class OptimisticLockMixin:
    """Logic of LockedModelForm: refuses the save when the row changed since it was shown."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and "row_state" in self.fields:
            self.fields["row_state"].initial = signing.dumps(
                row_state(self.instance), salt=SALT, compress=True
            )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None or "row_state" not in self.fields:
            return cleaned
        try:
            shown = signing.loads(self.data.get(self.add_prefix("row_state"), ""), salt=SALT)
        except signing.BadSignature:
            raise ValidationError(
                "This form is out of date or incomplete. Reload the page and make your "
                "change again."
            ) from None
        current = self._locked_current_row()
        if current is None:
            raise ValidationError(
                "Someone deleted this record while you were editing it; nothing was saved."
            )
        now = row_state(current)
        changed = [name for name in now if now[name] != shown.get(name)]
        if changed:
            details = "; ".join(
                f"{current._meta.get_field(name).verbose_name}: now “{_shorten(now[name])}”"
                for name in changed
            )
            raise ValidationError(
                "Someone else changed this record while you were editing it, so your changes "
                f"were not saved. What changed: {details}. Reload the page to see the current "
                "version, then make your change again."
            )
        return cleaned

    def _locked_current_row(self):
        model = type(self.instance)
        rows = model._base_manager.filter(pk=self.instance.pk)
        # Hold the row until the save commits, so a concurrent save waits and then sees ours.
        if connections[router.db_for_write(model)].in_atomic_block:
            rows = rows.select_for_update()
        return rows.first()


class LockedModelForm(OptimisticLockMixin, forms.ModelForm):
    """Every staff form: carries the row's snapshot and refuses a save over someone else's."""

    row_state = forms.CharField(widget=forms.HiddenInput, required=False)


def with_row_state(fieldsets) -> list:
    """Admin fieldsets plus the hidden snapshot field (the admin renders only listed fields)."""
    (name, options), *rest = fieldsets
    fields = list(options.get("fields", ()))
    if "row_state" not in fields:
        fields.append("row_state")
    return [(name, {**options, "fields": fields}), *rest]
