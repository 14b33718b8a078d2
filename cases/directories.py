"""The public indexes of people and of organizations: alphabetical, searchable by name.

Rows are read through Person.objects.public() / Organization.objects.public() only, along
their public name-order indexes (person_public_name_order, organization_public_name_order)
with the shown-by-a-published-case test made row by row until a page is full. Pages follow
each other by the last name shown (keyset), so the thousandth page costs what the first
does. A name is matched folded (people.names), in any script or spelling: every typed word
inside the folded name, or inside one of the person's public spellings.

Each row's number of public cases comes from the search documents' shown_people /
shown_organizations arrays, for the whole page at once: estimated from the planner's
statistics of the arrays for their most common elements (as a profile page's count is),
counted exactly (GIN indexed, up to CASES_COUNTED_UP_TO) for the others. An organization on
a large share of all cases shows "≈140,000": counting it, even capped, reads its whole
posting list (the page of the largest took over a second at a million cases).
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import QueryDict

from cases.models import CaseSearch
from cases.search.counts import rounded, table_size
from organizations.models import Organization
from organizations.pickers import folded_name
from people.models import NameVariant, Person
from people.pickers import folded_words

PER_PAGE = 50
CASES_COUNTED_UP_TO = 1000
MAX_QUERY_LENGTH = 200


@dataclass
class Row:
    item: object  # a public Person or Organization, its PUBLIC_FIELDS loaded
    cases: int  # public cases showing it: exact up to CASES_COUNTED_UP_TO + 1, or estimated
    estimated: bool = False

    @property
    def capped(self) -> bool:
        return not self.estimated and self.cases > CASES_COUNTED_UP_TO


@dataclass
class Directory:
    rows: list[Row]
    query: str
    next_link: str = ""  # the query string of the next page, if there is one
    first_link: str = ""  # the query string of the first page, when not on it

    @property
    def counted_up_to(self) -> int:
        return CASES_COUNTED_UP_TO


# The planner's statistics of the arrays (ANALYZE): the share of documents holding each of
# their most common elements. Counting those, even capped, reads their GIN posting lists,
# which for the largest organizations hold most of the table (1 s a page at a million).
COMMON_SQL = """
SELECT common.id::bigint, common.share FROM pg_stats CROSS JOIN LATERAL unnest(
    most_common_elems::text::bigint[],
    most_common_elem_freqs[1:array_length(most_common_elems, 1)]
) AS common (id, share)
WHERE schemaname = current_schema() AND tablename = %s AND attname = %s
  AND common.id::bigint = ANY(%s)
"""
COUNT_SQL = """
SELECT rows.id, (SELECT count(*) FROM (SELECT 1 FROM {table} s WHERE s.{column} @> ARRAY[rows.id]
                                       LIMIT %s) AS capped)
FROM unnest(%s::bigint[]) AS rows (id)
"""


def common_shares(column: str, ids: list[int]) -> dict[int, float]:
    """The share of search documents holding each of `ids` that is among the most common
    elements of the array `column`, as the last ANALYZE found."""
    if not ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(COMMON_SQL, [CaseSearch._meta.db_table, column, ids])
        return dict(cursor.fetchall())


def _case_counts(shown_in: str, ids: list[int]) -> dict[int, tuple[int, bool]]:
    """Each id's number of public cases, and whether it is estimated. A document exists
    only while its case is public, so the documents alone are counted."""
    table = CaseSearch._meta.db_table
    column = CaseSearch._meta.get_field(shown_in).column
    counts: dict[int, tuple[int, bool]] = {}
    shares = common_shares(column, ids)
    size = table_size() if shares else 0
    for pk, share in shares.items():
        if share * size > CASES_COUNTED_UP_TO:
            counts[pk] = (rounded(share * size), True)
    with connection.cursor() as cursor:
        exact = [pk for pk in ids if pk not in counts]
        if exact:
            cursor.execute(
                COUNT_SQL.format(table=table, column=column), [CASES_COUNTED_UP_TO + 1, exact]
            )
            counts.update((pk, (n, False)) for pk, n in cursor.fetchall())
    return counts


def _after(model, order: tuple[str, str], row) -> RawSQL:
    """Rows after `row` in `order`, as one row comparison the name-order index can seek."""
    columns = ", ".join(model._meta.get_field(name).column for name in order)
    values = [getattr(row, name) for name in order]
    return RawSQL(f"({columns}) > (%s, %s)", values, output_field=BooleanField())


def _page(queryset: QuerySet, order: tuple[str, str], shown_in: str, data, query: str) -> Directory:
    model = queryset.model
    after = data.get("after", "")
    if after:
        last = queryset.filter(slug=after).only(*order).first()
        if last is not None:
            queryset = queryset.filter(_after(model, order, last))
    fields = [name for name in model.PUBLIC_FIELDS if model._meta.get_field(name).concrete]
    rows = list(queryset.only("pk", *fields).order_by(*order)[: PER_PAGE + 1])
    counts = _case_counts(shown_in, [item.pk for item in rows[:PER_PAGE]])
    directory = Directory([Row(item, *counts[item.pk]) for item in rows[:PER_PAGE]], query)
    links = QueryDict(mutable=True)
    if query:
        links["q"] = query
    if after:
        directory.first_link = "?" + links.urlencode() if links else "?"
    if len(rows) > PER_PAGE:
        links["after"] = rows[PER_PAGE - 1].slug
        directory.next_link = "?" + links.urlencode()
    return directory


def _query(data) -> str:
    return str(data.get("q", ""))[:MAX_QUERY_LENGTH].strip()


def _every_word(field: str, words: list[str]) -> Q:
    return Q(*(Q(**{f"{field}__contains": word}) for word in words))


def people_directory(data) -> Directory:
    """A page of public people by name; `q` narrows to names holding its words."""
    query = _query(data)
    people = Person.objects.public()
    words = folded_words(query)
    if words:
        # Only public spellings of a person may make them match.
        # One set of ids from both trigram indexes (person_search_key_trgm,
        # namevariant_folded_trgm): an OR of the two would walk every name instead.
        spellings = NameVariant.objects.public().filter(_every_word("folded", words))
        by_key = Person.objects.filter(_every_word("search_key", words)).order_by().values("pk")
        people = people.filter(pk__in=by_key.union(spellings.order_by().values("person")))
    elif query:
        people = people.none()  # only punctuation: nothing to match
    return _page(people, ("display_name", "slug"), "shown_people", data, query)


def organizations_directory(data) -> Directory:
    """A page of public organizations by name; `q` narrows as for people (or the acronym)."""
    query = _query(data)
    organizations = Organization.objects.public()
    words = folded_words(query)
    if words:
        organizations = organizations.alias(folded=folded_name()).filter(
            _every_word("folded", words) | Q(acronym__iexact=query)
        )
    elif query:
        organizations = organizations.none()
    return _page(organizations, ("name", "slug"), "shown_organizations", data, query)
