"""The public indexes of people and of organizations: alphabetical, searchable by name.

Rows are read through Person.objects.public() / Organization.objects.public() only, along
their public name-order indexes (person_public_name_order, organization_public_name_order)
with the shown-by-a-published-case test made row by row until a page is full. Pages follow
each other by the last name shown (keyset), so the thousandth page costs what the first
does. A name is matched folded (people.names), in any script or spelling: every typed word
inside the folded name, or inside one of the person's public spellings.

Each row's number of public cases comes from the search documents' shown_people /
shown_organizations arrays (GIN indexed), counted up to CASES_COUNTED_UP_TO: an
organization on a large share of all cases shows "1,000+" rather than a count that would
read hundreds of thousands of documents.
"""

from dataclasses import dataclass

from django.db.models import BooleanField, IntegerField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import QueryDict

from cases.models import CaseSearch
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
    cases: int  # public cases showing it, counted up to CASES_COUNTED_UP_TO + 1

    @property
    def capped(self) -> bool:
        return self.cases > CASES_COUNTED_UP_TO


@dataclass
class Directory:
    rows: list[Row]
    query: str
    next_link: str = ""  # the query string of the next page, if there is one
    first_link: str = ""  # the query string of the first page, when not on it

    @property
    def counted_up_to(self) -> int:
        return CASES_COUNTED_UP_TO


def _case_count(model, shown_in: str) -> RawSQL:
    """The documents whose `shown_in` array holds the outer row, LIMIT-capped."""
    table, column = CaseSearch._meta.db_table, CaseSearch._meta.get_field(shown_in).column
    outer = f"{model._meta.db_table}.{model._meta.pk.column}"
    return RawSQL(
        f"SELECT count(*) FROM (SELECT 1 FROM {table} s WHERE s.{column} @> ARRAY[{outer}] "
        "LIMIT %s) AS capped",
        [CASES_COUNTED_UP_TO + 1],
        output_field=IntegerField(),
    )


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
    rows = list(
        queryset.only("pk", *fields)
        .annotate(public_cases=_case_count(model, shown_in))
        .order_by(*order)[: PER_PAGE + 1]
    )
    directory = Directory([Row(item, item.public_cases) for item in rows[:PER_PAGE]], query)
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
