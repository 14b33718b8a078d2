"""Optimistic locking for staff forms: a save never silently overwrites someone else's.

Each form of an existing row carries a signed snapshot of the row as it was when the page
was drawn: for each field its user may see, a digest of the stored value keyed with the
secret key (HMAC), never the value itself. The page then holds nothing its reader may not
see, and no one without the key can test a guess (a birth date) against a digest. On
submit the row is locked (SELECT … FOR UPDATE, inside the admin's transaction) and the
digests are computed again: if anyone changed one of those fields meanwhile, through the
admin, a bulk update or raw SQL, the form is refused with the fields that changed and
their new values, and nothing is written.

Confidential fields the form does not carry (hidden from its user) are neither compared
nor overwritten: they take the locked row's current values, so a colleague's change to
them, made at any moment before the lock, is kept, not refused and not lost.
"""

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from core.confidential import confidential_fields

SALT = "core.locking.row-state"
IGNORED = {"created_at", "updated_at"}
SHOWN_LENGTH = 80
# 64 bits: a chance collision never hides a change, and the key makes guessing useless.
DIGEST_LENGTH = 16

OUT_OF_DATE = _(
    "This form is out of date or incomplete. Reload the page and make your change again."
)
# One message whether the row was deleted or is no longer shown to this user.
GONE = _(
    "Someone deleted this record, or restricted who may see it, while you were editing it; "
    "nothing was saved."
)
CHANGED = _(
    "Someone else changed this record while you were editing it, so your changes were not "
    "saved. What changed: %(details)s. Reload the page to see the current version, then make "
    "your change again."
)


def field_digest(instance, field) -> str:
    """A digest of one stored value, keyed with the secret key, the row and the field."""
    key = f"{SALT}:{instance._meta.label_lower}:{instance.pk}:{field.name}"
    value = field.value_to_string(instance)
    return salted_hmac(key, value, algorithm="sha256").hexdigest()[:DIGEST_LENGTH]


def _shorten(text: str) -> str:
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + "…"


class OptimisticLockMixin:
    """Logic of LockedModelForm: refuses the save when the row changed since it was shown."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._was_saved = self.instance.pk is not None
        if self.instance.pk is not None and "row_state" in self.fields:
            # Computed when drawn: an inline formset adds its parent key after __init__.
            self.fields["row_state"].initial = self._snapshot

    def _snapshot(self) -> str:
        digests = {f.name: field_digest(self.instance, f) for f in self.locked_fields()}
        return signing.dumps(digests, salt=SALT)

    def locked_fields(self) -> list:
        """The fields the lock compares: every stored field but the confidential ones this
        form does not carry (hidden from its user, who may not learn that they changed)."""
        model = type(self.instance)
        hidden = confidential_fields(model) - self.carried_fields()
        return [
            field
            for field in model._meta.concrete_fields
            if not field.primary_key
            and not field.generated
            and field.name not in IGNORED
            and field.name not in hidden
        ]

    def carried_fields(self) -> set[str]:
        """The model fields this form's inputs set (core.date_fields adds a date's precision)."""
        return set(self.fields)

    def shown_among(self, rows) -> set:
        """The pks of the locked rows still shown to this form's user (see core.admin)."""
        return {row.pk for row in rows}

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None or "row_state" not in self.fields:
            return cleaned
        try:
            shown = signing.loads(self.data.get(self.add_prefix("row_state"), ""), salt=SALT)
        except signing.BadSignature:
            shown = None
        if not isinstance(shown, dict):
            raise ValidationError(OUT_OF_DATE)
        current, still_seen = getattr(self, "_locked", None) or self._lock_own_row()
        if current is None or not still_seen:
            raise ValidationError(GONE)
        fields = self.locked_fields()
        changed = [f for f in fields if field_digest(current, f) != shown.get(f.name)]
        if changed:
            # Fields this user may see: confidential ones only when the form carries them.
            details = "; ".join(
                f"{field.verbose_name}: now “{_shorten(field.value_to_string(current))}”"
                for field in changed
            )
            raise ValidationError(CHANGED % {"details": details})
        self._keep_current(current, fields)
        return cleaned

    def untouched_links(self) -> set[str]:
        """The many-to-many fields of a saved row that this form leaves as it drew them.

        They are not written again: the lock compares stored fields, not links, so
        rewriting them would silently undo a colleague's change to them made meanwhile
        (and cost a few queries per row for nothing)."""
        if not self._was_saved:
            return set()
        return {
            field.name
            for field in self.instance._meta.many_to_many
            if field.name in self.fields and field.name not in self.changed_data
        }

    def _save_m2m(self):
        cleaned = self.cleaned_data
        kept = {name: cleaned.pop(name) for name in self.untouched_links() if name in cleaned}
        try:
            super()._save_m2m()
        finally:
            cleaned.update(kept)

    def _keep_current(self, current, compared) -> None:
        """Give the fields the lock does not compare their locked, current values: the
        instance was read before the lock, and saving writes every field."""
        names = {field.name for field in compared}
        for field in self.instance._meta.concrete_fields:
            if field.name not in names and not field.primary_key and not field.generated:
                setattr(self.instance, field.attname, getattr(current, field.attname))

    def _lock_own_row(self) -> tuple:
        """(the locked row or None, whether its user still sees it), read for this form
        alone; a formset reads all of its rows at once first (lock_rows)."""
        current = _locking(type(self.instance)._base_manager.filter(pk=self.instance.pk)).first()
        return current, current is not None and current.pk in self.shown_among([current])


def _locking(rows):
    # Hold the rows until the save commits, so a concurrent save waits and then sees ours.
    if connections[router.db_for_write(rows.model)].in_atomic_block:
        return rows.select_for_update()
    return rows


def lock_rows(forms) -> None:
    """Lock and read again the saved rows of many forms of one model (a formset's), in
    one query and in key order, ahead of their clean(): each form then compares its row
    without a query of its own, and fifty rows cost what one does."""
    forms = [
        form
        for form in forms
        if isinstance(form, OptimisticLockMixin)
        and form.instance.pk is not None
        and "row_state" in form.fields
    ]
    if not forms:
        return
    model = type(forms[0].instance)
    rows = model._base_manager.filter(pk__in=[form.instance.pk for form in forms])
    current = {row.pk: row for row in _locking(rows.order_by("pk"))}
    shown = forms[0].shown_among(list(current.values())) if current else set()
    for form in forms:
        row = current.get(form.instance.pk)
        form._locked = (row, row is not None and row.pk in shown)


class RowStateField(forms.CharField):
    """The snapshot is no input: its signature's time stamp differs from one drawing to the
    next, which would make every unchanged inline row count as changed and be rewritten."""

    def has_changed(self, initial, data):
        return False


class LockedModelForm(OptimisticLockMixin, forms.ModelForm):
    """Every staff form: carries the row's snapshot and refuses a save over someone else's."""

    row_state = RowStateField(widget=forms.HiddenInput, required=False)


def with_row_state(fieldsets) -> list:
    """Admin fieldsets plus the hidden snapshot field (the admin renders only listed fields)."""
    (name, options), *rest = fieldsets
    fields = list(options.get("fields", ()))
    if "row_state" not in fields:
        fields.append("row_state")
    return [(name, {**options, "fields": fields}), *rest]
