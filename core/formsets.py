"""Model formsets that check and save all their rows in a fixed number of queries.

Django's model formsets go row by row: each saved row's hidden key is looked up again
(a ModelChoiceField), each row is locked and compared on its own (core.locking), and each
changed row is written with an UPDATE of its own. A case page with fifty records, or the
approval that replays it (cases.proposals), then costs several queries per record. Here
the keys are found among the rows the formset loaded, the rows are locked and read again
in one SELECT … FOR UPDATE before any form is cleaned, and the changed rows are written
with one UPDATE. The history triggers run in the database, row by row, whatever the
statement; a model whose save() or save signals want each row keeps Django's way.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_save, pre_save
from django.forms.models import ModelChoiceField

from core.locking import lock_rows


class LoadedRowField(ModelChoiceField):
    """The hidden key of a formset's saved row, found among the rows the formset loaded
    (Django's field asks the database again for each row); a key the formset did not
    load is looked up as Django does."""

    def __init__(self, queryset, *, formset, **kwargs):
        super().__init__(queryset, **kwargs)
        self.formset = formset

    def to_python(self, value):
        if value not in self.empty_values:
            try:
                key = self.formset._get_to_python(self.formset.model._meta.pk)(value)
            except ValidationError:
                key = None
            row = self.formset._existing_object(key) if key is not None else None
            if row is not None:
                return row
        return super().to_python(value)


def save_rows(instances: list) -> None:
    """Write changed rows of one model as Model.save() writes each (every field, through
    each field's pre_save: the auto_now stamp), in one UPDATE."""
    if not instances:
        return
    model = type(instances[0])
    if (
        len(instances) == 1
        or model.save is not models.Model.save
        or model._meta.parents
        or pre_save.has_listeners(model)
        or post_save.has_listeners(model)
    ):
        for obj in instances:
            obj.save()
        return
    fields = [f for f in model._meta.local_concrete_fields if not f.primary_key and not f.generated]
    for obj in instances:
        for f in fields:
            setattr(obj, f.attname, f.pre_save(obj, False))
    model._base_manager.bulk_update(instances, [f.name for f in fields])


class SetBasedFormSetMixin:
    """Mixed into a model formset: its saved rows cost no query each to find, lock, check
    and write."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        name = self.model._meta.pk.name
        field = form.fields.get(name)
        if type(field) is ModelChoiceField:
            form.fields[name] = LoadedRowField(
                field.queryset,
                formset=self,
                initial=field.initial,
                required=field.required,
                widget=field.widget,
            )

    def full_clean(self):
        if self.is_bound:
            lock_rows(self.initial_forms)
        super().full_clean()

    def save_existing_objects(self, commit=True):
        if not commit:
            return super().save_existing_objects(commit)
        # Django's loop, but the changed rows wait for one UPDATE of them all.
        self.changed_objects, self.deleted_objects = [], []
        changed = []
        deleted = self.deleted_forms
        for form in self.initial_forms:
            obj = form.instance
            if not obj._is_pk_set() or obj._state.adding:
                continue
            if form in deleted:
                self.deleted_objects.append(obj)
                self.delete_existing(obj, commit=True)
            elif form.has_changed():
                self.changed_objects.append((obj, form.changed_data))
                changed.append(form)
        saved = [self.save_existing(form, form.instance, commit=False) for form in changed]
        save_rows(saved)
        for form in changed:
            form.save_m2m()
        return saved
