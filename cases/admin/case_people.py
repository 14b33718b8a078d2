"""The people of a case on its page: pick someone known, or create them in place."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.admin.hiding import hide_link_html
from cases.admin.siblings import CaseInlineFormSet, InPlaceMixin, NewRowForm
from cases.models import CaseSubject
from core.admin import InlineConstraintsForm, TabularInline
from people.pickers import person_label, similar_people
from people.services import person_create

SHOWN_SIMILAR = 5


class SubjectForm(NewRowForm, InlineConstraintsForm):
    new_name = forms.CharField(
        label=_("or a new person"),
        required=False,
        max_length=200,
        help_text=_("The name as the public should read it."),
    )
    new_spellings = forms.CharField(
        label=_("other spellings"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 22}),
        help_text=_("One a line, in any script (Рустам Назаров)."),
    )
    different_person = forms.BooleanField(
        label=_("a different person"),
        required=False,
        help_text=_("Tick to create them though people with this name exist."),
    )
    user = None  # set per request: similar people are those this user may see

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].required = False
        if self.instance.pk is not None:
            # A saved row names its person; their names are edited on the person's page.
            for name in ("new_name", "new_spellings", "different_person"):
                self.fields[name].disabled = True

    def spellings(self) -> list[str]:
        text = self.cleaned_data.get("new_spellings") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def clean(self):
        cleaned = super().clean()
        person, name = cleaned.get("person"), (cleaned.get("new_name") or "").strip()
        cleaned["new_name"] = name
        if person and name:
            self.add_error("new_name", _("Pick a known person or type a new name, not both."))
        elif not person and not name and "person" not in self.errors:
            self.add_error("person", _("Pick a known person or type the name of a new one."))
        elif name and not cleaned.get("different_person"):
            similar = {}
            for spelling in (name, *self.spellings()):
                similar |= {p.pk: p for p in similar_people(spelling, self.user)}
            if similar:
                labels = [person_label(p, self.user) for p in similar.values()]
                shown = "; ".join(labels[:SHOWN_SIMILAR])
                more = len(labels) - SHOWN_SIMILAR
                if more > 0:
                    shown += " " + str(_("and %(n)d more") % {"n": more})
                self.add_error(
                    "new_name",
                    _(
                        "Already known with this name: %(people)s. Pick them in the first "
                        "column, or tick “a different person” to create a new one."
                    )
                    % {"people": shown},
                )
        return cleaned

    def save(self, commit=True):
        name = self.cleaned_data.get("new_name")
        if name and self.instance.person_id is None:
            self.instance.person = person_create(
                display_name=name,
                variants=self.spellings(),
                visibility=self.cleaned_data.get("visibility") or self.instance.visibility,
            )
        return super().save(commit)


class SubjectFormSet(CaseInlineFormSet):
    row_key = "person_id"


class CaseSubjectInline(InPlaceMixin, TabularInline):
    model = CaseSubject
    form = SubjectForm
    formset = SubjectFormSet
    fields = (
        "person",
        # Next to the person, where the table does not need scrolling to reach it.
        "public_site",
        "new_name",
        "new_spellings",
        "different_person",
        "role",
        "description",
        "visibility",
    )
    readonly_fields = ("public_site",)
    autocomplete_fields = ("person",)
    extra = 1
    verbose_name = _("person concerned")
    verbose_name_plural = _("people concerned")
    classes = ["case-people"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = type(formset.form.__name__, (formset.form,), {"user": request.user})
        return formset

    @admin.display(description=_("public site"))
    def public_site(self, subject):
        """A public part in a published case: one click takes it off (then confirm)."""
        if subject is None or subject.pk is None:
            return ""
        back = reverse("admin:cases_case_change", args=[subject.case_id])
        return hide_link_html(subject, back) or "—"
