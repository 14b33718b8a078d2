"""What a record of the case page chooses among: the case's people, sources, decisions
and extradition orders, saved or new in the same form (cases.admin.siblings)."""

from django.contrib.admin.utils import unquote
from django.utils.translation import gettext_lazy as _

from cases.admin.case_page import SIBLINGS, SOURCES, SUBJECTS
from cases.admin.siblings import TOKEN
from cases.models import AsylumDecision, CaseSource, CaseSubject, Extradition, Source
from core.access import can_see_confidential
from core.confidential import links_to_confidential, without_confidential
from people.models import Person

NEW_LABELS = {
    "asylumdecisions": _("New asylum decision #%(n)d"),
    "extraditions": _("New extradition #%(n)d"),
}


class CaseChoices:
    """Loaded once per request, in a fixed number of queries, whatever the records."""

    def __init__(self, request):
        match = request.resolver_match
        object_id = match.kwargs.get("object_id") if match else None
        self.case_id = unquote(object_id) if object_id else None
        self.reveal = can_see_confidential(request.user)
        self.data = request.POST if request.method == "POST" else {}
        self.rows = {}  # field name → {pk: saved row}
        self.choices = {name: self._saved(name) for name in SIBLINGS}
        for name, sibling in SIBLINGS.items():
            self.choices[name] += self._new(sibling)

    def _visible(self, queryset):
        return queryset if self.reveal else without_confidential(queryset)

    def _saved(self, name) -> list[tuple[str, str]]:
        if not self.case_id or not str(self.case_id).isdigit():
            self.rows[name] = {}
            return []
        if name == "people":
            subjects = self._visible(CaseSubject.objects.filter(case_id=self.case_id))
            roles: dict[int, list] = {}
            labels = {}
            for subject in subjects.select_related("person").order_by("person__display_name"):
                labels[subject.person_id] = subject.person.display_name
                roles.setdefault(subject.person_id, []).append(subject.get_role_display().lower())
            return [(str(pk), f"{labels[pk]} ({', '.join(roles[pk])})") for pk in labels]
        if name == "sources":
            links = CaseSource.objects.filter(case_id=self.case_id).select_related("source")
            hidden = None if self.reveal else links_to_confidential(CaseSource)
            links = links if hidden is None else links.exclude(hidden)
            return [(str(link.source_id), str(link.source)) for link in links]
        model = AsylumDecision if name == "contests_decision" else Extradition
        rows = {row.pk: row for row in self._visible(model.objects.filter(case_id=self.case_id))}
        self.rows[name] = rows
        return [(str(pk), str(row)) for pk, row in rows.items()]

    def _new(self, sibling) -> list[tuple[str, str]]:
        """Tokens of the new rows of a posted form, to draw it again after an error."""
        try:
            total = int(self.data.get(f"{sibling}-TOTAL_FORMS", 0))
        except ValueError:
            return []
        rows = []
        for i in range(min(total, 1000)):
            prefix = f"{sibling}-{i}"
            if self.data.get(f"{prefix}-id"):
                continue
            if sibling == SUBJECTS:
                label = self.data.get(f"{prefix}-new_name") or self._name(
                    Person, f"{prefix}-person"
                )
            elif sibling == SOURCES:
                label = self.data.get(f"{prefix}-title") or self.data.get(f"{prefix}-url")
                label = label or self._name(Source, f"{prefix}-source")
            else:
                label = str(NEW_LABELS[sibling] % {"n": i + 1})
            if label:
                rows.append((f"{TOKEN}{prefix}", label))
        return rows

    def _name(self, model, key) -> str:
        value = self.data.get(key, "")
        if not value.isdigit():
            return ""
        row = self._visible(model.objects.filter(pk=value)).first()
        return str(row) if row else ""


def case_choices(request) -> CaseChoices:
    if not hasattr(request, "_case_choices"):
        request._case_choices = CaseChoices(request)
    return request._case_choices
