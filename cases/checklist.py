"""The check a case goes through before it is submitted for review or published.

`publication_checklist(case, user)` reads the saved case and lists what would go wrong
or stay missing on its public page: records the public will not see, public records
citing no public source, people named by records who are not among the case's people,
people shown publicly without a public name, sources without a date or publisher, dates
in the future, a case without a public summary or whose public page cites no source.
cases.services.case_transition refuses the move while an item is neither resolved nor
acknowledged.

Everything is computed from the rows the user may see: for staff without confidential
access, confidential rows (core.confidential) are left out before anything is counted,
so no item, count or absence tells a confidential row apart from one that does not
exist. Such staff cannot resolve those rows either, and leaving them as they are keeps
them off the public site.

The list takes a fixed number of queries whatever the number of records: the case, its
people, one per kind of record (with the people and sources each names as arrays), the
cited sources and the people named.
"""

import datetime
from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.db import models
from django.db.models import OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cases.models import RECORD_MODELS, Case, CaseSubject, Source
from core.access import can_see_confidential
from core.confidential import confidential_rows
from core.models import Visibility, format_precise_date
from people.models import Person

SUMMARY_LENGTH = 100


class ItemKind(models.TextChoices):
    """The groups of the checklist, in the order it shows them."""

    NO_SUMMARY = "no_summary", _("The case has no public summary")
    NO_SOURCES = "no_sources", _("The public page will cite no source")
    NOT_PUBLIC = "not_public", _("Records the public will not see")
    NO_PUBLIC_SOURCE = "no_public_source", _("Public records citing no public source")
    NOT_SUBJECT = "not_subject", _("People named by records who are not among the case's people")
    NO_PUBLIC_NAME = "no_public_name", _("People the public page will not name")
    SOURCE_INCOMPLETE = "source_incomplete", _("Sources without a date or publisher")
    FUTURE_DATE = "future_date", _("Dates in the future")


@dataclass(frozen=True)
class Item:
    """One thing to resolve or acknowledge. `key` stays the same while the item stands, so an
    acknowledgement posted with the page still names it after the page is saved again."""

    key: str
    kind: str
    text: str
    url: str = ""  # the admin page where it is fixed
    # Rows ("cases.detention:12") one click makes public, and what the button says.
    fix: tuple[str, ...] = ()
    fix_label: str = ""
    # About a row confidential to staff without access: so is its acknowledgement.
    confidential: bool = False


@dataclass(frozen=True)
class Group:
    kind: str
    label: str
    items: list[Item]

    @property
    def fix(self) -> tuple[str, ...]:
        """Every row the group's items make public in one click, for "Make all these public"."""
        return tuple(dict.fromkeys(ref for item in self.items for ref in item.fix))


def grouped(items: list[Item]) -> list[Group]:
    """The items by kind, in the order of ItemKind."""
    return [
        Group(kind.value, kind.label, [item for item in items if item.kind == kind])
        for kind in ItemKind
        if any(item.kind == kind for item in items)
    ]


# Rows a checklist button may change, named in posted forms as "<app>.<model>:<pk>".
FIXABLE_MODELS = {model._meta.label_lower: model for model in (*RECORD_MODELS, Source)}


def row_ref(model, pk) -> str:
    return f"{model._meta.label_lower}:{pk}"


def rows_from_refs(refs) -> dict[type[models.Model], list[int]]:
    """Posted references back to (model, ids); anything else is ignored."""
    rows: dict[type[models.Model], list[int]] = {}
    for ref in refs:
        label, _sep, pk = str(ref).partition(":")
        model = FIXABLE_MODELS.get(label)
        if model is not None and pk.isdigit() and len(pk) < 19:
            rows.setdefault(model, []).append(int(pk))
    return rows


def _admin_url(model, pk) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])


def _date_fields(model) -> list[models.DateField]:
    """The record's dates, its main one first (the date that dates it in the list)."""
    dates = [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField)
    ]
    return sorted(dates, key=lambda f: f.name != model.primary_date)


def _describe(record) -> str:
    """Kind, date and summary: 'Detention, June 2010: Held for a year.'"""
    kind = capfirst(record._meta.verbose_name)
    when = next(
        (
            format_precise_date(getattr(record, f.name), getattr(record, f"{f.name}_precision"))
            for f in _date_fields(type(record))
            if getattr(record, f.name) is not None
        ),
        "",
    )
    words = record.summary or getattr(record, "title", "") or getattr(record, "quote", "")
    words = Truncator(" ".join(words.split())).chars(SUMMARY_LENGTH)
    head = f"{kind}, {when}" if when else str(kind)
    return f"{head}: {words}" if words else head


class _Reader:
    """Reads the case's rows for one user: all of them, or without the confidential ones."""

    def __init__(self, user):
        self.reveal = can_see_confidential(user)

    def rows(self, model):
        rows = model._base_manager.all()
        hidden = confidential_rows(model)
        if hidden is None:
            return rows
        if self.reveal:
            return rows.annotate(hidden=models.ExpressionWrapper(hidden, models.BooleanField()))
        return rows.exclude(hidden).annotate(hidden=models.Value(False))

    def linked(self, record_model, name: str) -> ArraySubquery:
        """The ids of the rows a record links to through a many-to-many field, as an array."""
        m2m = record_model._meta.get_field(name)
        ours, theirs = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
        links = m2m.remote_field.through._base_manager.filter(**{ours: OuterRef("pk")})
        hidden = confidential_rows(m2m.related_model)
        if hidden is not None and not self.reveal:
            links = links.exclude(
                **{f"{theirs}__in": m2m.related_model._base_manager.filter(hidden)}
            )
        return ArraySubquery(links.order_by(f"{theirs}_id").values(f"{theirs}_id"))


def publication_checklist(case: Case, user) -> list[Item]:
    """What to resolve or acknowledge before `case` goes to review or to the public."""
    reader = _Reader(user)
    today = timezone.localdate()
    items: list[Item] = []

    summary = Case._base_manager.filter(pk=case.pk).values_list("summary", flat=True).first()
    if not (summary or "").strip():
        items.append(
            Item(
                "no-summary",
                ItemKind.NO_SUMMARY,
                str(_("The case has no public summary: its public page opens with no text.")),
            )
        )

    subjects = list(
        reader.rows(CaseSubject).filter(case_id=case.pk).values("person_id", "visibility", "hidden")
    )
    subject_ids = {s["person_id"] for s in subjects}

    records = []
    for model in RECORD_MODELS:
        rows = (
            reader.rows(model)
            .filter(case_id=case.pk)
            .annotate(
                people_ids=reader.linked(model, "people"),
                source_ids=reader.linked(model, "sources"),
            )
        )
        records += list(rows.order_by("pk"))

    cited = {pk for r in records if r.visibility == Visibility.PUBLIC for pk in r.source_ids}
    sources = {s.pk: s for s in reader.rows(Source).filter(pk__in=cited)}

    # Named publicly: by a public role in the case or by a public record.
    shown_by: dict[int, int] = {}
    for subject in subjects:
        if subject["visibility"] == Visibility.PUBLIC:
            shown_by.setdefault(subject["person_id"], 0)
    named_by: dict[int, int] = {}
    for record in records:
        for pk in record.people_ids:
            named_by[pk] = named_by.get(pk, 0) + 1
            if record.visibility == Visibility.PUBLIC:
                shown_by[pk] = shown_by.get(pk, 0) + 1
    wanted = {pk for pk in named_by if pk not in subject_ids} | set(shown_by)
    people = {p.pk: p for p in reader.rows(Person).filter(pk__in=wanted).order_by("display_name")}

    public_sources = {pk for pk, s in sources.items() if s.visibility == Visibility.PUBLIC}
    if not public_sources:
        items.append(
            Item(
                "no-sources",
                ItemKind.NO_SOURCES,
                str(_("No public record of the case cites a public source.")),
            )
        )
    items += _record_items(records, sources, today)
    items += _people_items(people, named_by, shown_by, subject_ids)
    items += _source_items(sources, today)
    order = list(ItemKind.values)
    return sorted(items, key=lambda item: order.index(item.kind))


def _record_items(records, sources, today: datetime.date) -> list[Item]:
    items = []
    for record in records:
        model, ref = type(record), row_ref(type(record), record.pk)
        described, url = _describe(record), _admin_url(model, record.pk)
        secret = bool(record.hidden)
        if record.visibility != Visibility.PUBLIC:
            confidential = record.visibility == Visibility.CONFIDENTIAL
            text = (
                _("%(record)s (confidential: to publish it, change it on the record itself)")
                if confidential
                else _("%(record)s (internal)")
            ) % {"record": described}
            items.append(
                Item(
                    f"not-public:{ref}",
                    ItemKind.NOT_PUBLIC,
                    str(text),
                    url,
                    # Confidential stays an explicit choice, made on the record's own form.
                    fix=() if confidential else (ref,),
                    fix_label=str(_("Make public")),
                    confidential=secret,
                )
            )
        else:
            cited = [sources[pk] for pk in record.source_ids if pk in sources]
            if not any(s.visibility == Visibility.PUBLIC for s in cited):
                internal = tuple(
                    row_ref(Source, s.pk) for s in cited if s.visibility == Visibility.INTERNAL
                )
                items.append(
                    Item(
                        f"no-public-source:{ref}",
                        ItemKind.NO_PUBLIC_SOURCE,
                        described,
                        url,
                        fix=internal,
                        fix_label=str(_("Make its sources public")),
                        confidential=secret,
                    )
                )
        for field in _date_fields(model):
            value = getattr(record, field.name)
            if value is not None and value > today:
                text = _("%(record)s: %(field)s is in the future (%(date)s)") % {
                    "record": described,
                    "field": field.verbose_name,
                    "date": value.isoformat(),
                }
                items.append(
                    Item(
                        f"future:{ref}:{field.name}",
                        ItemKind.FUTURE_DATE,
                        str(text),
                        url,
                        confidential=secret,
                    )
                )
    return items


def _people_items(people, named_by, shown_by, subject_ids) -> list[Item]:
    items = []
    for person in people.values():
        url, secret = _admin_url(Person, person.pk), bool(person.hidden)
        if person.pk in named_by and person.pk not in subject_ids:
            count = named_by[person.pk]
            text = ngettext(
                "%(name)s is named by %(count)d record but is not among the case's people.",
                "%(name)s is named by %(count)d records but is not among the case's people.",
                count,
            ) % {"name": person.display_name, "count": count}
            items.append(
                Item(
                    f"not-subject:{person.pk}", ItemKind.NOT_SUBJECT, text, url, confidential=secret
                )
            )
        if person.pk in shown_by and (
            person.visibility != Visibility.PUBLIC or person.archived_at is not None
        ):
            text = _(
                "%(name)s has a public part in the case but is not public: the public page "
                "will not name them."
            ) % {"name": person.display_name}
            items.append(
                Item(
                    f"no-public-name:{person.pk}",
                    ItemKind.NO_PUBLIC_NAME,
                    str(text),
                    url,
                    confidential=secret,
                )
            )
    return items


def _source_items(sources, today: datetime.date) -> list[Item]:
    items = []
    for source in sorted(sources.values(), key=lambda s: (s.title, s.pk)):
        if source.visibility != Visibility.PUBLIC:
            continue
        url, secret = _admin_url(Source, source.pk), bool(source.hidden)
        title = Truncator(source.title).chars(SUMMARY_LENGTH)
        missing = [
            str(label)
            for label, absent in (
                (_("no date"), source.published_on is None),
                (_("no publisher"), source.publisher_id is None),
            )
            if absent
        ]
        if missing:
            text = _("Source “%(title)s”: %(missing)s") % {
                "title": title,
                "missing": ", ".join(missing),
            }
            items.append(
                Item(
                    f"source:{source.pk}",
                    ItemKind.SOURCE_INCOMPLETE,
                    str(text),
                    url,
                    confidential=secret,
                )
            )
        if source.published_on is not None and source.published_on > today:
            text = _("Source “%(title)s”: its date is in the future (%(date)s)") % {
                "title": title,
                "date": source.published_on.isoformat(),
            }
            items.append(
                Item(
                    f"future:{row_ref(Source, source.pk)}:published_on",
                    ItemKind.FUTURE_DATE,
                    str(text),
                    url,
                    confidential=secret,
                )
            )
    return items


def summary_of(items: list[Item]) -> str:
    """A one-line count by group, for a message that cannot list every item."""
    return "; ".join(
        f"{group.label} ({len(group.items)})"
        if group.kind not in (ItemKind.NO_SUMMARY, ItemKind.NO_SOURCES)
        else str(group.label)
        for group in grouped(items)
    )
