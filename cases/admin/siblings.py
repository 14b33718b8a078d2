"""Records of the case page that name rows of the same, still unsaved, form.

A record's people, sources and contested decision are chosen among the case's rows,
saved or not: a choice's value is a saved row's pk, or a token "new:<form prefix>"
naming a new row of another inline of the page ("new:subjects-2", "new:asylumdecisions-0").
CaseAdmin gives every formset of the page one CasePage (`formset.page`), so a record
formset validates its tokens against its siblings' rows; the tokens are resolved in
CaseAdmin.save_related once the rows they name are saved (resolve_new_rows).
"""

from dataclasses import dataclass

from django import forms
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.utils.translation import gettext_lazy as _

from core.admin import PreloadingInlineFormSet
from core.models import Visibility

TOKEN = "new:"


@dataclass(frozen=True)
class NewRow:
    """A new row of a sibling inline, named by its form prefix (e.g. 'subjects-2')."""

    prefix: str


def token(form) -> str:
    return f"{TOKEN}{form.prefix}"


class SiblingChoicesMixin:
    """Values are saved rows' pks among the choices, or tokens naming new rows of the
    sibling inline `sibling` (its formset prefix)."""

    def __init__(self, *, sibling: str, **kwargs):
        self.sibling = sibling
        super().__init__(**kwargs)

    def valid_value(self, value):
        value = str(value)
        if value.startswith(f"{TOKEN}{self.sibling}-"):
            return value[len(TOKEN) + len(self.sibling) + 1 :].isdigit()
        return super().valid_value(value)

    def as_ref(self, value):
        value = str(value)
        return NewRow(value[len(TOKEN) :]) if value.startswith(TOKEN) else int(value)


class SiblingMultipleChoiceField(SiblingChoicesMixin, forms.MultipleChoiceField):
    """Any pk passes here: CasePage.check_record refuses, by name, the people who are not
    the case's and the rows this user may not see."""

    widget = forms.CheckboxSelectMultiple

    def valid_value(self, value):
        return str(value).isdigit() or super().valid_value(value)

    def prepare_value(self, value):
        # A saved record's initial value is its related rows; the boxes carry their pks.
        return [str(getattr(v, "pk", v)) for v in value] if value else value

    def has_changed(self, initial, data):
        return super().has_changed(self.prepare_value(initial), data)

    def clean(self, value):
        return [self.as_ref(v) for v in super().clean(value)]


class SiblingChoiceField(SiblingChoicesMixin, forms.ChoiceField):
    def clean(self, value):
        value = super().clean(value)
        return self.as_ref(value) if value not in self.empty_values else None


class NewRowForm:
    """A new row of the case page counts as filled in only for what staff typed: not for
    the values the page itself gives it (its visibility, and a record's ticks)."""

    defaulted = frozenset({"visibility"})

    def has_changed(self):
        if self.instance.pk is None:
            return bool(set(self.changed_data) - self.defaulted)
        return super().has_changed()


class SiblingRefsForm(NewRowForm):
    """Mixed into record forms: keeps tokens out of the instance until they are resolved.

    A new record starts with every saved choice ticked (most records of a case concern
    all its people and cite its sources); staff untick. `models` maps a single-choice
    field to the related model, whose saved row the model form expects.
    """

    sibling_rows: dict = {}  # field name → {pk: row} for single choices (set per request)
    # What a new record's only changes may be without it counting as filled in.
    defaulted = frozenset({"people", "sources", "visibility", "add_as_subjects"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.new_refs: dict[str, list[NewRow]] = {}
        for name, field in self.fields.items():
            if isinstance(field, SiblingMultipleChoiceField) and self.instance.pk is None:
                self.initial[name] = [value for value, _label in field.choices]

    def _post_clean(self):
        # Before the model's own validation: a token cannot go on the instance yet.
        for name, field in self.fields.items():
            if not isinstance(field, SiblingChoicesMixin) or name not in self.cleaned_data:
                continue
            value = self.cleaned_data[name]
            values = value if isinstance(value, list) else [value]
            self.new_refs[name] = [v for v in values if isinstance(v, NewRow)]
            kept = [v for v in values if v is not None and not isinstance(v, NewRow)]
            if isinstance(value, list):
                self.cleaned_data[name] = kept
            else:
                self.cleaned_data[name] = self.sibling_rows[name].get(kept[0]) if kept else None
        super()._post_clean()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("contests_decision") and cleaned.get("contests_extradition"):
            self.add_error(
                "contests_extradition",
                _("An appeal contests either an asylum decision or an extradition, not both."),
            )
        return cleaned

    def resolve(self, saved: dict[str, int]) -> None:
        """Put the pks of the saved rows the tokens named in place of the tokens."""
        for name, refs in self.new_refs.items():
            pks = [saved[ref.prefix] for ref in refs if ref.prefix in saved]
            if isinstance(self.fields[name], SiblingMultipleChoiceField):
                self.cleaned_data[name] = [*self.cleaned_data[name], *pks]
            elif pks:
                setattr(self.instance, self.instance._meta.get_field(name).attname, pks[0])


class CaseInlineFormSet(PreloadingInlineFormSet):
    """Every inline of the case page: new rows start with the page's default visibility,
    and a record's choices are checked against the rows of the other inlines."""

    # Which pk a saved row of this inline stands for, when a token names it.
    row_key = "pk"

    def __init__(self, *args, rows_default=Visibility.INTERNAL, page=None, **kwargs):
        self.rows_default = rows_default
        self.page = page
        super().__init__(*args, **kwargs)

    def _starts_with_default(self, form, i=None):
        if "visibility" in form.fields and (i is None or i >= self.initial_form_count()):
            form.initial["visibility"] = self.rows_default
        return form

    def _construct_form(self, i, **kwargs):
        return self._starts_with_default(super()._construct_form(i, **kwargs), i)

    @property
    def empty_form(self):
        return self._starts_with_default(super().empty_form)

    def kept_forms(self):
        """The forms whose rows exist once saved: saved and not deleted, or new and filled."""
        return [
            form
            for form in self.forms
            if not (self.can_delete and self._should_delete_form(form))
            and (form.instance.pk is not None or form.has_changed())
        ]

    def new_prefixes(self) -> set[str]:
        return {form.prefix for form in self.kept_forms() if form.instance.pk is None}

    def saved_rows(self) -> dict[str, int]:
        """prefix → the pk a token naming that row stands for, once saved."""
        return {
            form.prefix: getattr(form.instance, self.row_key)
            for form in self.kept_forms()
            if form.instance.pk is not None
        }

    def clean(self):
        super().clean()
        if self.page is not None:
            for form in self.kept_forms():
                if hasattr(form, "new_refs") and form.is_valid():
                    self.page.check_record(form)


class InPlaceMixin:
    """An inline of the case page whose pickers open no popup: rows are created in place."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        if isinstance(widget, RelatedFieldWidgetWrapper):
            widget.can_add_related = widget.can_change_related = False
            widget.can_view_related = widget.can_delete_related = False
        return formfield


def apply_rows_default(formset, default: str) -> None:
    """New rows left at the visibility they were drawn with take the case form's default
    (without JavaScript the selects keep the one they were drawn with)."""
    for form in formset.kept_forms():
        new = form.instance.pk is None and "visibility" in form.fields
        if new and "visibility" not in form.changed_data:
            form.cleaned_data["visibility"] = default
            if hasattr(form.instance, "visibility"):
                form.instance.visibility = default
