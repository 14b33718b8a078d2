"""Reads for the public site: every one goes through a model's public() queryset."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from cases.models import RECORD_MODELS, Case, CaseSubject, Source, TimelineEntry
from core.models import DatePrecision
from core.public import public_details, public_value
from people.models import Person

# Less precise dates sort first on the same day: "June 2010" before "1 June 2010".
PRECISION_ORDER = {
    DatePrecision.APPROXIMATE: 0,
    DatePrecision.YEAR: 1,
    DatePrecision.MONTH: 2,
    DatePrecision.DAY: 3,
}


def public_case_list() -> QuerySet[Case]:
    return Case.objects.public().only(*Case.PUBLIC_FIELDS).order_by("-updated_at", "pk")


@dataclass
class TimelineItem:
    entry: TimelineEntry
    summary: str | None
    details: list = field(default_factory=list)
    people: list = field(default_factory=list)
    sources: list = field(default_factory=list)
    citations: list[tuple[int, Source]] = field(default_factory=list)


def _detail_fields(record) -> list[str]:
    """Public fields worth listing under a timeline item: not its dates, title or summary."""
    return [
        name
        for name in record.PUBLIC_FIELDS
        if name not in {"summary", "title"} and not hasattr(record, f"{name}_precision")
    ]


@dataclass
class PublicCasePage:
    case: Case
    subjects: list
    timeline: list[TimelineItem]
    sources: list[Source]


def _public_records(case: Case):
    public_people = Prefetch("people", queryset=Person.objects.public().order_by("display_name"))
    public_sources = Prefetch("sources", queryset=Source.objects.public().order_by("pk"))
    for model in RECORD_MODELS:
        related = [
            f.name for f in model._meta.concrete_fields if f.is_relation and f.name != "case"
        ]
        yield from (
            model.objects.public()
            .filter(case=case)
            .select_related(*related)
            .prefetch_related(public_people, public_sources)
        )


def public_case_page(slug: str) -> PublicCasePage:
    """The public case page, or 404 for a case that is missing or not public."""
    case = get_object_or_404(public_case_list(), slug=slug)
    subjects = list(
        CaseSubject.objects.public()
        .filter(case=case, person__in=Person.objects.public())
        .select_related("person")
        .order_by("role", "person__display_name")
    )
    items = []
    for record in _public_records(case):
        details = public_details(record, _detail_fields(record))
        summary = public_value(record, "summary")
        people, record_sources = list(record.people.all()), list(record.sources.all())
        items.extend(
            TimelineItem(entry, summary, details, people, record_sources)
            for entry in record.timeline_entries()
        )
    items.sort(key=lambda i: (i.entry.date, PRECISION_ORDER[i.entry.precision], i.entry.label))
    # Footnotes are numbered in the order sources are first cited down the timeline.
    footnotes: dict[int, Source] = {}
    for item in items:
        for source in item.sources:
            footnotes.setdefault(source.pk, source)
    numbers = {pk: number for number, pk in enumerate(footnotes, start=1)}
    for item in items:
        item.citations = [(numbers[source.pk], source) for source in item.sources]
    return PublicCasePage(case, subjects, items, list(footnotes.values()))
