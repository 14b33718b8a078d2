"""A public search: a page of results with snippets, the count and the facet counts."""

from collections import Counter
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django_countries import countries

from cases.filters import LATEST_FIRST, RECORD_KINDS, CaseSearchFilter, text_match
from cases.models import CaseSearch, CaseStatus
from cases.search.counts import Tally, tally
from organizations.models import Organization

RESULTS_PER_PAGE = 20
RANKED_CANDIDATES = 1000
# Pages stop after the ranked candidates, as web search engines' do: reaching result
# 8,000 of a common word means reading (and matching) 8,000 documents in order, which no
# index can skip; the export streams every match for whoever needs them all.
MAX_PAGE = RANKED_CANDIDATES // RESULTS_PER_PAGE
MAX_TAG_OPTIONS = 20
# A collection's statements come from thousands of organizations: the facet lists those
# with the most cases (and any chosen), so the page stays the same size at any scale.
MAX_ORGANIZATION_OPTIONS = 20
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
    estimated: bool = False


@dataclass
class Facet:
    param: str
    label: str
    options: list[FacetOption] = field(default_factory=list)


@dataclass
class SearchResults:
    filterset: CaseSearchFilter
    page: "ResultPage"
    facets: list[Facet]
    snippets: dict[int, str]
    ranked_among: int | None = None  # relevance ranked the most recent N matches only

    @property
    def count(self) -> int:
        return self.page.paginator.count

    @property
    def exact(self) -> bool:
        return self.page.paginator.exact

    @property
    def pages_stop(self) -> bool:
        """Whether there are matches past the last page the search serves."""
        return self.page.has_more and self.page.number == MAX_PAGE


class TalliedPaginator(Paginator):
    """Pages of a result set whose size was counted, or estimated, beforehand."""

    def __init__(self, count: int, exact: bool):
        super().__init__((), RESULTS_PER_PAGE)
        self.count = count  # replaces Paginator's COUNT query
        self.exact = exact


class ResultPage(Page):
    def __init__(self, object_list, number, paginator, has_more: bool):
        super().__init__(object_list, number, paginator)
        self.has_more = has_more

    def has_next(self):
        return self.has_more and self.number < MAX_PAGE

    def next_page_number(self):
        return self.number + 1  # past an estimated count's last page too

    def previous_page_number(self):
        # Unchecked as well: from a page past an estimated count's last page, the page
        # before it is past it too (Django's check would raise EmptyPage).
        return self.number - 1


def search(data) -> SearchResults:
    filterset = CaseSearchFilter(data, queryset=CaseSearch.objects.matching())
    counted = tally(filterset)
    paginator = TalliedPaginator(counted.total, counted.exact)
    number = _page_number(data.get("page"), paginator)
    offset = (number - 1) * RESULTS_PER_PAGE
    ranked_among = None
    if counted.ranked is not None:  # every match, already read: rank them here
        ordered = sorted(counted.ranked, key=relevance)
        ids = [pk for pk, _, _ in ordered[offset : offset + RESULTS_PER_PAGE + 1]]
    elif filterset.ranks and counted.total > RANKED_CANDIDATES:
        ids, ranked_among = ranked_page_ids(filterset, offset, RESULTS_PER_PAGE + 1)
    else:
        ids = list(
            filterset.qs.values_list("pk", flat=True)[offset : offset + RESULTS_PER_PAGE + 1]
        )
    documents = _documents(ids[:RESULTS_PER_PAGE])
    return SearchResults(
        filterset=filterset,
        page=ResultPage(documents, number, paginator, has_more=len(ids) > RESULTS_PER_PAGE),
        facets=facets(filterset, counted),
        snippets=snippets(filterset, ids[:RESULTS_PER_PAGE]),
        ranked_among=ranked_among,
    )


def _page_number(value, paginator: TalliedPaginator) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    # An estimated count may be low: "Next" stays usable past its last page.
    last = paginator.num_pages if paginator.exact else 2 * paginator.num_pages
    return min(max(number, 1), last, MAX_PAGE)


def _documents(ids: list[int]) -> list[CaseSearch]:
    """The page's documents and cases, read through public() again, in the order found."""
    documents = CaseSearch.objects.public().select_related("case").defer("document", "body")
    by_id = documents.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def relevance(match: tuple) -> tuple:
    """The sort key of a (pk, last_activity, rank) match: cases.filters.RELEVANCE."""
    return (-match[2], *_latest_first(match))


def _latest_first(match: tuple) -> tuple:
    """The sort key of a (pk, last_activity, rank) match: cases.filters.LATEST_FIRST."""
    pk, activity, _ = match
    return (activity is None, -activity.toordinal() if activity else 0, pk)


def _after(activity, pk) -> Q:
    """Documents after (activity, pk) in LATEST_FIRST order."""
    if activity is None:
        return Q(last_activity__isnull=True, pk__gt=pk)
    return (
        Q(last_activity__lt=activity)
        | Q(last_activity__isnull=True)
        | Q(last_activity=activity, pk__gt=pk)
    )


def _ranked_candidates(filterset: CaseSearchFilter, latest) -> list[tuple]:
    """(pk, last_activity, rank) of the RANKED_CANDIDATES first matches in LATEST_FIRST.

    The rank is computed once the candidates are chosen, joined back by primary key: in
    the query that chooses them, a plan that sorts the matches (a phrase's, found through
    the full-text index) would rank every match before the limit, some 10 µs each.
    """
    chosen, params = latest.values("pk")[:RANKED_CANDIDATES].query.sql_with_params()
    _, rank, _ = text_match(filterset.parsed)
    table = connection.ops.quote_name(CaseSearch._meta.db_table)
    # Inside the derived table, the table's name is the inner one: the text expressions
    # (RawSQL naming the table) apply to each scope's own row.
    sql = (
        f"SELECT {table}.case_id, {table}.last_activity, {rank.sql} "
        f"FROM ({chosen}) AS chosen JOIN {table} ON {table}.case_id = chosen.pk"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*rank.params, *params])
        return cursor.fetchall()


def ranked_page_ids(filterset: CaseSearchFilter, offset: int, limit: int):
    """A page of a large result set in relevance order, ranking a bounded candidate set.

    Ranking every match of a common word means reading every matching document, so only
    the RANKED_CANDIDATES most recently active matches are ranked; the other matches
    follow them, latest activity first. Returns (ids, number of candidates ranked).
    """
    latest = filterset.qs.order_by(*LATEST_FIRST)
    candidates = sorted(_ranked_candidates(filterset, latest), key=_latest_first)
    ranked = sorted(candidates, key=relevance)
    ids = [c[0] for c in ranked[offset : offset + limit]]
    missing = limit - len(ids)
    if missing > 0 and len(candidates) == RANKED_CANDIDATES:
        last_pk, last_activity, _ = candidates[-1]
        start = max(0, offset - len(candidates))
        rest = latest.filter(_after(last_activity, last_pk)).values_list("pk", flat=True)
        ids += list(rest[start : start + missing])
    return ids, len(candidates)


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


def _facet(param, label, counts: Counter, labels, selected, estimated) -> Facet:
    options = [
        FacetOption(str(value), labels[value], count, str(value) in selected, estimated)
        for value, count in sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
        if value in labels and count
    ]
    return Facet(param, label, options)


def facets(filterset: CaseSearchFilter, counted: Tally) -> list[Facet]:
    """Each option with the number of public cases it would leave, other filters kept."""
    data = filterset.data

    def selected(param) -> set[str]:
        return set(data.getlist(param)) if hasattr(data, "getlist") else set()

    options, estimated = counted.options, counted.estimated
    # The documents' statement_orgs hold only organizations of public statements of
    # published cases, which show them: their own visibility is the rest of public().
    # (Compiling public()'s EXISTS over every appearance costs some 50 ms of Python.)
    top = [pk for pk, _ in options["organization"].most_common(MAX_ORGANIZATION_OPTIONS)]
    orgs = Organization.objects.visible().filter(
        Q(pk__in=top) | Q(slug__in=selected("organization"))
    )
    orgs = orgs.only("name", "acronym", "slug")
    org_counts = Counter({org.slug: options["organization"][org.pk] for org in orgs})
    tags = Counter(dict(options["tag"].most_common(MAX_TAG_OPTIONS)))
    codes = {*options["host_country"], *options["origin_country"]}
    country_names = {code: countries.name(code) for code in codes if countries.name(code)}
    specs = [
        ("host_country", "Host country", options["host_country"], country_names),
        ("origin_country", "Country of origin", options["origin_country"], country_names),
        ("status", "Status", options["status"], dict(CaseStatus.choices)),
        ("kind", "Records present", options["kind"], dict(RECORD_KINDS)),
        ("organization", "Statement by", org_counts, {org.slug: str(org) for org in orgs}),
        ("tag", "Tags", tags, {tag: tag for tag in tags}),
    ]
    return [
        _facet(param, label, counts, labels, selected(param), param in estimated)
        for param, label, counts, labels in specs
    ]
