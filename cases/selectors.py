"""Reads for the public site: every one goes through a model's public() queryset."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from cases.models import (
    RECORD_MODELS,
    Appeal,
    AsylumDecision,
    Case,
    CaseSearch,
    CaseSubject,
    Extradition,
    Source,
    Statement,
    TimelineEntry,
)
from cases.search.record_kinds import record_kind
from core.models import DatePrecision
from core.public import is_public, public_details, public_value
from organizations.models import Affiliation, Organization
from people.models import Person

# Less precise dates sort first on the same day: "June 2010" before "1 June 2010".
PRECISION_ORDER = {
    DatePrecision.APPROXIMATE: 0,
    DatePrecision.YEAR: 1,
    DatePrecision.MONTH: 2,
    DatePrecision.DAY: 3,
}


# A case's public dates live on its search document: its own updated_at moves with
# internal edits too (cases/search/public_content_sql.py).
PUBLIC_DATES = ("search__public_updated_at", "search__record_stamps")
LATEST_PUBLIC_CHANGE = (F("search__public_updated_at").desc(nulls_last=True), "pk")


def latest_public_documents() -> QuerySet[CaseSearch]:
    """The search documents of public cases with their cases, the latest publicly changed
    first, read through the documents' index (casesearch_public_updated) and each checked
    against public() by primary key: ordering public_case_list() instead sorts every
    public case (0.5 s at a million), since the planner cannot order the join of the two
    tables through the index. For pages that stop after a few rows (the home page, a
    profile's cases)."""
    return (
        CaseSearch.objects.public()
        .select_related("case")
        .only("public_updated_at", "record_stamps", *(f"case__{f}" for f in Case.PUBLIC_FIELDS))
        .order_by(F("public_updated_at").desc(nulls_last=True), "pk")
    )


def public_case_list() -> QuerySet[Case]:
    """Public cases with their public dates, the latest publicly changed first."""
    return (
        Case.objects.public()
        .select_related("search")
        .only(*Case.PUBLIC_FIELDS, *PUBLIC_DATES)
        .order_by(*LATEST_PUBLIC_CHANGE)
    )


@dataclass
class TimelineItem:
    entry: TimelineEntry
    summary: str | None
    details: list = field(default_factory=list)
    people: list = field(default_factory=list)
    sources: list = field(default_factory=list)
    citations: list[tuple[int, Source]] = field(default_factory=list)


@dataclass
class Proceeding:
    """A contested decision or order, with the appeals against it in order."""

    record: AsylumDecision | Extradition | None
    details: list
    appeals: list[tuple[Appeal, list]]


@dataclass
class PublicStatement:
    record: Statement
    organization: Organization
    speaker: Person | None
    role: str | None
    citations: list[tuple[int, Source]]


@dataclass
class PublicCasePage:
    case: Case
    subjects: list
    timeline: list[TimelineItem]
    sources: list[Source]
    proceedings: list[Proceeding] = field(default_factory=list)
    statements: list[PublicStatement] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)


def _public_records(case: Case) -> dict[type, list]:
    # A public record of a published case shows its people (an appearance of
    # Person.objects.public()), so their own visibility is the rest of the rule; the
    # whole public() here would compile an EXISTS per appearance for each record kind.
    public_people = Prefetch("people", queryset=Person.objects.visible().order_by("display_name"))
    public_sources = Prefetch(
        "sources", queryset=Source.objects.public().select_related("publisher").order_by("pk")
    )
    # The search document, kept in the same transaction, lists the kinds of the case's
    # public records: a kind it lacks is not asked for (a query compiled for nothing).
    try:
        present = set(case.search.record_kinds)
    except CaseSearch.DoesNotExist:  # not refreshed yet: ask for every kind
        present = {record_kind(model) for model in RECORD_MODELS}
    records = {}
    for model in RECORD_MODELS:
        if record_kind(model) not in present:
            records[model] = []
            continue
        related = [
            f.name for f in model._meta.concrete_fields if f.is_relation and f.name != "case"
        ]
        records[model] = list(
            model.objects.public()
            .filter(case=case)
            .select_related(*related)
            .prefetch_related(public_people, public_sources)
        )
        for record in records[model]:
            record.case = case  # Read already: feeds link each entry to it.
    return records


def _detail_fields(record, skip=()) -> list[str]:
    """Public fields worth listing under a record: not its dates, title or summary."""
    return [
        name
        for name in record.PUBLIC_FIELDS
        if name not in {"case", "summary", "title", "people", "sources", *skip}
        and not hasattr(record, f"{name}_precision")
    ]


def _timeline(records: dict[type, list]) -> list[TimelineItem]:
    items = []
    for record in (r for rows in records.values() for r in rows):
        details = public_details(record, _detail_fields(record))
        summary = public_value(record, "summary")
        people, record_sources = list(record.people.all()), list(record.sources.all())
        for entry in record.timeline_entries():
            if entry.primary:
                items.append(TimelineItem(entry, summary, details, people, record_sources))
            else:
                items.append(TimelineItem(entry, None, sources=record_sources))
    items.sort(key=lambda i: (i.entry.date, PRECISION_ORDER[i.entry.precision], i.entry.label))
    return items


def _number_sources(items: list[TimelineItem]) -> dict[int, int]:
    """Footnotes are numbered in the order sources are first cited down the timeline."""
    numbers: dict[int, int] = {}
    for item in items:
        for source in item.sources:
            numbers.setdefault(source.pk, len(numbers) + 1)
    for item in items:
        item.citations = [(numbers[source.pk], source) for source in item.sources]
    return numbers


def _proceedings(records: dict[type, list]) -> list[Proceeding]:
    appeals_of = defaultdict(list)
    for appeal in sorted(
        records[Appeal], key=lambda a: a.filed_on or a.decided_on or a.created_at.date()
    ):
        target = appeal.contests_decision_id and ("decision", appeal.contests_decision_id)
        target = target or (
            appeal.contests_extradition_id and ("order", appeal.contests_extradition_id)
        )
        appeals_of[target or None].append(
            (
                appeal,
                public_details(
                    appeal, _detail_fields(appeal, {"contests_decision", "contests_extradition"})
                ),
            )
        )
    proceedings = [
        Proceeding(
            decision,
            public_details(decision, _detail_fields(decision)),
            appeals_of.pop(("decision", decision.pk), []),
        )
        for decision in records[AsylumDecision]
    ]
    proceedings += [
        Proceeding(
            order,
            public_details(order, _detail_fields(order)),
            appeals_of.pop(("order", order.pk), []),
        )
        for order in records[Extradition]
    ]
    # Appeals whose contested decision is not public, or that contest nothing recorded.
    loose = [appeal for group in appeals_of.values() for appeal in group]
    if loose:
        proceedings.append(Proceeding(None, [], loose))
    return proceedings


def _statements(records: dict[type, list], numbers: dict[int, int]) -> list[PublicStatement]:
    # Statement.objects.public() already left out those by organizations not public.
    statements = records[Statement]
    speakers = {s.speaker_id for s in statements if s.speaker and is_public(s.speaker)}
    roles = (
        {
            (a.person_id, a.organization_id): a.role_title
            for a in Affiliation.objects.public().filter(person__in=speakers)
        }
        if speakers
        else {}
    )
    return [
        PublicStatement(
            record=s,
            organization=s.organization,
            speaker=s.speaker if s.speaker_id in speakers else None,
            role=roles.get((s.speaker_id, s.organization_id)),
            citations=[(numbers[src.pk], src) for src in s.sources.all()],
        )
        for s in statements
    ]


def _organizations(records: dict[type, list]) -> list[Organization]:
    found = {}
    for record in (r for rows in records.values() for r in rows):
        for name in record.PUBLIC_FIELDS:
            field = record._meta.get_field(name)
            if field.many_to_one and field.related_model is Organization:
                value = public_value(record, name)
                if value is not None:
                    found[value.pk] = value
    return sorted(found.values(), key=lambda org: org.name)


def public_case_page(slug: str) -> PublicCasePage:
    """The public case page, or 404 for a case that is missing or not public."""
    case = get_object_or_404(
        public_case_list().only(*Case.PUBLIC_FIELDS, *PUBLIC_DATES, "search__record_kinds"),
        slug=slug,
    )
    subjects = list(
        CaseSubject.objects.public()
        # A public part in a published case shows the person: visible() is the rest.
        .filter(person__in=Person.objects.visible(), case=case)
        .select_related("person")
        .order_by("role", "person__display_name")
    )
    records = _public_records(case)
    timeline = _timeline(records)
    numbers = _number_sources(timeline)
    sources = {source.pk: source for item in timeline for source in item.sources}
    return PublicCasePage(
        case=case,
        subjects=subjects,
        timeline=timeline,
        sources=sorted(sources.values(), key=lambda source: numbers[source.pk]),
        proceedings=_proceedings(records),
        statements=_statements(records, numbers),
        organizations=_organizations(records),
    )
