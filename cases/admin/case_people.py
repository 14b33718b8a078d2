"""The people of a case on its page: pick someone known, or create them in place."""

from django import forms
from django.db.models import Func, Q, Value
from django.utils.translation import gettext_lazy as _

from cases.admin.siblings import CaseInlineFormSet, InPlaceMixin, NewRowForm
from cases.models import CaseSubject
from core.admin import InlineConstraintsForm, TabularInline
from core.confidential import without_confidential
from people.models import NameVariant, Person
from people.services import person_create

SHOWN_SIMILAR = 5


def _folded(text: str):
    return Func(Value(text), function="fold_name")


def similar_people(names: list[str], *, reveal: bool):
    """People whose folded display name or a folded spelling equals one of `names` folded
    (any script, any word order). A minimal stand-in for people.pickers."""
    matches = Q()
    for name in names:
        matches |= Q(search_key=_folded(name))
        variants = NameVariant.objects.filter(folded=_folded(name))
        if not reveal:
            variants = without_confidential(variants)
        matches |= Q(pk__in=variants.values("person_id"))
    people = Person.objects.filter(matches, archived_at__isnull=True)
    people = people if reveal else without_confidential(people)
    return people.order_by("display_name")


def person_label(person) -> str:
    """What tells namesakes apart, as far as any staff member may see (no birth date)."""
    parts = [person.display_name]
    if person.nationality:
        parts.append(str(person.nationality.name))
    return ", ".join(parts)


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
    reveal = True  # set per request: whether this user may see confidential people

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
            similar = list(similar_people([name, *self.spellings()], reveal=self.reveal))
            if similar:
                shown = "; ".join(person_label(p) for p in similar[:SHOWN_SIMILAR])
                more = len(similar) - SHOWN_SIMILAR
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
        "new_name",
        "new_spellings",
        "different_person",
        "role",
        "description",
        "visibility",
    )
    autocomplete_fields = ("person",)
    extra = 1
    verbose_name = _("person concerned")
    verbose_name_plural = _("people concerned")
    classes = ["case-people"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = type(
            formset.form.__name__, (formset.form,), {"reveal": self.reveals_confidential(request)}
        )
        return formset
