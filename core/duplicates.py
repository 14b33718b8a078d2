""" "Is this the same one?": adding a row whose name is already recorded asks first.

A second record of one person splits their cases in two and can put the wrong one on a
public page. An admin add form mixing in ConfirmNewForm lists the rows that look the
same, each with its label and a link to it, and saves only once the user ticks the
checkbox that appears with the warning ("This is a different person").
"""

from django import forms
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

CONFIRM_FIELD = "confirm_distinct"
LINK = "<a href='{}'>{}</a>"


def confirm_field(label):
    """The confirmation checkbox: hidden until the warning shows it."""
    return forms.BooleanField(required=False, widget=forms.HiddenInput, label=label)


class ConfirmNewForm(forms.Form):
    """Subclasses define possible_duplicates(); the admin sets `picker_user` on the class
    (with_user) and places CONFIRM_FIELD in the add page's layout (confirm_layout)."""

    confirm_distinct = confirm_field(_("This is a different one"))
    picker_user = None
    duplicate_message = _("This name is already recorded. Is it one of these?")

    def possible_duplicates(self) -> list[tuple[object, str]]:
        """(row, label) of the visible rows that look like the one being added."""
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None or cleaned.get(CONFIRM_FIELD):
            return cleaned
        found = self.possible_duplicates()
        if found:
            self.fields[CONFIRM_FIELD].widget = forms.CheckboxInput()
            # The warning, then each row to open instead, then the checkbox below them.
            questions = format_html_join("", "<li>{}</li>", ((question(*pair),) for pair in found))
            warning = format_html(
                "{}<ul class='possible-duplicates'>{}</ul>", self.duplicate_message, questions
            )
            self.add_error(CONFIRM_FIELD, warning)
        return cleaned


def question(row, label: str):
    """'Is this <a href=…>Rustam Nazarov, Tajikistan, 2 cases</a>?'"""
    return format_html(gettext("Is this {}?"), format_html(LINK, change_url(row), label))


def change_url(row) -> str:
    opts = row._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk])


def with_user(form, user):
    """The form class, for one request's user (what possible_duplicates() may show)."""
    return type(form.__name__, (form,), {"picker_user": user})


def confirm_layout(fieldsets) -> list:
    """The add page's fieldsets with the confirmation on top: the warning comes first."""
    (name, options), *rest = fieldsets
    return [(name, {**options, "fields": (CONFIRM_FIELD, *options["fields"])}), *rest]


def posted_texts(data, prefix: str, field: str) -> list[str]:
    """The `field` values of an inline formset's rows in a posted form (kept rows only):
    the add form checks the names typed in its inlines too, before anything is saved."""
    texts = []
    total = data.get(f"{prefix}-TOTAL_FORMS", "")
    for index in range(min(int(total), 1000) if total.isdigit() else 0):
        text = data.get(f"{prefix}-{index}-{field}", "").strip()
        if text and not data.get(f"{prefix}-{index}-DELETE"):
            texts.append(text)
    return texts
