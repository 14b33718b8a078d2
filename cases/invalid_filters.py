"""What the search page says about filter values its FilterSet's form refused.

The API answers such a request 400; the page does the same, and shows no results: a
researcher who follows an old or mistyped link (?kind=un_treaty_body) and sees every case
would take that count for the filtered one. Instead each refused filter is named with its
valid choices, each a link to the same search with the value replaced, and a link to the
search without it.
"""

from dataclasses import dataclass, field

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

# Above this many choices (countries), the page names the format instead of every choice.
MAX_LISTED_CHOICES = 40
FORMATS = {
    forms.DateField: _("a date such as 2010-06-09"),
    forms.ModelMultipleChoiceField: _("an organization's name as in its page's address"),
    forms.MultipleChoiceField: _("a two-letter country code such as KZ"),
}


@dataclass
class Choice:
    label: str
    url: str


@dataclass
class InvalidFilter:
    label: str
    values: list[str]
    choices: list[Choice] = field(default_factory=list)
    expected: str = ""
    without_url: str = ""


def _url(query: QueryDict, param: str, values: list[str]) -> str:
    changed = query.copy()
    changed.setlist(param, values)
    changed.pop("page", None)
    return "?" + changed.urlencode()


def _valid_choices(form_field) -> list[tuple[str, str]]:
    choices = getattr(form_field, "choices", None)
    if choices is None or isinstance(form_field, forms.ModelMultipleChoiceField):
        return []
    return [(str(value), str(label)) for value, label in choices if value != ""]


def invalid_filters(form: forms.Form, query: QueryDict) -> list[InvalidFilter]:
    """One entry per parameter whose value the search form refused."""
    found = []
    for name in form.errors:
        form_field = form.fields.get(name)
        if form_field is None:
            continue
        sent = query.getlist(name)
        choices = _valid_choices(form_field)
        valid = {value for value, _ in choices}
        refused = [value for value in sent if value not in valid] if choices else sent
        kept = [value for value in sent if value not in refused]
        entry = InvalidFilter(
            label=str(form_field.label or name),
            values=refused,
            without_url=_url(query, name, kept),
        )
        if choices and len(choices) <= MAX_LISTED_CHOICES:
            entry.choices = [
                Choice(label, _url(query, name, [*kept, value]))
                for value, label in choices
                if value not in kept
            ]
        else:
            entry.expected = next(
                (str(text) for kind, text in FORMATS.items() if isinstance(form_field, kind)),
                "",
            )
        found.append(entry)
    return found
