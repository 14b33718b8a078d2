"""A public search: a page of results with snippets, the count and the facet counts."""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator

from cases.models import CaseSearch
from cases.search import ranking
from cases.search.counts import Tally, tally
from cases.search.facets import FACETS
from cases.search.request import SearchRequest
from cases.search.snippets import Snippet, passages
from cases.search.text import text_match

RESULTS_PER_PAGE = 20
# Pages stop after the ranked candidates, as web search engines' do: reaching result
# 8,000 of a common word means reading (and matching) 8,000 documents in order, which no
# index can skip; the export streams every match for whoever needs them all.
MAX_PAGE = ranking.MAX_RESULTS // RESULTS_PER_PAGE


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
    request: SearchRequest
    page: "ResultPage"
    facets: list[Facet]
    snippets: dict[int, Snippet]
    ranked_among: int | None = None  # relevance ranked the most recent N matches only

    @property
    def form(self):
        return self.request.form

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


def search(params) -> SearchResults:
    """A page of the public search for the parameters of /cases/, with its counts."""
    request = SearchRequest.from_params(params)
    counted = tally(request)
    paginator = TalliedPaginator(counted.total, counted.exact)
    number = _page_number(request.params.get("page"), paginator)
    ids, ranked_among = ranking.page_ids(
        request,
        request.filter(CaseSearch.objects.matching()),
        (number - 1) * RESULTS_PER_PAGE,
        RESULTS_PER_PAGE + 1,
        matches=counted.total,
        ranked=counted.ranked,
    )
    documents = _documents(ids[:RESULTS_PER_PAGE])
    return SearchResults(
        request=request,
        page=ResultPage(documents, number, paginator, has_more=len(ids) > RESULTS_PER_PAGE),
        facets=facets(request, counted),
        snippets=snippets(request, ids[:RESULTS_PER_PAGE]),
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


def snippets(request: SearchRequest, case_ids: list[int]) -> dict[int, Snippet]:
    """Why each result matched, from one of its public texts (cases/search/snippets.py)."""
    if not request.query:
        return {}
    _, _, query = text_match(request.query)
    return passages(query, case_ids)


def facets(request: SearchRequest, counted: Tally) -> list[Facet]:
    """Each option with the number of public cases it would leave, other filters kept."""
    found = []
    for facet in FACETS:
        selected = request.selected(facet.param)
        estimated = facet.param in counted.estimated
        options = [
            FacetOption(value, label, count, value in selected, estimated)
            for value, label, count in facet.options(counted.options[facet.param], selected)
        ]
        found.append(Facet(facet.param, facet.label, options))
    return found
