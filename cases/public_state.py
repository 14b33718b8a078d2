"""The public state of what a staff page edits, read as the public reads it, and the
field-by-field difference between two readings (cases/proposals.py).

Each scope is a list of querysets through `public()` (the one definition of public), each
row with its PUBLIC_FIELDS: reading the public state with the same querysets as every
public surface is what makes "no visible difference" mean that no review is needed.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from cases.models import RECORD_MODELS, Case, CaseSubject, Source
from core.models import Visibility
from organizations.models import Affiliation, Organization
from people.models import NameVariant, Person

HIDDEN_LABEL = _("(confidential)")


def _with_labels(queryset):
    """The queryset with the related rows its public fields name loaded in a fixed number
    of queries (many-to-many: only rows public by their own visibility, as shown)."""
    model = queryset.model
    fks, m2m = [], []
    for name in model.PUBLIC_FIELDS:
        f = model._meta.get_field(name)
        if f.many_to_many:
            related = f.related_model
            shown = related._base_manager.filter(visibility=Visibility.PUBLIC)
            if hasattr(related, "archived_at"):
                shown = shown.filter(archived_at__isnull=True)
            m2m.append(Prefetch(name, queryset=shown))
        elif f.many_to_one:
            fks.append(name)
    return queryset.select_related(*fks).prefetch_related(*m2m)


def case_scope(case) -> list[models.QuerySet]:
    """Everything a published case's page shows, read as the public reads it."""
    people = Person.objects.public().filter(case_roles__case=case).distinct()
    return [
        Case.objects.public().filter(pk=case.pk),
        CaseSubject.objects.public().filter(Person.objects.points_public("person"), case=case),
        *(model.objects.public().filter(case=case) for model in RECORD_MODELS),
        Source.objects.public().filter(_cited(case=case)),
        people,
        NameVariant.objects.public().filter(person__in=people.values("pk")),
    ]


def person_scope(person) -> list[models.QuerySet]:
    """A person as the public reads them: only while a published case shows them."""
    shown = Person.objects.public().filter(pk=person.pk)
    return [
        shown,
        NameVariant.objects.public().filter(person__in=shown.values("pk")),
        Affiliation.objects.public()
        .filter(person__in=shown.values("pk"))
        .filter(Organization.objects.points_public("organization_id")),
    ]


def organization_scope(organization) -> list[models.QuerySet]:
    shown = Organization.objects.public().filter(pk=organization.pk)
    return [
        shown,
        Affiliation.objects.public()
        .filter(organization__in=shown.values("pk"))
        .filter(Person.objects.points_public("person_id")),
    ]


def affiliation_scope(affiliation) -> list[models.QuerySet]:
    return [
        Affiliation.objects.public()
        .filter(pk=affiliation.pk)
        .filter(Person.objects.points_public("person_id"))
        .filter(Organization.objects.points_public("organization_id"))
    ]


def _cited(**records) -> models.Q:
    """Sources that public records (of published cases; filtered by `records`) cite: the
    sources a public page shows."""
    cited = models.Q(pk__in=[])
    for model in RECORD_MODELS:
        public = model.objects.public().filter(**records)
        cited |= models.Q(pk__in=model.sources.through.objects.filter(
            **{f"{model._meta.model_name}__in": public}
        ).values("source_id"))  # fmt: skip
    return cited


def source_scope(source) -> list[models.QuerySet]:
    """A source is shown where a public record of a published case cites it."""
    return [Source.objects.public().filter(_cited(), pk=source.pk)]


def public_among(model, pks) -> set:
    """Which of these rows some public surface shows now (for checks over many rows)."""
    if model is Source:
        rows = Source.objects.public().filter(_cited())
    elif model is NameVariant:
        rows = NameVariant.objects.public().filter(person__in=Person.objects.public())
    elif model is Affiliation:
        rows = Affiliation.objects.public().filter(
            Person.objects.points_public("person_id"),
            Organization.objects.points_public("organization_id"),
        )
    elif model in (Case, CaseSubject, Person, Organization, *RECORD_MODELS):
        rows = model.objects.public()
    else:
        return set()
    return set(rows.filter(pk__in=list(pks)).values_list("pk", flat=True))


def scope_for(obj) -> list[models.QuerySet]:
    """The public rows a save of `obj` (on its own admin page) may change."""
    if obj.pk is None and isinstance(obj, Case | Person | Organization | Source):
        return []  # a new one: no published case shows it yet
    if isinstance(obj, Case):
        return case_scope(obj)
    if isinstance(obj, (CaseSubject, *RECORD_MODELS)):
        return case_scope(obj.case) if obj.case_id else []
    if isinstance(obj, Person):
        return person_scope(obj)
    if isinstance(obj, NameVariant):
        return person_scope(obj.person) if obj.person_id else []
    if isinstance(obj, Organization):
        return organization_scope(obj)
    if isinstance(obj, Affiliation):
        return affiliation_scope(obj)
    if isinstance(obj, Source):
        return source_scope(obj)
    raise LookupError(f"No public scope for {type(obj).__name__}")


def _label(row) -> str:
    if getattr(row, "visibility", None) == Visibility.CONFIDENTIAL:
        return str(HIDDEN_LABEL)  # a publisher without confidential access reads the diff
    return str(row)


def _value(row, f) -> tuple[str, str]:
    """(what is compared, what is shown) of one public field."""
    if f.many_to_many:
        related = sorted(getattr(row, f.name).all(), key=lambda r: r.pk)
        return ",".join(str(r.pk) for r in related), ", ".join(_label(r) for r in related)
    if f.many_to_one:
        target = getattr(row, f.name)
        if target is None:
            return "", ""
        return str(target.pk), _label(target)
    value = getattr(row, f.attname)
    if f.choices:
        return str(value), str(getattr(row, f"get_{f.name}_display")())
    if isinstance(value, list):
        return repr(value), ", ".join(map(str, value))
    shown = "" if value is None else f.value_to_string(row)
    return shown, shown


def snapshot(scope: Iterable[models.QuerySet]) -> dict:
    """{"label.model:pk": {"": row label, field: [compared, shown]}} of every public row."""
    state = {}
    for queryset in scope:
        model = queryset.model
        fields = [model._meta.get_field(name) for name in model.PUBLIC_FIELDS]
        for row in _with_labels(queryset):
            values = {f.name: list(_value(row, f)) for f in fields}
            state[f"{model._meta.label_lower}:{row.pk}"] = {"": _label(row), **values}
    return state


@dataclass
class Diff:
    entries: list[dict] = field(default_factory=list)

    @property
    def shows_more(self) -> bool:
        """A public value appears or changes: anything but rows taken off the site."""
        return any(entry["kind"] != "removed" for entry in self.entries)

    @property
    def removed(self) -> list[str]:
        return [entry["key"] for entry in self.entries if entry["kind"] == "removed"]


def compare(before: dict, after: dict) -> Diff:
    """Field by field: {key, object, field, before, after, kind} for each public change."""
    entries = []
    for key in sorted(before.keys() | after.keys(), key=_order):
        old, new = before.get(key), after.get(key)
        model = _model(key)
        if new is None:
            entries.append(_entry(key, old[""], "", _("on the public site"), "", "removed"))
            continue
        for name, (value, shown) in ((n, v) for n, v in new.items() if n != ""):
            was_value, was_shown = old[name] if old is not None else ("", "")
            if value != was_value:
                verbose = str(model._meta.get_field(name).verbose_name)
                kind = "added" if old is None else "changed"
                entries.append(_entry(key, new[""], verbose, was_shown, shown, kind))
    return Diff(entries)


def _order(key: str):
    label, pk = key.rsplit(":", 1)
    return (label != "cases.case", label, int(pk))


def _model(key: str):
    return apps.get_model(key.rsplit(":", 1)[0])


def _entry(key, label, name, before, after, kind) -> dict:
    model = _model(key)
    return {
        "key": key,
        "object": f"{str(model._meta.verbose_name).capitalize()}: {label}",
        "field": str(name),
        "before": before,
        "after": after,
        "kind": kind,
    }
