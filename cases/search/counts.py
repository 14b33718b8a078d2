"""How many public cases a search finds, and how many each facet option would leave.

Counting exactly means reading every match, and a common word matches most cases. So the
search first reads a stable sample of the documents that match the text and dates: those
whose `sample` (a hash of the case id, 0-999) is below a bound chosen so that about
SAMPLE_ROWS documents of the whole table are read. Each facet filter is evaluated on the
sampled rows as a flag (the same condition the FilterSet filters with), so one query
estimates the total and every facet. A set the sample shows to be small is then counted
exactly; larger sets keep the estimate, which pages show as one ("about 12,000").
"""

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.db import connection, models
from django.db.models import BooleanField, Case, ExpressionWrapper, F, Q, Value, When
from django.db.models.functions import Cast

from cases.models import CaseSearch
from cases.search.facets import BY_PARAM, FACETS
from cases.search.request import SearchRequest

SAMPLE_BUCKETS = 1000  # sample is 0-999
SAMPLE_ROWS = 3000
EXACT_UP_TO = 5000
# The values each facet counts, from the document columns read.
FACET_COLUMNS = {facet.param: facet.column for facet in FACETS}
COLUMNS = tuple(dict.fromkeys(FACET_COLUMNS.values()))
RANKED_COLUMNS = ("pk", "last_activity", "set_rank")


@dataclass
class Tally:
    total: int
    exact: bool
    # facet param → value → number of cases; estimated where the param is in `estimated`.
    options: dict[str, Counter] = field(default_factory=dict)
    estimated: set[str] = field(default_factory=set)
    # (pk, last_activity, rank) of every match, when they are few and ranked by relevance.
    ranked: list[tuple] | None = None


@dataclass
class _Read:
    """What one read of documents found, counted by the database: the size of each set
    (None: every active facet filter's; a param: all but that param's) and each facet's
    counts in its own set. Counting there, not here, keeps the page from fetching and
    looping over thousands of rows (some 30 ms of Python a search)."""

    rows: int  # documents read
    sizes: dict
    counts: dict[str, Counter]
    scale: float = 1.0
    ranked: list | None = None  # (pk, last_activity, rank) of set None, when asked

    @property
    def exact(self) -> bool:
        return self.scale == 1.0

    def total(self, key) -> int:
        size = self.sizes[key]
        return size if self.exact else rounded(size * self.scale)


def rounded(estimate: float) -> int:
    """An estimate to two significant figures: 12,345 → 12,000 (never 0 for a non-zero one)."""
    if estimate < 1:
        return math.ceil(estimate)
    digits = max(0, math.floor(math.log10(estimate)) - 1)
    return max(1, int(round(estimate, -digits)))


def table_size() -> int:
    """The planner's estimate of the number of search documents (kept by ANALYZE)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [CaseSearch._meta.db_table]
        )
        return max(int(cursor.fetchone()[0]), 0)


def sample_bound(size: int) -> int:
    """The sample bound that reads about SAMPLE_ROWS documents of a table of `size`."""
    if size <= SAMPLE_ROWS:
        return SAMPLE_BUCKETS
    return max(1, math.ceil(SAMPLE_BUCKETS * SAMPLE_ROWS / size))


def tally(request: SearchRequest, queryset=None) -> Tally:
    """The size of the search's result set and each facet's counts, from the documents
    of `queryset` (all of them: CaseSearch.objects.matching())."""
    if queryset is None:
        queryset = CaseSearch.objects.matching()
    active = request.conditions()
    loose = _loose_set(request, queryset, active)
    ranking = request.ranks
    read = _first_read(loose, active, queryset, ranking)
    # Each facet counts the set its own filter leaves out; None is the set of all filters.
    reads = dict.fromkeys([None, *active], read)
    reads.update(_exact_reads(loose, active, read, ranking))
    return _result(reads, active, ranking)


def _loose_set(request: SearchRequest, queryset, active: dict):
    """The documents before facet filters, each flagged with whether it passes each
    active filter (`in_<param>`), and, when relevance orders, ranked within the set."""
    flags = {f"in_{param}": ExpressionWrapper(c, BooleanField()) for param, c in active.items()}
    loose = request.without(FACET_COLUMNS) if active else request
    loose = loose.filter(queryset).order_by().annotate(**flags)
    if request.ranks:
        # Rows read in full also carry what ranks them, so that a small result set is
        # ordered by relevance without being read again: the rows of the set itself only
        # (a facet's set read with it may be larger, and ranking costs some 10 µs a row).
        every = reduce(and_, active.values()) if active else None
        rank = Case(When(every, then=F("rank"))) if every else F("rank")
        loose = loose.annotate(set_rank=rank)
    return loose


def _first_read(loose, active: dict, queryset, ranking: bool) -> "_Read":
    """Every document of a small table, else the sample: sized by the table's size."""
    bound = sample_bound(table_size())
    if bound == SAMPLE_BUCKETS:
        read = _read(loose, active, limit=EXACT_UP_TO + 1, ranking=ranking)
        if read.rows <= EXACT_UP_TO:
            return read
        bound = sample_bound(queryset.count())  # grown since it was last analyzed
    # A smallint bound: btree_gin's operators do not compare smallint with integer, and
    # without them the text index cannot apply the bound.
    bounded = loose.filter(sample__lt=Cast(Value(bound), models.SmallIntegerField()))
    return _read(bounded, active, scale=SAMPLE_BUCKETS / bound)


def _exact_reads(loose, active: dict, read: "_Read", ranking: bool) -> dict:
    """The sets the sample shows to be small, read whole and counted exactly, in one
    query: {set key: read}."""
    small = [key for key in [None, *active] if not read.exact and read.total(key) <= EXACT_UP_TO]
    if not small:
        return {}
    conditions = [_all_but(active, key) for key in small]
    union = loose if None in conditions else loose.filter(reduce(or_, conditions))
    limit = EXACT_UP_TO * len(small)
    exact = _read(union, active, limit=limit + 1, ranking=ranking and None in small)
    if exact.rows > limit:
        return {}
    return {key: exact for key in small if exact.sizes[key] <= EXACT_UP_TO}


def _result(reads: dict, active: dict, ranking: bool) -> Tally:
    result = Tally(total=reads[None].total(None), exact=reads[None].exact)
    if ranking and reads[None].exact:
        result.ranked = reads[None].ranked
    for param in FACET_COLUMNS:
        source = reads[param if param in active else None]
        counts = source.counts[param]
        if source.exact:
            result.options[param] = counts
        else:
            result.options[param] = Counter(
                {value: rounded(n * source.scale) for value, n in counts.items()}
            )
            result.estimated.add(param)
    return result


def _read(queryset, active: dict, *, limit=None, scale=1.0, ranking=False) -> _Read:
    """Count the documents of `queryset` (annotated with the active filters' flags), up
    to `limit`, in one query: each row of the answer is a figure (what, value, number),
    or with `ranking`, one ranked document of set None."""
    params = list(active)
    flags = [f"in_{param}" for param in params]
    selected = queryset.values_list(*COLUMNS, *flags, *(RANKED_COLUMNS if ranking else ()))
    if limit is not None:
        selected = selected[:limit]
    inner, inner_params = selected.query.sql_with_params()
    names = [f"c{i}" for i in range(len(COLUMNS))] + [f"f{i}" for i in range(len(flags))]
    names += ["pk", "activity", "rank"] if ranking else []

    def members(key) -> str:
        """The SQL condition of a set, on the flags."""
        kept = [f"f{i}" for i, param in enumerate(params) if param != key]
        return " AND ".join(kept) or "TRUE"

    # Each figure: its three columns, then where from; the ranked documents fill the rest.
    none = "NULL, NULL, NULL"  # typed by the ranked documents' own columns
    figures = [f"SELECT '#rows', NULL, count(*), {none} FROM rows"]
    figure_params = []
    for key in [None, *params]:
        figures.append(f"SELECT '#set', %s, count(*), {none} FROM rows WHERE {members(key)}")
        figure_params.append(key or "")
    for param, column in FACET_COLUMNS.items():
        name = f"c{COLUMNS.index(column)}"
        source = param if param in active else None
        values = f"unnest(rows.{name})" if BY_PARAM[param].array else f"(VALUES (rows.{name}))"
        figures.append(
            f"SELECT %s, value::text, count(*), {none} "
            f"FROM rows CROSS JOIN LATERAL {values} AS v (value) "
            f"WHERE ({members(source)}) AND value IS NOT NULL AND value::text <> '' "
            "GROUP BY value"
        )
        figure_params.append(param)
    if ranking:  # first: a UNION takes its column types from the left
        figures.insert(
            0, f"SELECT '#rank', NULL, NULL, pk, activity, rank FROM rows WHERE {members(None)}"
        )
    union = " UNION ALL ".join(f"({figure})" for figure in figures)
    sql = f"WITH rows ({', '.join(names)}) AS MATERIALIZED ({inner}) {union}"
    read = _Read(rows=0, sizes={}, counts={param: Counter() for param in FACET_COLUMNS})
    read.scale = scale
    read.ranked = [] if ranking else None
    with connection.cursor() as cursor:
        cursor.execute(sql, [*inner_params, *figure_params])
        for what, value, number, pk, activity, rank in cursor.fetchall():
            if what == "#rows":
                read.rows = number
            elif what == "#set":
                read.sizes[value or None] = number
            elif what == "#rank":
                read.ranked.append((pk, activity, rank))
            else:
                read.counts[what][_VALUE_TYPES[what](value)] = number
    return read


def _value_type(column: str):
    """How a facet's values, read as text, become the column's own (organization ids)."""
    field = CaseSearch._meta.get_field(column)
    field = getattr(field, "base_field", field)
    return int if field.get_internal_type().endswith("IntegerField") else str


_VALUE_TYPES = {param: _value_type(column) for param, column in FACET_COLUMNS.items()}


def _all_but(active: dict, key) -> Q | None:
    """The conditions of every active filter but `key`'s; None when there are none."""
    conditions = [condition for param, condition in active.items() if param != key]
    return reduce(and_, conditions) if conditions else None


# Distinct host countries by skipping through their index, one probe per country. It reads
# the search documents alone, as CaseSearch.objects.matching() does: a document exists only
# while its case is public.
_TABLE = CaseSearch._meta.db_table
HOST_COUNTRIES_SQL = f"""
WITH RECURSIVE hosts (code) AS (
    (SELECT host_country FROM {_TABLE} ORDER BY host_country LIMIT 1)
    UNION ALL
    SELECT (SELECT host_country FROM {_TABLE} WHERE host_country > hosts.code
            ORDER BY host_country LIMIT 1)
    FROM hosts WHERE hosts.code IS NOT NULL
)
SELECT count(code) FROM hosts
"""


def public_figures() -> dict:
    """A few figures about the public cases, counted like a search without filters:
    estimated from the sample once there are many."""
    counted = tally(SearchRequest.from_params({}))
    with connection.cursor() as cursor:
        cursor.execute(HOST_COUNTRIES_SQL)
        countries = cursor.fetchone()[0]
    return {
        "exact": counted.exact,
        "cases": counted.total,
        "countries": countries,
        "extraditions": counted.options["kind"]["extradition"],
        "un_appeals": counted.options["kind"]["appeal:un_treaty_body"],
    }
