"""Load the model case idempotently: each row is found by its natural key, then updated.

Every row is validated with full_clean() before it is saved, so the demo data obeys the
same rules as the admin, and is saved only when something changed (updated_at stays put
on a rerun). Many-to-many links (record.people, record.sources) are reset only when they
differ. Rows that are no longer in the data are left alone: staff may have added them.
"""

from collections import Counter
from dataclasses import dataclass

from django.db import models, transaction

from cases.demo.case import CASE, CASE_SLUG, SOURCES
from cases.demo.events import EVENTS
from cases.demo.organizations import ORGANIZATIONS
from cases.demo.people import (
    AFFILIATIONS,
    CONTACTS,
    NAME_VARIANTS,
    PEOPLE,
    RELATIONS,
    SUBJECTS,
)
from cases.demo.records import RECORDS
from cases.demo.refs import Ref
from cases.models import (
    Appeal,
    AsylumDecision,
    Case,
    CaseSubject,
    Detention,
    Event,
    Extradition,
    Source,
    Statement,
)
from organizations.models import Affiliation, Organization
from people.models import ContactDetail, NameVariant, Person, Relation

CASE_REF = Ref("case", CASE_SLUG)
SKIPPED_ON_COMPARE = {"created_at", "updated_at"}

# Natural key of each kind of fact record within its case. Changing one of these values in
# the data creates a new record beside the old one instead of updating it.
RECORD_KEYS = {
    Detention: ("case", "started_on", "place"),
    AsylumDecision: ("case", "authority", "kind", "decided_on"),
    Appeal: ("case", "body", "level", "decided_on"),
    Extradition: ("case", "from_country", "to_country", "ordered_on"),
    Statement: ("case", "organization", "made_on", "speaker"),
    Event: ("case", "kind", "started_on", "title"),
}


@dataclass(frozen=True)
class Table:
    """Rows of one model, their natural key, and how later rows may refer to them."""

    model: type[models.Model]
    key: tuple[str, ...]
    rows: list[dict]
    ref_kind: str | None = None
    ref_field: str = "slug"


TABLES = (
    Table(Organization, ("slug",), ORGANIZATIONS, "organization"),
    Table(Person, ("slug",), PEOPLE, "person"),
    Table(NameVariant, ("person", "text"), NAME_VARIANTS),
    Table(Affiliation, ("person", "organization", "role_title"), AFFILIATIONS),
    Table(Source, ("title",), SOURCES, "source", "ref"),
    Table(Case, ("slug",), [CASE], "case"),
    Table(CaseSubject, ("case", "person", "role"), SUBJECTS),
    Table(Relation, ("person", "relative", "kind"), RELATIONS),
    Table(ContactDetail, ("person", "kind", "value"), CONTACTS),
)


def record_tables() -> list[Table]:
    """The fact records, one single-row table each since their model varies row by row."""
    return [
        Table(row["model"], RECORD_KEYS[row["model"]], [row], "record", "ref")
        for row in [*RECORDS, *EVENTS]
    ]


def _comparable(instance: models.Model) -> dict:
    return {
        field.attname: field.get_prep_value(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
        if field.name not in SKIPPED_ON_COMPARE
    }


class Loader:
    def __init__(self):
        self.objects: dict[Ref, models.Model] = {}
        self.stats: Counter = Counter()

    def resolve(self, value):
        if isinstance(value, Ref):
            return self.objects[value]
        if isinstance(value, list):
            return [self.resolve(item) for item in value]
        return value

    def load(self, table: Table) -> None:
        for data in table.rows:
            row = dict(data)
            row.pop("model", None)
            ref = row.pop("ref", None) if table.ref_field == "ref" else row.get(table.ref_field)
            instance = self.upsert(table.model, table.key, row)
            if table.ref_kind and ref:
                self.objects[Ref(table.ref_kind, ref)] = instance

    def upsert(self, model, key: tuple[str, ...], row: dict) -> models.Model:
        fields = {field.name: field for field in model._meta.get_fields()}
        if "case" in fields:
            row.setdefault("case", CASE_REF)
        if "visibility" in fields and "visibility" not in row:
            # The default is internal; demo data must say what it shows.
            raise ValueError(f"{model.__name__} row {row} does not state its visibility")
        row = {name: self.resolve(value) for name, value in row.items()}
        many = {name: row.pop(name) for name in list(row) if fields[name].many_to_many}
        lookup = {name: row.pop(name) for name in key}

        try:
            instance, created = model.objects.get(**lookup), False
        except model.DoesNotExist:
            instance, created = model(**lookup), True
        before = None if created else _comparable(instance)
        for name, value in row.items():
            setattr(instance, name, value)
        instance.full_clean()
        changed = created or _comparable(instance) != before
        if changed:
            instance.save()
        for name, related in many.items():
            manager = getattr(instance, name)
            if {obj.pk for obj in manager.all()} != {obj.pk for obj in related}:
                manager.set(related)
                changed = True
        self.stats["created" if created else "updated" if changed else "unchanged"] += 1
        return instance


def load_demo() -> Counter:
    """Create or update the model case and everything it refers to; returns row counts."""
    loader = Loader()
    with transaction.atomic():
        for table in (*TABLES, *record_tables()):
            loader.load(table)
    return loader.stats
