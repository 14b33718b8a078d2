"""A public search: the page of results with snippets, the exact count, and facet counts."""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django_countries import countries

from cases.filters import RECORD_KINDS, CaseSearchFilter, text_match
from cases.models import CaseSearch, CaseStatus
from organizations.models import Organization

RESULTS_PER_PAGE = 20
MAX_TAG_OPTIONS = 20
# Private-use characters mark highlights, so the snippet can be escaped before <mark> is added.
MARK_START, MARK_END = "\ue000", "\ue001"
HEADLINE_OPTIONS = (
    f"MaxFragments=2, MinWords=6, MaxWords=28, FragmentDelimiter=' … ', "
    f"StartSel={MARK_START}, StopSel={MARK_END}"
)


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    param: str
    label: str
    options: list[FacetOption] = field(default_factory=list)


@dataclass
class SearchResults:
    filterset: CaseSearchFilter
    page: Page
    facets: list[Facet]
    snippets: dict[int, str]

    @property
    def count(self) -> int:
        return self.page.paginator.count


def search(data) -> SearchResults:
    filterset = CaseSearchFilter(data)
    results = filterset.qs.select_related("case")
    page = Paginator(results, RESULTS_PER_PAGE).get_page(data.get("page"))
    return SearchResults(
        filterset=filterset,
        page=page,
        facets=facets(filterset),
        snippets=snippets(filterset, [doc.pk for doc in page.object_list]),
    )


def snippets(filterset: CaseSearchFilter, case_ids: list[int]) -> dict[int, str]:
    """Highlighted public text showing why each result matched (one query per page)."""
    if not filterset.parsed or not case_ids:
        return {}
    _, _, tsquery = text_match(filterset.parsed)
    headline = RawSQL(
        f"ts_headline('russian', cases_casesearch.body, {tsquery.sql}, %s)",
        [*tsquery.params, HEADLINE_OPTIONS],
    )
    rows = CaseSearch.objects.filter(pk__in=case_ids).annotate(snippet=headline)
    return {
        row.pk: mark_safe(
            escape(row.snippet).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
        )
        for row in rows.values_list("pk", "snippet", named=True)
    }


def _without(filterset: CaseSearchFilter, param: str):
    data = filterset.data.copy()
    data.pop(param, None)
    data.pop("sort", None)
    return CaseSearchFilter(data).qs.order_by()


def _column_counts(filterset, param, column) -> dict[str, int]:
    rows = _without(filterset, param).values(column).annotate(n=Count("pk"))
    return {row[column]: row["n"] for row in rows if row[column]}


def _unnest_counts(filterset, param, table, column, limit=None) -> dict:
    sub_sql, params = _without(filterset, param).values("pk").query.sql_with_params()
    key = "case_id" if table == "cases_casesearch" else "id"
    sql = (
        f"SELECT value, count(*) FROM {table} t, unnest(t.{column}) AS value "
        f"WHERE t.{key} IN ({sub_sql}) GROUP BY value ORDER BY count(*) DESC, value"
    )
    if limit:
        sql += f" LIMIT {int(limit)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


def _selected(filterset, param) -> set[str]:
    return set(filterset.data.getlist(param)) if hasattr(filterset.data, "getlist") else set()


def _facet(filterset, param, label, counts, labels) -> Facet:
    selected = _selected(filterset, param)
    options = [
        FacetOption(str(value), labels.get(value, str(value)), count, str(value) in selected)
        for value, count in sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
        if value in labels
    ]
    return Facet(param, label, options)


def facets(filterset: CaseSearchFilter) -> list[Facet]:
    """Each option with the number of public cases it would leave, other filters kept."""
    country_names = dict(countries)
    org_counts = _unnest_counts(filterset, "organization", "cases_casesearch", "statement_orgs")
    orgs = Organization.objects.public().filter(pk__in=org_counts).only("name", "acronym", "slug")
    org_labels = {org.slug: str(org) for org in orgs}
    slug_counts = {org.slug: org_counts[org.pk] for org in orgs}
    tag_counts = _unnest_counts(filterset, "tag", "cases_case", "tags", limit=MAX_TAG_OPTIONS)
    return [
        _facet(
            filterset, "host_country", "Host country",
            _column_counts(filterset, "host_country", "case__host_country"), country_names,
        ),
        _facet(
            filterset, "origin_country", "Country of origin",
            _column_counts(filterset, "origin_country", "case__origin_country"), country_names,
        ),
        _facet(
            filterset, "status", "Status",
            _column_counts(filterset, "status", "case__status"), dict(CaseStatus.choices),
        ),
        _facet(
            filterset, "kind", "Records present",
            _unnest_counts(filterset, "kind", "cases_casesearch", "record_kinds"),
            dict(RECORD_KINDS),
        ),
        _facet(filterset, "organization", "Statement by", slug_counts, org_labels),
        _facet(filterset, "tag", "Tags", tag_counts, {tag: tag for tag in tag_counts}),
    ]  # fmt: skip
