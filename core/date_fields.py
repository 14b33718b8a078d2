"""Dates in one field: staff type "June 2010" and the precision follows from the writing.

A model keeps each date as two columns, `<x>` and `<x>_precision` (core.models); staff
forms show one text input for both, read by core.dates (the importer's parser), and show
beside it how the public page will read the date. Where a model declares a span
(`DATE_SPANS`, e.g. an event's start and end), one input takes the range: "9–11 June 2010".

`with_precise_dates(form_class)` applies this to any model form, for every pair its model
has (core.admin does it for every staff form), and `date_companions(model)` names the
columns the one field stands for, which admin layouts leave out.
"""

import contextlib
import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import JsonResponse
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from core.dates import (
    NO_DATE,
    DateError,
    DateSpan,
    PreciseDate,
    format_date,
    parse_date,
    parse_date_span,
)
from core.models import format_precise_date, format_precise_span

READING_URL_NAME = "date-reading"
SHOWN_AS = _("Shown publicly as: %(reading)s")
DATE_EXAMPLES = _("For example 9 June 2011, June 2011, 2011 or about 2011.")
SPAN_EXAMPLES = _("One date, or a range: 9–11 June 2010, June–July 2010, 2010–2012.")
SPAN_LABEL = _("Date or dates")
MAX_TEXT = 100  # far longer than any date; the preview reads nothing longer


def _parse(text: str, span: bool) -> PreciseDate | DateSpan:
    return parse_date_span(text) if span else parse_date(text)


def public_reading(parsed: PreciseDate | DateSpan) -> str:
    """How the public page reads a parsed date or span (core.models' formatters)."""
    if isinstance(parsed, DateSpan):
        return format_precise_span(*parsed.start, *parsed.end)
    return format_precise_date(*parsed)


def reading(text: str, *, span: bool = False) -> dict[str, str]:
    """What the preview shows for typed text: {'reading', 'message', 'error'}."""
    text = str(text or "")[:MAX_TEXT]
    try:
        parsed = _parse(text, span)
    except DateError as error:
        return {"reading": "", "message": str(error), "error": str(error)}
    shown = public_reading(parsed)
    message = str(SHOWN_AS % {"reading": shown}) if shown else ""
    return {"reading": shown, "message": message, "error": ""}


def display_text(parsed: PreciseDate | DateSpan) -> str:
    """The text a form shows for a stored date: its public reading ("June 2010") when that
    reads back as the same date and precision, else the importer's exact form
    ("2010-06-15 (month)"), so saving an untouched form never changes a date."""
    shown = public_reading(parsed)
    span = isinstance(parsed, DateSpan)
    try:
        if _parse(shown, span) == parsed:
            return shown
    except DateError:
        pass
    if span:
        start, end = format_date(*parsed.start), format_date(*parsed.end)
        return f"{start} – {end}" if end else start
    return format_date(*parsed)


@require_GET
def reading_view(request):
    """The live preview's answer (staff only, through the admin site; reads no table)."""
    return JsonResponse(reading(request.GET.get("text", ""), span=bool(request.GET.get("span"))))


class PreciseDateInput(forms.TextInput):
    """A text input with, beside it, how the public will read what is typed."""

    span = False

    class Media:
        js = ("core/precise-date.js",)
        css = {"all": ("core/precise-date.css",)}

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "class": "vTextField", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        attrs = context["widget"]["attrs"]
        attrs["data-precise-date"] = "span" if self.span else "date"
        # A site without the preview's address (a test's own URLs): the field works alone.
        with contextlib.suppress(NoReverseMatch):
            attrs["data-reading-url"] = reverse(READING_URL_NAME)
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # Built here rather than in a template of its own: a case page draws hundreds.
        field = super().render(name, value, attrs, renderer)
        field_id = {**self.attrs, **(attrs or {})}.get("id", "")
        # Redisplayed: the reading of what was typed (an error is shown above the field).
        shown = reading(value or "", span=self.span)
        return format_html(
            '<span class="precise-date">{}<output class="precise-date-reading" id="{}_reading"'
            ' for="{}" aria-live="polite">{}</output></span>',
            field,
            field_id,
            field_id,
            "" if shown["error"] else shown["message"],
        )


class PreciseDateSpanInput(PreciseDateInput):
    span = True


class PreciseDateField(forms.Field):
    """One text input → PreciseDate(date, precision); PreciseDate(None, 'day') when empty."""

    widget = PreciseDateInput
    span = False
    examples = DATE_EXAMPLES

    def prepare_value(self, value):
        if isinstance(value, tuple):  # PreciseDate or DateSpan, from the instance
            return display_text(value)
        if isinstance(value, datetime.date):
            return display_text(PreciseDate(value, NO_DATE.precision))
        return value

    def to_python(self, value):
        if isinstance(value, tuple):
            return value
        try:
            return _parse(str(value or ""), self.span)
        except DateError as error:
            raise ValidationError(str(error), code="invalid") from None

    def _first(self, value) -> PreciseDate:
        return value.start if self.span else value

    def validate(self, value):
        if self.required and self._first(value).value is None:
            raise ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial, data):
        try:
            return self.to_python(initial or "") != self.to_python(data)
        except ValidationError:
            return True


class PreciseDateSpanField(PreciseDateField):
    """One text input → DateSpan(start, end): '9–11 June 2010', or a single date."""

    widget = PreciseDateSpanInput
    span = True
    examples = SPAN_EXAMPLES


def _pairs(model) -> dict[str, str | None]:
    """Each date with a precision → the end of the span it starts, or None."""
    names = {f.name for f in model._meta.concrete_fields}
    spans = {start: end for start, end in getattr(model, "DATE_SPANS", ()) if end in names}
    dates = [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateField) and f"{f.name}_precision" in names
    ]
    ends = {spans[name] for name in dates if name in spans}
    return {name: spans.get(name) for name in dates if name not in ends}


def date_companions(model) -> dict[str, str]:
    """Columns a one-field date stands for → that field: '<x>_precision' → '<x>', and a
    span's end and its precision → the span's start."""
    companions = {}
    for name, end in _pairs(model).items():
        companions[f"{name}_precision"] = name
        if end:
            companions[end] = companions[f"{end}_precision"] = name
    return companions


class PreciseDatesFormMixin:
    """A model form whose `<x>` + `<x>_precision` pairs are one field each (see module)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        self._precise_dates = {}
        self._date_companions = {}
        if model is None:
            return
        companions = date_companions(model)
        for name, end in _pairs(model).items():
            if name not in self.fields or isinstance(self.fields[name], PreciseDateField):
                continue
            self._precise_dates[name] = end
            for companion, field_name in companions.items():
                if field_name == name:
                    self._date_companions[companion] = name
                    self.fields.pop(companion, None)
            self.fields[name] = self._one_field(model, name, end, self.fields[name])
            self.initial[name] = self._initial(name, end)

    @staticmethod
    def _one_field(model, name, end, old) -> PreciseDateField:
        field_class = PreciseDateSpanField if end else PreciseDateField
        # A span's end keeps no help of its own ("only for events that lasted several
        # days"): the examples say that one date is enough.
        model_help = model._meta.get_field(name).help_text
        return field_class(
            required=old.required,
            label=SPAN_LABEL if end else old.label,
            help_text=" ".join(str(text) for text in (model_help, field_class.examples) if text),
            disabled=old.disabled,
        )

    def _stored(self, name) -> PreciseDate:
        precision = f"{name}_precision"
        return PreciseDate(
            self.initial.get(name, getattr(self.instance, name)),
            self.initial.get(precision, getattr(self.instance, precision)),
        )

    def _initial(self, name, end):
        start = self._stored(name)
        if not isinstance(start.value, datetime.date | None):
            return start.value  # typed text, e.g. from the add page's query string
        return DateSpan(start, self._stored(end)) if end else start

    def clean(self):
        # Each one-field date becomes its model columns before the model validates them.
        for name, end in self._precise_dates.items():
            if name not in self.cleaned_data:
                continue
            parsed = self.cleaned_data[name]
            start, finish = (parsed.start, parsed.end) if end else (parsed, None)
            self.cleaned_data[name] = start.value
            setattr(self.instance, f"{name}_precision", start.precision)
            if end:
                setattr(self.instance, end, finish.value)
                setattr(self.instance, f"{end}_precision", finish.precision)
        return super().clean()

    def _update_errors(self, errors):
        # The model's messages about a span's end ("The end cannot be before the start")
        # or a precision go to the one field that holds them; Django refuses errors on
        # fields a form does not have.
        if hasattr(errors, "error_dict") and self._date_companions:
            moved = {}
            for key, messages in errors.error_dict.items():
                moved.setdefault(self._date_companions.get(key, key), []).extend(messages)
            errors = ValidationError(moved)
        super()._update_errors(errors)

    def carried_fields(self) -> set[str]:
        """Model fields this form sets: a one-field date sets its precision (and a span
        its end) too, so optimistic locking compares them (core.locking)."""
        carried = getattr(super(), "carried_fields", None)
        carried = carried() if carried else set(self.fields)
        return carried | set(self._date_companions)


def with_precise_dates(form_class):
    """The model form class with one-field dates (once, however often it is wrapped)."""
    if issubclass(form_class, PreciseDatesFormMixin):
        return form_class
    return type(form_class.__name__, (PreciseDatesFormMixin, form_class), {})
