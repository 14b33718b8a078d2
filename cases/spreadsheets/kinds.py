"""Each kind of file: its model, its columns (import and export format) and its key.

The key says which existing row a file row updates; a row whose key matches no row
creates one. docs/import-format.md describes every kind for staff; keep them in step.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from cases.spreadsheets.columns import (
    ChoiceColumn,
    Column,
    RefColumn,
    RefListColumn,
    SourceListColumn,
)
from core.confidential import without_confidential


@dataclass
class Kind:
    name: str
    model: type
    columns: list[Column]
    key: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    by_name: dict[str, Column] = field(init=False)

    def __post_init__(self):
        for column in self.columns:
            column.bind(self.model)
        self.by_name = {column.name: column for column in self.columns}

    @property
    def verbose_name(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def plural(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required or c.name in self.key]

    def key_columns(self) -> list[Column]:
        return [self.by_name[name] for name in self.key]

    def row_key(self, values: dict) -> tuple:
        return tuple(column.key(values[column.name]) for column in self.key_columns())

    def instance_key(self, instance) -> tuple:
        return tuple(column.key_of(instance) for column in self.key_columns())

    def find(self, rows: list[dict], queryset) -> list[list]:
        """For each row's values, the existing rows (of queryset) it matches: 0, 1 or more."""
        keys = [self.row_key(values) for values in rows]
        if not keys:
            return []
        # Narrow by each key column, then match whole keys here.
        condition = Q()
        for position, column in enumerate(self.key_columns()):
            condition &= column.key_filter({key[position] for key in keys})
        found: dict[tuple, list] = {}
        for instance in queryset.filter(condition):
            found.setdefault(self.instance_key(instance), []).append(instance)
        return [found.get(key, []) for key in keys]

    def finish(self, instance, values: dict, cells: dict, resolver, existing: bool) -> dict:
        """Work that needs several columns at once; returns {column: problem}."""
        return {}

    def export_queryset(self, reveal: bool):
        queryset = self.model.objects.order_by("pk")
        refs = [c for c in self.columns if isinstance(c, RefColumn)]
        if refs:
            queryset = queryset.select_related(*(c.field_name for c in refs))
        for column in self.columns:
            if column.many_to_many:
                prefetch = column.prefetch_queryset(reveal)
                queryset = queryset.prefetch_related(Prefetch(column.field_name, prefetch))
        # A row that is confidential, or names a confidential row, is left out.
        return queryset if reveal else without_confidential(queryset)


class SourceKind(Kind):
    """Sources match by URL; a row without one, or whose URL is new, by title among sources
    that have no URL (so a URL can be added to a source that had none)."""

    def row_key(self, values):
        url = values["url"]
        return ("url", url) if url else ("title", values["title"])

    def instance_key(self, instance):
        return ("url", instance.url) if instance.url else ("title", instance.title)

    def find(self, rows, queryset):
        urls = {values["url"] for values in rows if values["url"]}
        titles = {values["title"] for values in rows}
        by_url, by_title = {}, {}
        for source in queryset.filter(url__in=urls):
            by_url.setdefault(source.url, []).append(source)
        for source in queryset.filter(url="", title__in=titles):
            by_title.setdefault(source.title, []).append(source)
        return [by_url.get(values["url"]) or by_title.get(values["title"], []) for values in rows]


def visibility() -> ChoiceColumn:
    return ChoiceColumn("visibility")


def record_columns() -> list[Column]:
    """The columns every fact record ends with."""
    return [
        Column("summary"),
        RefListColumn("people"),
        SourceListColumn("sources"),
        visibility(),
    ]


def case() -> RefColumn:
    return RefColumn("case", required=True)
