"""What a staff list can be filtered and searched by: declared filters, and visible rows.

Django's change list applies any lookup of its URL (`?birth_date__year=1970`) and its
search matches through every related row; autocomplete uses the same search. For staff
without confidential access (core.access) either would find rows by what they may not
see. Here a list accepts only the lookups of its declared filters and date hierarchy,
none that reads a confidential field or reaches rows that may be confidential, and its
search matches through related rows only those the user may see (core.confidential).
"""

from django.contrib.admin import SimpleListFilter
from django.db.models import Field, Q
from django.utils.text import smart_split, unescape_string_literal
from django_countries.filters import CountryFilter

from core.confidential import (
    lookup_fields,
    reaches_confidential_rows,
    reads_confidential_field,
    visible_match,
)


class VisibleCountryFilter(CountryFilter):
    """django-countries' filter lists the countries of every row of the table; this one
    only those of the rows the list shows this user."""

    def lookup_choices(self, changelist):
        values = changelist.root_queryset.order_by().values_list(self.field_path, flat=True)
        codes = set(values.distinct())
        for code, name in self.field.get_choices(include_blank=False):
            if code in codes:
                yield code, name


def field_path(model, lookup: str) -> str | None:
    """The fields a lookup names, as a path ('person' for 'person__id__exact'), or None
    when its first part is no field."""
    crossed = lookup_fields(model, lookup)
    if not crossed:
        return None
    names = [field.name for _, field in crossed]
    # A relation's own key names the same value as the relation.
    if len(crossed) > 1 and crossed[-1][1].primary_key and crossed[-2][1].is_relation:
        names.pop()
    return "__".join(names)


def _filter_path(item) -> str | None:
    if isinstance(item, type) and issubclass(item, SimpleListFilter):
        return item.parameter_name
    if isinstance(item, list | tuple):
        item = item[0]
    return item.name if isinstance(item, Field) else item


class ConfidentialLookupsMixin:
    """For model admins (after ConfidentialAdminMixin, whose reveals_confidential it uses)."""

    def _refuses(self, request, lookup: str) -> bool:
        """Whether this user may not filter or search by this lookup path."""
        if self.reveals_confidential(request):
            return False
        return reads_confidential_field(self.model, lookup) or reaches_confidential_rows(
            self.model, lookup
        )

    def get_list_filter(self, request):
        kept = []
        for item in super().get_list_filter(request):
            path = _filter_path(item)
            if path and self._refuses(request, path) and field_path(self.model, path):
                continue
            if isinstance(item, list | tuple) and item[1] is CountryFilter:
                item = (item[0], VisibleCountryFilter)
            kept.append(item)
        return kept

    def declared_lookups(self, request) -> set[str]:
        """The field paths the list's URL may filter by: its filters and date hierarchy."""
        paths = {_filter_path(item) for item in self.get_list_filter(request)}
        if self.date_hierarchy:
            paths.add(self.date_hierarchy)
        return {field_path(self.model, path) or path for path in paths if path}

    def lookup_allowed(self, lookup, value, request=None):
        path = field_path(self.model, lookup)
        if path is None:
            # A simple filter's parameter, or no field at all, which Django refuses itself.
            return super().lookup_allowed(lookup, value, request)
        if request is None or path not in self.declared_lookups(request):
            return False
        return not self._refuses(request, lookup)

    def get_search_fields(self, request):
        hidden = not self.reveals_confidential(request)
        return [
            name
            for name in super().get_search_fields(request)
            if not (hidden and reads_confidential_field(self.model, name.lstrip("^=@")))
        ]

    def search_condition(self, request, lookup: str, value) -> Q:
        """Q(lookup=value), matching through related rows only those this user may see."""
        return visible_match(self.model, lookup, value, reveal=self.reveals_confidential(request))

    def get_search_results(self, request, queryset, search_term):
        """Django's search (every word in some search field), but each field matched
        through visible rows only, by subqueries, so that no row is listed twice."""
        lookups = [search_lookup(self.model, name) for name in self.get_search_fields(request)]
        if not lookups or not search_term:
            return queryset, False
        condition = Q()
        for word in smart_split(search_term):
            if word.startswith(('"', "'")) and word[0] == word[-1]:
                word = unescape_string_literal(word)
            matches = Q()
            for lookup in lookups:
                matches |= self.search_condition(request, lookup, word)
            condition &= matches
        return queryset.filter(condition), False


def search_lookup(model, name: str) -> str:
    """A search field as Django's ModelAdmin.get_search_results reads it: ^ starts with,
    = is, @ full text, a path ending with a lookup uses it, else 'contains' ignoring case."""
    prefixes = {"^": "istartswith", "=": "iexact", "@": "search"}
    if name[:1] in prefixes:
        return f"{name[1:]}__{prefixes[name[:1]]}"
    parts = name.split("__")
    crossed = lookup_fields(model, name)
    if crossed and len(parts) > len(crossed) and crossed[-1][1].get_lookup(parts[len(crossed)]):
        return name
    return f"{name}__icontains"
