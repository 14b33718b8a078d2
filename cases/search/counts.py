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
from itertools import chain
from operator import and_, or_

from django.db import connection
from django.db.models import BooleanField, Case, ExpressionWrapper, F, Q, When

from cases.filters import FACET_CONDITIONS, CaseSearchFilter, facet_condition
from cases.models import CaseSearch

SAMPLE_BUCKETS = 1000  # sample is 0-999
SAMPLE_ROWS = 3000
EXACT_UP_TO = 5000
# The values each facet counts, from the document columns read.
FACET_COLUMNS = {
    "host_country": "host_country",
    "origin_country": "origin_country",
    "status": "status",
    "kind": "record_kinds",
    "organization": "statement_orgs",
    "tag": "tags",
}
COLUMNS = tuple(dict.fromkeys(FACET_COLUMNS.values()))
RANKING = ("pk", "last_activity", "set_rank")


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
class _Rows:
    """The documents of one filtered set: all of them, or a sample and its scale."""

    rows: list
    scale: float = 1.0

    @property
    def exact(self) -> bool:
        return self.scale == 1.0

    @property
    def total(self) -> int:
        return len(self.rows) if self.exact else rounded(len(self.rows) * self.scale)


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


def _without(filterset: CaseSearchFilter, params) -> CaseSearchFilter:
    data = filterset.data.copy()
    for param in params:
        data.pop(param, None)
    data.pop("sort", None)
    return CaseSearchFilter(data, queryset=filterset.queryset, names=filterset.names)


def _count_column(rows: list, index: int) -> Counter:
    values = [row[index] for row in rows]
    if values and isinstance(values[0], list):  # array columns: count each element
        values = chain.from_iterable(values)
    counts = Counter(values)
    counts.pop("", None)
    counts.pop(None, None)
    return counts


def tally(filterset: CaseSearchFilter) -> Tally:
    filterset.qs  # noqa: B018 (validates the form, so cleaned_data exists)
    cleaned = filterset.form.cleaned_data
    active = {}
    for param in FACET_CONDITIONS:
        condition = facet_condition(param, cleaned.get(param))
        if condition:
            active[param] = condition
    # Each facet counts the set its own filter leaves out; None is the set of all filters.
    keys = [None, *active]
    flags = {f"in_{param}": ExpressionWrapper(c, BooleanField()) for param, c in active.items()}
    # The set before facet filters (the filterset itself when none is active).
    loose = _without(filterset, FACET_CONDITIONS) if active else filterset
    loose = loose.qs.order_by().annotate(**flags)
    # Rows read in full also carry what ranks them, so that a small result set is ordered
    # by relevance without being read again: the rows of the set itself only (a facet's
    # set read with it may be larger, and ranking costs some 10 µs a document).
    ranking = RANKING if filterset.ranks else ()
    if ranking:
        every = reduce(and_, active.values()) if active else None
        rank = Case(When(every, then=F("rank"))) if every else F("rank")
        loose = loose.annotate(set_rank=rank)
    bound = sample_bound(table_size())
    if bound == SAMPLE_BUCKETS:
        sampled = list(loose.values_list(*COLUMNS, *flags, *ranking)[: EXACT_UP_TO + 1])
        if len(sampled) > EXACT_UP_TO:  # The table has grown since it was last analyzed.
            bound = sample_bound(filterset.queryset.count())
    if bound < SAMPLE_BUCKETS:
        sampled = list(loose.filter(sample__lt=bound).values_list(*COLUMNS, *flags))
    scale = SAMPLE_BUCKETS / bound
    sets = {key: _Rows(rows, scale) for key, rows in _members(sampled, active).items()}
    small = [key for key in keys if not sets[key].exact and sets[key].total <= EXACT_UP_TO]
    if small:
        # Read every document of the sets the sample shows small, in one query.
        conditions = [_all_but(active, key) for key in small]
        union = loose if None in conditions else loose.filter(reduce(or_, conditions))
        limit = EXACT_UP_TO * len(small)
        rows = list(union.values_list(*COLUMNS, *flags, *ranking)[: limit + 1])
        if len(rows) <= limit:
            members = _members(rows, active)
            for key in small:
                if len(members[key]) <= EXACT_UP_TO:
                    sets[key] = _Rows(members[key])
    result = Tally(total=sets[None].total, exact=sets[None].exact)
    if ranking and sets[None].exact:
        result.ranked = [row[-len(RANKING) :] for row in sets[None].rows]
    for param, column in FACET_COLUMNS.items():
        source = sets[param if param in active else None]
        index = COLUMNS.index(column)
        counts = _count_column(source.rows, index)
        result.options[param] = (
            Counter({value: rounded(n * source.scale) for value, n in counts.items()})
            if not source.exact
            else counts
        )
        if not source.exact:
            result.estimated.add(param)
    return result


def _members(rows: list, active: dict) -> dict:
    """The rows of each set: None, every active filter's; a param, every active filter's
    but that param's. Each row's flags, after its facet columns, say which it passes."""
    start, end = len(COLUMNS), len(COLUMNS) + len(active)
    sets = {key: [] for key in [None, *active]}
    params = list(active)
    everything = list(sets.values())
    for row in rows:
        flags = row[start:end]
        failed = [param for param, passed in zip(params, flags, strict=True) if not passed]
        if not failed:
            for members in everything:
                members.append(row)
        elif len(failed) == 1:
            sets[failed[0]].append(row)
    return sets


def _all_but(active: dict, key) -> Q | None:
    """The conditions of every active filter but `key`'s; None when there are none."""
    conditions = [condition for param, condition in active.items() if param != key]
    return reduce(and_, conditions) if conditions else None
