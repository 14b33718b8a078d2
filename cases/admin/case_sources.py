"""The sources of a case on its page: pick a known source, or describe a new one in place."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.admin.hiding import hide_link_html
from cases.admin.siblings import CaseInlineFormSet, InPlaceMixin, NewRowForm
from cases.models import CaseSource, Source
from core.admin import InlineConstraintsForm, TabularInline
from core.confidential import links_to_confidential, without_confidential
from core.date_fields import PreciseDateField
from core.models import Visibility

# What a new source is described by on the case page (the rest on the source's own page).
NEW_SOURCE_FIELDS = (
    "url",
    "title",
    "publisher",
    "published_on",
    "language",
    "visibility",
)


class CaseSourceForm(NewRowForm, InlineConstraintsForm):
    reveal = True  # set per request

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].required = False
        if self.instance.pk is not None:
            # A saved row names its source; the source is edited on its own page.
            for name in NEW_SOURCE_FIELDS:
                self.fields[name].disabled = True

    def typed(self) -> dict:
        typed = {
            name: self.cleaned_data.get(name)
            for name in NEW_SOURCE_FIELDS
            if self.cleaned_data.get(name) not in (None, "")
        }
        # One text field gives the date and how precisely it is known (core.date_fields).
        date = typed.pop("published_on", None)
        if date is not None and date.value is not None:
            typed["published_on"], typed["published_on_precision"] = date
        return typed

    def clean(self):
        cleaned = super().clean()
        source, url, title = cleaned.get("source"), cleaned.get("url"), cleaned.get("title")
        if source and (url or title):
            self.add_error("url", _("Pick a known source or describe a new one, not both."))
        elif not source and url:
            # A URL another source already has: link that source, do not copy it.
            known = Source.objects.filter(url=url)
            known = (known if self.reveal else without_confidential(known)).first()
            if known is not None:
                self.instance.source = known
                cleaned["source"] = known
            elif not title:
                self.add_error("title", _("A new source needs a title."))
        elif not source and not title and "source" not in self.errors:
            self.add_error(
                "source", _("Pick a known source, or give the URL and title of a new one.")
            )
        return cleaned

    def save(self, commit=True):
        if self.instance.source_id is None:
            fields = self.typed()
            fields.setdefault("visibility", Visibility.INTERNAL)
            self.instance.source = Source.objects.create(**fields)
        return super().save(commit)


# The new source's own fields, as the source admin would draw them (not required here).
def _formfield(db_field, **kwargs):
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"  # staff paste addresses without a scheme
    if db_field.name == "published_on":
        return PreciseDateField(label=db_field.verbose_name, **kwargs)
    return db_field.formfield(**kwargs)


for _name, _field in forms.fields_for_model(
    Source, fields=NEW_SOURCE_FIELDS, formfield_callback=_formfield
).items():
    _field.required = False
    CaseSourceForm.base_fields[_name] = _field
CaseSourceForm.declared_fields.update(
    {name: CaseSourceForm.base_fields[name] for name in NEW_SOURCE_FIELDS}
)


class CaseSourceFormSet(CaseInlineFormSet):
    row_key = "source_id"


class CaseSourceInline(InPlaceMixin, TabularInline):
    model = CaseSource
    form = CaseSourceForm
    formset = CaseSourceFormSet
    fields = ("source", "public_site", *NEW_SOURCE_FIELDS)
    readonly_fields = ("public_site",)
    autocomplete_fields = ("source",)
    extra = 1
    verbose_name = _("source")
    verbose_name_plural = _("sources of the case (records cite among them)")
    classes = ["case-sources"]

    @admin.display(description=_("public site"))
    def public_site(self, link):
        """A public source of a published case: one click takes it off every case (then
        confirm); sources are shared, so it is the source itself that is hidden."""
        if link is None or link.pk is None:
            return ""
        back = reverse("admin:cases_case_change", args=[link.case_id])
        return hide_link_html(link.source, back, case=link.case) or "—"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        hidden = None if self.reveals_confidential(request) else links_to_confidential(CaseSource)
        return queryset if hidden is None else queryset.exclude(hidden)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        reveal = self.reveals_confidential(request)
        form = type(formset.form.__name__, (formset.form,), {"reveal": reveal})
        publisher = Source._meta.get_field("publisher")
        fields = form.base_fields = {**form.base_fields}
        fields["publisher"] = forms.ModelChoiceField(
            queryset=self._limit_choices(publisher.formfield(), request).queryset,
            required=False,
            label=publisher.verbose_name,
            widget=AutocompleteSelect(publisher, self.admin_site),
        )
        if not reveal:
            fields["visibility"] = forms.ChoiceField(
                choices=[c for c in fields["visibility"].choices if c[0] != "confidential"],
                required=False,
                label=fields["visibility"].label,
            )
        formset.form = form
        return formset
