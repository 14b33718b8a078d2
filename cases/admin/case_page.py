"""What the inlines of one case page know of each other while it is validated."""

from django.utils.translation import gettext_lazy as _

from cases.models import CaseSubject, Source
from core.confidential import without_confidential
from people.models import Person

SUBJECTS = "subjects"
SOURCES = "case_sources"
# Which sibling inline each record field's tokens name.
SIBLINGS = {
    "people": SUBJECTS,
    "sources": SOURCES,
    "contests_decision": "asylumdecisions",
    "contests_extradition": "extraditions",
}

NOT_A_SUBJECT = _(
    "Not among the people of this case: %(names)s. Add them to the people of the case "
    "above, untick them, or tick “Add them as people of the case”."
)
REMOVED_ROW = _("This refers to a row of the form that was removed or left empty.")
UNKNOWN = _("Unknown or hidden row: reload the page.")


class CasePage:
    """The formsets of one case page, validated together (see cases.admin.siblings)."""

    def __init__(self, case, formsets, reveal: bool):
        self.case, self.reveal = case, reveal
        self.formsets = {formset.prefix: formset for formset in formsets}
        self._subject_people = None

    def _visible(self, queryset):
        return queryset if self.reveal else without_confidential(queryset)

    def new_prefixes(self, sibling: str) -> set[str]:
        formset = self.formsets.get(sibling)
        return formset.new_prefixes() if formset is not None else set()

    def subject_people(self) -> set[int]:
        """The people of the case once saved: its subject rows as posted, plus the rows
        this user may not see (kept as they are)."""
        if self._subject_people is None:
            formset = self.formsets[SUBJECTS]
            shown = [form.instance.pk for form in formset.forms if form.instance.pk]
            people = set()
            if self.case.pk is not None:
                hidden = CaseSubject._base_manager.filter(case_id=self.case.pk).exclude(
                    pk__in=shown
                )
                people = set(hidden.values_list("person_id", flat=True))
            for form in formset.kept_forms():
                person = form.cleaned_data.get("person") if form.is_valid() else None
                if person is not None:
                    people.add(person.pk)
            self._subject_people = people
        return self._subject_people

    def check_record(self, form) -> None:
        for name, refs in form.new_refs.items():
            if any(ref.prefix not in self.new_prefixes(SIBLINGS[name]) for ref in refs):
                form.add_error(name, REMOVED_ROW)
        if "people" in form.cleaned_data:
            self._check_people(form)
        if "sources" in form.cleaned_data:
            self._check_sources(form)

    def _check_people(self, form) -> None:
        pks = [pk for pk in form.cleaned_data["people"] if isinstance(pk, int)]
        # Only a person newly named is refused: an older record that already names an
        # outsider is saved as it is (the publication checklist lists it), or no page
        # of such a case could be saved until someone noticed.
        named = {p.pk for p in form.instance.people.all()} if form.instance.pk else set()
        outsiders = [pk for pk in pks if pk not in self.subject_people() and pk not in named]
        form.add_subjects = []
        if not outsiders:
            return
        people = self._visible(Person.objects.filter(pk__in=outsiders))
        names = dict(people.values_list("pk", "display_name"))
        if len(names) < len(set(outsiders)):
            form.add_error("people", UNKNOWN)
        elif form.cleaned_data.get("add_as_subjects"):
            form.add_subjects = sorted(names)
        else:
            listed = ", ".join(names[pk] for pk in outsiders)
            form.add_error("people", NOT_A_SUBJECT % {"names": listed})

    def _check_sources(self, form) -> None:
        offered = {str(value) for value, _label in form.fields["sources"].choices}
        others = {pk for pk in form.cleaned_data["sources"] if str(pk) not in offered}
        if others and self._visible(Source.objects.filter(pk__in=others)).count() < len(others):
            form.add_error("sources", UNKNOWN)
