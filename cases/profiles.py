"""Public pages of a person and of an organization: their public cases and statements.

Both lists are paginated, newest first, whatever their size: an organization such as
Human Rights Watch makes statements on a large share of all cases. Every query reads
through the target's index and stops after what the page needs; a list counts its rows
exactly up to COUNTED_UP_TO and above that shows the planner's estimate, rounded the way
the search rounds its estimates (cases.search.counts.rounded).
"""

import json
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet
from django.http import QueryDict
from django.shortcuts import get_object_or_404

from cases.models import Case, CaseSearch, CaseSubject, Statement
from cases.search.counts import rounded
from cases.search.results import RESULTS_PER_PAGE, ResultPage, TalliedPaginator
from cases.selectors import latest_public_documents
from organizations.models import Affiliation, Organization
from people.models import Person

# Rows are counted one by one (each checked against its case) up to here.
COUNTED_UP_TO = 1000
# Pages are read with OFFSET through the target's index: deeper ones would read ever more
# rows, so the pages stop here and link to the API's cursors (or the search) instead.
MAX_PAGES = 25


@dataclass
class Listing:
    """One page of a profile's cases or statements, and how many there are."""

    page: ResultPage
    param: str  # the query parameter of its page number
    truncated: bool = False  # rows lie beyond the last page offered (MAX_PAGES)
    data: object = None  # the request's query parameters, kept in the page links

    def link(self, number: int) -> str:
        """The query string of page `number` of this list, other parameters kept."""
        query = QueryDict(mutable=True)
        if self.data is not None:
            query.update(self.data)
        query[self.param] = str(number)
        return f"?{query.urlencode()}"

    @property
    def previous_link(self) -> str:
        return self.link(self.page.previous_page_number())

    @property
    def next_link(self) -> str:
        return self.link(self.page.next_page_number())

    @property
    def pages(self) -> int:
        """The number of pages offered."""
        return min(self.page.paginator.num_pages, MAX_PAGES)

    @property
    def count(self) -> int:
        return self.page.paginator.count

    @property
    def exact(self) -> bool:
        return self.page.paginator.exact


@dataclass
class PersonCase:
    """A published case that shows the person, with their public parts in it (if any:
    a record or a statement may name them without a part)."""

    case: Case
    roles: list[CaseSubject]


@dataclass
class PersonPage:
    person: Person
    variants: list
    roles: list[CaseSubject]  # their public parts in the cases of this page
    cases: Listing  # of PersonCase
    statements: Listing  # of Statement
    affiliations: list[Affiliation]


@dataclass
class OrganizationPage:
    organization: Organization
    cases: Listing  # of Case
    statements: Listing  # of Statement
    affiliations: list[Affiliation]


def public_statements() -> QuerySet[Statement]:
    """Public statements (by public organizations, on published cases), newest first:
    pages and API. The indexes statement_organization_latest and statement_speaker_latest
    follow this order."""
    return (
        Statement.objects.public()
        .select_related("case", "organization", "speaker")
        .order_by("-made_on", "pk")
    )


def page_number(data, param: str) -> int:
    try:
        number = int(data.get(param, 1))
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGES)


def planned_rows(queryset: QuerySet) -> int:
    """The planner's estimate of the rows a query returns, from the statistics that
    ANALYZE keeps (as cases.search.counts.table_size reads the table's size)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


def _count(ids: list, queryset: QuerySet) -> tuple[int, bool]:
    """(count, exact) from the first COUNTED_UP_TO + 1 ids read, else estimated."""
    if len(ids) <= COUNTED_UP_TO:
        return len(ids), True
    return max(rounded(planned_rows(queryset)), COUNTED_UP_TO + 1), False


def _listing(rows: list, number: int, count: int, exact: bool, param: str, data) -> Listing:
    """`rows`: the page's rows and one more, if there is one."""
    more = len(rows) > RESULTS_PER_PAGE
    last = number == MAX_PAGES
    page = ResultPage(
        rows[:RESULTS_PER_PAGE], number, TalliedPaginator(count, exact), more and not last
    )
    return Listing(page, param, truncated=more and last, data=data)


def statement_listing(statements: QuerySet[Statement], data, param: str) -> Listing:
    """A page of statements, newest first (two queries; three above COUNTED_UP_TO)."""
    number = page_number(data, param)
    offset = (number - 1) * RESULTS_PER_PAGE
    ids = list(statements.values_list("pk", flat=True)[: COUNTED_UP_TO + 1])
    count, exact = _count(ids, statements.order_by().values("pk"))
    # The first ids read hold every page offered (MAX_PAGES pages fit in COUNTED_UP_TO).
    page_ids = ids[offset : offset + RESULTS_PER_PAGE + 1]
    by_id = statements.order_by().in_bulk(page_ids)
    rows = [by_id[pk] for pk in page_ids if pk in by_id]
    return _listing(rows, number, count, exact, param, data)


def case_listing(shown_in: str, target, data, param: str) -> Listing:
    """A page of the cases that show `target`, latest public change first: the documents
    whose `shown_in` array (shown_people, shown_organizations) holds it.

    The first COUNTED_UP_TO + 1 of them, in order, give both the count (exact up to
    there, above that the planner's estimate from the array's statistics) and the page
    (MAX_PAGES pages fit in them). For someone on many cases they are read from the
    documents' latest-changed index alone, which carries the arrays; for someone on few,
    from the array's GIN index. A document exists only while its case is public
    (CaseSearch.objects.matching()); the page's own rows are read through public()."""
    number = page_number(data, param)
    offset = (number - 1) * RESULTS_PER_PAGE
    holds = {f"{shown_in}__contains": [target.pk]}
    found = CaseSearch.objects.matching().filter(**holds)
    ids = list(
        found.order_by(*latest_public_documents().query.order_by).values_list("pk", flat=True)[
            : COUNTED_UP_TO + 1
        ]
    )
    count, exact = _count(ids, found.order_by().values("pk"))
    page_ids = ids[offset : offset + RESULTS_PER_PAGE + 1]
    by_id = {doc.pk: doc.case for doc in latest_public_documents().filter(pk__in=page_ids)}
    rows = [by_id[pk] for pk in page_ids if pk in by_id]
    return _listing(rows, number, count, exact, param, data)


def person_page(slug: str, data=None) -> PersonPage:
    """A public person's page: `data` (the query parameters) chooses the list pages."""
    data = data or {}
    person = get_object_or_404(Person.objects.public(), slug=slug)
    cases = case_listing("shown_people", person, data, "cases_page")
    roles = list(
        CaseSubject.objects.public()
        .filter(person=person, case__in=[case.pk for case in cases.page.object_list])
        .select_related("case")
        .order_by("case__title", "role")
    )
    cases.page.object_list = [
        PersonCase(case, [role for role in roles if role.case_id == case.pk])
        for case in cases.page.object_list
    ]
    affiliations = (
        Affiliation.objects.public()
        .filter(Organization.objects.points_public("organization"), person=person)
        .select_related("organization")
    )
    return PersonPage(
        person=person,
        variants=list(person.name_variants.public().order_by("script", "text")),
        roles=roles,
        cases=cases,
        statements=statement_listing(
            public_statements().filter(speaker=person), data, "statements_page"
        ),
        affiliations=list(affiliations),
    )


def organization_page(slug: str, data=None) -> OrganizationPage:
    """A public organization's page: `data` (the query parameters) chooses the list pages."""
    data = data or {}
    organization = get_object_or_404(Organization.objects.public(), slug=slug)
    affiliations = (
        Affiliation.objects.public()
        .filter(Person.objects.points_public("person"), organization=organization)
        .select_related("person")
    )
    return OrganizationPage(
        organization=organization,
        cases=case_listing("shown_organizations", organization, data, "cases_page"),
        statements=statement_listing(
            public_statements().filter(organization=organization), data, "statements_page"
        ),
        affiliations=list(affiliations),
    )
