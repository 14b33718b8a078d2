"""Posting an admin page as a browser would: the page's own initial data, plus changes."""

import datetime

from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db import models
from django.forms import CheckboxInput, MultiWidget
from django.urls import reverse


def admin_url(model, view: str, *args) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def post_value(value):
    """A Python value (row, list of rows, date, choice) as a browser posts it."""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, list | tuple | set | models.QuerySet):
        return [post_value(item) for item in value]
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _formatted(widget, value):
    formatted = widget.format_value(value)
    if getattr(widget, "allow_multiple_selected", False):
        return formatted
    if isinstance(formatted, list):
        return formatted[0] if formatted else ""
    return "" if formatted is None else formatted


def form_data(form) -> dict:
    """What a browser posts for a form left as rendered: every field's shown value."""
    data = {}
    for bound in form:
        if bound.field.disabled:
            continue
        widget = bound.field.widget
        if isinstance(widget, RelatedFieldWidgetWrapper):
            widget = widget.widget
        value = bound.value()
        if isinstance(widget, MultiWidget):
            if not isinstance(value, list | tuple):
                value = widget.decompress(value)
            for suffix, subwidget, part in zip(
                widget.widgets_names, widget.widgets, value, strict=True
            ):
                data[bound.html_name + suffix] = _formatted(subwidget, part)
        elif isinstance(widget, CheckboxInput):
            if widget.check_test(value):
                data[bound.html_name] = "on"
        else:
            data[bound.html_name] = _formatted(widget, value)
    return data


def page_errors(response) -> list:
    """Every error an admin page shows, to explain a failed save in an assertion."""
    context = response.context
    if context is None or "adminform" not in context:
        return []
    errors = [context["adminform"].form.errors] if context["adminform"].form.errors else []
    for inline in context.get("inline_admin_formsets", []):
        formset = inline.formset
        errors += [form.errors for form in formset.forms if form.errors]
        errors += list(formset.non_form_errors())
    return errors


class AdminPage:
    """An admin add or change page's form data, ready to change and post.

    The main form and every inline formset (with its management form) start from what
    the page rendered, so posting unchanged data saves the object unchanged.
    """

    def __init__(self, client, url: str):
        self.client = client
        self.url = url
        response = client.get(url)
        assert response.status_code == 200, url
        self.data = form_data(response.context["adminform"].form)
        # The hidden inputs of a "+" popup page, which tell the admin to answer the opener.
        if response.context.get("is_popup"):
            self.data["_popup"] = "1"
        if response.context.get("to_field"):
            self.data["_to_field"] = response.context["to_field"]
        self.formsets = {}
        for inline in response.context["inline_admin_formsets"]:
            formset = inline.formset
            self.formsets[formset.model] = formset
            self.data.update(form_data(formset.management_form))
            for form in formset.forms:
                self.data.update(form_data(form))

    def _set(self, prefix: str, values: dict) -> None:
        for name, value in values.items():
            key = f"{prefix}{name}"
            if value is False:
                self.data.pop(key, None)
            else:
                self.data[key] = "on" if value is True else post_value(value)

    def set(self, **values) -> "AdminPage":
        self._set("", values)
        return self

    def set_inline(self, model, index: int, **values) -> "AdminPage":
        self._set(f"{self.formsets[model].prefix}-{index}-", values)
        return self

    def add_inline(self, model, **values) -> int:
        """Fill a new inline form, as 'Add another' does; returns its index."""
        formset = self.formsets[model]
        total = f"{formset.prefix}-TOTAL_FORMS"
        index = int(self.data[total])
        for key, value in form_data(formset.empty_form).items():
            self.data[key.replace("__prefix__", str(index))] = value
        self.data[total] = str(index + 1)
        self.set_inline(model, index, **values)
        return index

    def post(self, **values):
        self.set(**values)
        return self.client.post(self.url, self.data)
