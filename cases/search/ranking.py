"""The order of search results, for the search page and the API alike.

A text query orders its matches by relevance, unless another sort is chosen; without
one, the latest activity comes first. Ranking every match of a common word means reading
every matching document, so when more than RANKED_CANDIDATES match, only the
RANKED_CANDIDATES most recently active are ranked and the other matches follow them,
latest activity first; results stop after RANKED_CANDIDATES, as web search engines' do
(the export and the date sorts reach every match).
"""

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cases.models import CaseSearch

RANKED_CANDIDATES = 1000
# Results stop here, on the page and in the API: past the candidates, each page would read
# every match before it in order, which no index can skip.
MAX_RESULTS = RANKED_CANDIDATES
# The orders of the two date sorts, matched by indexes on CaseSearch.
LATEST_FIRST = (F("last_activity").desc(nulls_last=True), "pk")
EARLIEST_FIRST = (F("first_date").asc(nulls_last=True), "pk")
RELEVANCE = (F("rank").desc(), *LATEST_FIRST)
SORTS = {"activity": LATEST_FIRST, "date": EARLIEST_FIRST}
SORT_CHOICES = [
    ("relevance", _("Relevance")),
    ("activity", _("Latest activity")),
    ("date", _("Earliest date")),
]


def ranks(request) -> bool:
    """Whether a search's results are in relevance order."""
    return bool(request.query) and request.sort in ("", "relevance")


def order(documents, request):
    if ranks(request):
        return documents.order_by(*RELEVANCE)
    return documents.order_by(*SORTS.get(request.sort, LATEST_FIRST))


def page_ids(request, documents, offset: int, limit: int, *, matches=None, ranked=None):
    """The primary keys of a page of the search's ordered documents, and how many
    matches relevance ranked when it ranked only the most recent (else None).

    `matches` is their number when known (else counted up to what matters here), and
    `ranked` the (pk, last_activity, rank) of every match when they were read already.
    """
    if ranked is not None and ranks(request):
        latest = sorted(ranked, key=_latest_first)
        candidates, rest = latest[:RANKED_CANDIDATES], latest[RANKED_CANDIDATES:]
        ordered = sorted(candidates, key=relevance) + rest
        ids = [pk for pk, _, _ in ordered[offset : offset + limit]]
        return ids, len(candidates) if rest else None
    if ranks(request):
        if matches is None:
            matches = documents.order_by().values("pk")[: RANKED_CANDIDATES + 1].count()
        if matches > RANKED_CANDIDATES:
            return _recent_ranked_ids(request, documents, offset, limit)
    ids = order(documents, request).values_list("pk", flat=True)
    return list(ids[offset : offset + limit]), None


def relevance(match: tuple) -> tuple:
    """The sort key of a (pk, last_activity, rank) match: RELEVANCE."""
    return (-match[2], *_latest_first(match))


def _latest_first(match: tuple) -> tuple:
    """The sort key of a (pk, last_activity, rank) match: LATEST_FIRST."""
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


def _candidates(request, latest) -> list[tuple]:
    """(pk, last_activity, rank) of the RANKED_CANDIDATES first matches in LATEST_FIRST.

    The rank is computed once the candidates are chosen, by primary key: in the query
    that chooses them, a plan that sorts the matches (a phrase's, found through the
    full-text index) would rank every match before the limit, some 10 µs each.
    """
    from cases.search.text import text_match

    _, rank, _ = text_match(request.query)
    chosen = latest.values("pk")[:RANKED_CANDIDATES]
    candidates = CaseSearch.objects.filter(pk__in=chosen).annotate(rank=rank)
    return list(candidates.values_list("pk", "last_activity", "rank"))


def _recent_ranked_ids(request, documents, offset: int, limit: int):
    latest = documents.order_by(*LATEST_FIRST)
    candidates = sorted(_candidates(request, latest), key=_latest_first)
    ids = [c[0] for c in sorted(candidates, key=relevance)[offset : offset + limit]]
    missing = limit - len(ids)
    if missing > 0 and len(candidates) == RANKED_CANDIDATES:
        last_pk, last_activity, _ = candidates[-1]
        start = max(0, offset - len(candidates))
        rest = latest.filter(_after(last_activity, last_pk)).values_list("pk", flat=True)
        ids += list(rest[start : start + missing])
    return ids, len(candidates)
