"""A search as asked: validated, parsed and looked up once, before any filtering."""

from dataclasses import dataclass, field, replace
from types import MappingProxyType

from django import forms
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import QueryDict

from cases.models import CaseSearch
from cases.search import ranking
from cases.search.facets import FACETS
from cases.search.query import ParsedQuery, parse
from cases.search.text import column, text_match, with_names


def as_query_dict(params) -> QueryDict:
    if isinstance(params, QueryDict):
        return params.copy()  # mutable copies; this one is never changed
    query = QueryDict(mutable=True)
    for name, value in (params or {}).items():
        query.setlist(name, value if isinstance(value, list | tuple) else [value])
    return query


@dataclass(frozen=True)
class SearchRequest:
    """The parameters of a search, as sent and as validated, with the text query parsed
    and its words looked up as names. Immutable: filtering, counting and ranking read it,
    none of them changes it."""

    params: QueryDict = field(repr=False)
    # The validated values, by parameter; a refused value is missing (see `errors`).
    values: MappingProxyType = field(repr=False)
    query: ParsedQuery = field(default_factory=ParsedQuery)
    # The form, for the page to show the values sent and the choices of each field.
    form: forms.Form | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_params(cls, params) -> "SearchRequest":
        from cases.search.filters import CaseSearchFilter

        # Only the form is wanted (filtering is the request's): no queryset to build.
        form = CaseSearchFilter(as_query_dict(params), CaseSearch.objects.none()).form
        return cls.from_form(form)

    @classmethod
    def from_form(cls, form: forms.Form) -> "SearchRequest":
        form.is_valid()
        values = MappingProxyType(dict(getattr(form, "cleaned_data", {})))
        query = parse(values.get("q") or "")
        if query:
            query = with_names(query)
        return cls(params=form.data, values=values, query=query, form=form)

    @property
    def errors(self) -> dict:
        return self.form.errors if self.form is not None else {}

    @property
    def sort(self) -> str:
        return self.values.get("sort") or ""

    @property
    def ranks(self) -> bool:
        """Whether results are in relevance order: a text query, no other sort chosen."""
        return ranking.ranks(self)

    def selected(self, param: str) -> set[str]:
        """The values sent for a parameter, valid or not (the page shows them checked)."""
        return set(self.params.getlist(param))

    def conditions(self) -> dict[str, Q]:
        """The condition of each facet filter in use, by parameter."""
        active = {}
        for facet in FACETS:
            condition = facet.condition(self.values.get(facet.param))
            if condition:
                active[facet.param] = condition
        return active

    def without(self, params) -> "SearchRequest":
        """The same search without some filters and the sort: the sets facets count."""
        values = {name: value for name, value in self.values.items() if name not in params}
        values.pop("sort", None)
        return replace(self, values=MappingProxyType(values))

    def documents(self, queryset: QuerySet | None = None) -> QuerySet:
        """The matching documents in the search's order: public() ones unless given."""
        return ranking.order(self.filter(queryset), self)

    def filter(self, queryset: QuerySet | None = None) -> QuerySet:
        """The matching documents, unordered."""
        documents = CaseSearch.objects.public() if queryset is None else queryset
        if self.query:
            matches, rank, _ = text_match(self.query)
            documents = documents.filter(matches).annotate(rank=rank)
        for condition in self.conditions().values():
            documents = documents.filter(condition)
        start, end = self.values.get("date_from"), self.values.get("date_to")
        if start or end:
            documents = documents.filter(_dated_between(start, end))
        return documents


def _dated_between(start, end) -> RawSQL:
    """Documents with a record dated within the bounds (either may be open)."""
    sql = (
        f"EXISTS (SELECT 1 FROM unnest({column('record_dates')}) AS day "
        "WHERE (%s::date IS NULL OR day >= %s) AND (%s::date IS NULL OR day <= %s))"
    )
    return RawSQL(sql, [start, start, end, end], output_field=BooleanField())
