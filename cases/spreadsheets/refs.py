"""Finding the rows a spreadsheet refers to by slug, URL or title, a batch at a time.

Staff without confidential access never reach a confidential row (core.confidential: its
own visibility, or a foreign key to a confidential row): to them it does not exist,
exactly as on their export, so a reference to one reads "no such row".
"""

from collections import defaultdict

from cases.models import Source
from cases.spreadsheets.values import CellError
from core.confidential import has_visibility, without_confidential
from core.models import Visibility

CONFIDENTIAL = Visibility.CONFIDENTIAL


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


class Resolver:
    """Caches slug → id (or None when missing or hidden) per model for the whole file."""

    def __init__(self, reveal: bool):
        self.reveal = reveal
        self.ids: dict[tuple, dict[str, int | None]] = defaultdict(dict)
        self.hidden_ids: dict[type, dict[int, bool]] = defaultdict(dict)

    def visible(self, queryset):
        return queryset if self.reveal else without_confidential(queryset)

    def load(self, model, lookup: str, values) -> None:
        cache = self.ids[model, lookup]
        missing = {value for value in values if value and value not in cache}
        if not missing:
            return
        rows = self.visible(model.objects.filter(**{f"{lookup}__in": missing}))
        for value, pk in rows.values_list(lookup, "pk"):
            cache[value] = pk
        for value in missing:
            cache.setdefault(value, None)

    def get(self, model, lookup: str, value: str) -> int:
        pk = self.ids[model, lookup].get(value)
        if pk is None:
            name = model._meta.verbose_name
            raise CellError(
                f"no {name} has the {lookup} '{value}'; check the spelling, "
                f"or import {model._meta.verbose_name_plural} first"
            )
        return pk

    def load_sources(self, keys) -> None:
        """Sources by URL when the key is one, else by title."""
        cache = self.ids[Source, "key"]
        missing = {key for key in keys if key and key not in cache}
        if not missing:
            return
        urls = {key for key in missing if is_url(key)}
        titles = missing - urls
        found: dict[str, list[int]] = defaultdict(list)
        rows = self.visible(Source.objects.filter(url__in=urls)).values_list("url", "pk")
        for url, pk in rows:
            found[url].append(pk)
        rows = self.visible(Source.objects.filter(title__in=titles)).values_list("title", "pk")
        for title, pk in rows:
            found[title].append(pk)
        for key in missing:
            pks = found.get(key, [])
            cache[key] = pks[0] if len(pks) == 1 else (-len(pks) if pks else None)

    def get_source(self, key: str) -> int:
        pk = self.ids[Source, "key"].get(key)
        if pk is None:
            raise CellError(
                f"no source has the {'URL' if is_url(key) else 'title'} '{key}'; "
                "check it, or import sources first"
            )
        if pk < 0:
            raise CellError(f"{-pk} sources have the title '{key}'; name this one by its URL")
        return pk

    def hidden(self, model, ids) -> set[int]:
        """Which of these rows are confidential (always none for staff who may see them)."""
        if self.reveal or not has_visibility(model):
            return set()
        cache = self.hidden_ids[model]
        missing = {pk for pk in ids if pk is not None and pk not in cache}
        if missing:
            shown = self.visible(model.objects.filter(pk__in=missing)).values_list("pk", flat=True)
            confidential = missing - set(shown)
            for pk in missing:
                cache[pk] = pk in confidential
        return {pk for pk in ids if pk is not None and cache.get(pk)}
