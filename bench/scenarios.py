"""One scenario for every kind of public URL, its concrete URL chosen from the data.

The heaviest rows are chosen on purpose: the organization and the person with the most
statements and with the most cases, the source cited most. Some URLs are found by reading
the site itself (the sitemap index's last page, a cursor ten pages deep from the API's
own next links, a deep page from a profile's next link), so they follow whatever the
views produce. tests/bench checks that the scenarios reach every public route.
"""

import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Q
from django.test import Client

from bench import texts
from bench.generate import STATUSES
from cases.models import RECORD_MODELS, Case, CaseSearch, CaseSubject, Source, Statement
from cases.models.appearances import organization_appearances
from organizations.models import Organization
from people.models import Person

API_LISTS = ("cases", "people", "organizations", "statements", "sources")
CURSOR_HOPS = 10  # next links followed at 100 rows a page: row 1,001 onwards
DEEP_PROFILE_PAGE = 100
TOP = 50  # candidates read for the heaviest public row of a kind
_addresses = itertools.count(1)


def client() -> Client:
    """A test client with an address of its own: the API throttles per address (120/min)."""
    number = next(_addresses)
    return Client(REMOTE_ADDR=f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}")


@dataclass
class Scenario:
    url: str
    params: dict = field(default_factory=dict)
    naive: Callable | None = None
    status: int = 200
    headers: dict = field(default_factory=dict)
    streamed: bool = False  # streamed exports are outside the p95 target
    runs: int | None = None  # None: the run's default


def naive_search(term: str, page: int = 1):
    """The admin-style approach: icontains over text columns, exact COUNT, OFFSET paging."""

    def run():
        cases = Case.objects.filter(publication_state="published", archived_at=None).filter(
            Q(title__icontains=term) | Q(summary__icontains=term) | Q(charges__icontains=term)
            | Q(subjects__person__display_name__icontains=term)
        ).distinct().order_by("-updated_at")  # fmt: skip
        paginator = Paginator(cases, 20)
        list(paginator.get_page(page).object_list)

    return run


def export_filters(rows: int = 10_000) -> dict:
    """Filters whose export has about `rows` rows at the current size (host, then status)."""
    options = [{"host_country": "KZ"}] + [
        {"host_country": "KZ", "status": status} for status in STATUSES
    ]
    return min(
        options,
        key=lambda params: abs(CaseSearch.objects.matching().filter(**params).count() - rows),
    )


def _first_public(model, counts: Counter):
    """The row of `model.objects.public()` with the highest count, or None."""
    top = [pk for pk, _ in counts.most_common()]
    shown = set(model.objects.public().filter(pk__in=top).values_list("pk", flat=True))
    return next((model.objects.get(pk=pk) for pk in top if pk in shown), None)


def _counts(rows, column: str) -> Counter:
    grouped = rows.exclude(**{column: None}).values_list(column).annotate(n=Count("pk"))
    return Counter(dict(grouped.order_by("-n")[:TOP]))


def _top_in_tables(columns: list[tuple[str, str]]) -> Counter:
    """The TOP values most often found in these (table, column)s, whole tables read once
    in PostgreSQL (the rows are many, the winners few)."""
    union = " UNION ALL ".join(
        f'SELECT "{column}" AS value FROM "{table}" WHERE "{column}" IS NOT NULL'
        for table, column in columns
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT value, count(*) FROM ({union}) AS found GROUP BY value "
            "ORDER BY 2 DESC LIMIT %s",
            [TOP],
        )
        return Counter(dict(cursor.fetchall()))


def _column(model, name: str) -> tuple[str, str]:
    return model._meta.db_table, model._meta.get_field(name).column


def organization_with_most_statements():
    return _first_public(Organization, _counts(Statement.objects.public(), "organization"))


def organization_with_most_cases():
    """Most records naming it, over every kind of record that names an organization
    (whole tables, not only public rows: a fair proxy for "most cases", read once)."""
    columns = [
        _column(appearance.rows.model, appearance.shows)
        for appearance in organization_appearances()
        if "__" not in appearance.shows  # a source's publisher: sources are few per record
    ]
    return _first_public(Organization, _top_in_tables(columns))


def person_with_most_statements():
    return _first_public(Person, _counts(Statement.objects.public(), "speaker"))


def person_with_most_cases():
    """Most parts in cases and records concerning them (whole tables, read once)."""
    columns = [_column(CaseSubject, "person")]
    columns += [_column(model.people.through, "person") for model in RECORD_MODELS]
    return _first_public(Person, _top_in_tables(columns))


def most_cited_source(reader: Client) -> int | None:
    """The source cited most that the API shows (a public source may be cited only by
    records the public does not see: the API's own answer decides)."""
    columns = [_column(model.sources.through, "source") for model in RECORD_MODELS]
    top = [pk for pk, _ in _top_in_tables(columns).most_common()]
    public = set(Source.objects.public().filter(pk__in=top).values_list("pk", flat=True))
    return next(
        (pk for pk in top if pk in public and reader.get(f"/api/sources/{pk}/").status_code == 200),
        None,
    )


def _split(url: str) -> tuple[str, dict]:
    parts = urlsplit(url)
    return parts.path, dict(parse_qsl(parts.query))


def sitemap_pages(reader: Client) -> list[str]:
    """The pages a sitemap index lists (none while /sitemap.xml is a single sitemap)."""
    text = reader.get("/sitemap.xml").content.decode()
    if "<sitemapindex" not in text:
        return []
    return re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", text)


def deep_cursor(reader: Client, name: str) -> tuple[str, dict] | None:
    """The `next` link CURSOR_HOPS pages into /api/<name>/, at the default page size."""
    url, params, found = f"/api/{name}/", {"page_size": 100}, None
    for _ in range(CURSOR_HOPS):
        response = reader.get(url, params)
        following = response.json().get("next") if response.status_code == 200 else None
        if not following:
            break
        url, params = _split(following)
        found = (url, params)
    if found:
        found[1].pop("page_size", None)
    return found


def deep_profile_page(reader: Client, url: str) -> tuple[str, dict] | None:
    """Page DEEP_PROFILE_PAGE of a profile's list, from the parameter its next link uses."""
    text = reader.get(url).content.decode()
    link = re.search(r'<a href="([^"]*)" rel="next"', text) or re.search(
        r'rel="next" href="([^"]*)"', text
    )
    if not link:
        return None
    path, params = _split(link.group(1).replace("&amp;", "&"))
    page = next((key for key, value in params.items() if value == "2"), None)
    if page is None:
        return None
    params[page] = str(DEEP_PROFILE_PAGE)
    path = path or url
    return (path, params) if reader.get(path, params).status_code == 200 else None


def validators(reader: Client, url: str) -> dict:
    """The request headers of a browser that holds a copy of `url`'s answer."""
    response = reader.get(url)
    return {
        header: response[name]
        for name, header in (("ETag", "if-none-match"), ("Last-Modified", "if-modified-since"))
        if response.has_header(name)
    }


def build(
    sample_case: Case, name_latin: str, name_cyrillic: str, wanted=lambda name: True
) -> dict[str, Scenario]:
    """Every scenario, in the order RESULTS.md lists them. URLs that take reading the
    site or the data to find are found only for the scenarios `wanted` names."""
    rare, medium, common = texts.RARE_TERM, texts.MEDIUM_TERM, texts.COMMON_TERM
    filters = {"host_country": "KZ", "kind": "appeal"}
    case_url = sample_case.get_absolute_url()
    found = {
        "home": Scenario("/"),
        "search_rare": Scenario("/cases/", {"q": rare}, naive_search(rare)),
        "search_rare_filtered": Scenario("/cases/", {"q": rare, **filters}),
        "search_medium": Scenario("/cases/", {"q": f'"{medium}"'}, naive_search(medium)),
        "search_medium_filtered": Scenario("/cases/", {"q": f'"{medium}"', **filters}),
        "search_common": Scenario("/cases/", {"q": common}, naive_search(common)),
        "search_common_filtered": Scenario("/cases/", {"q": common, **filters}),
        "search_common_deep": Scenario("/cases/", {"q": common, "page": "400"}),
        "name_same_script": Scenario("/cases/", {"q": name_latin}, naive_search(name_latin)),
        "name_cross_script": Scenario("/cases/", {"q": name_cyrillic}, naive_search(name_cyrillic)),
        "filter_only": Scenario("/cases/", {"host_country": "RU", "status": "detained"}),
        "filter_host": Scenario("/cases/", {"host_country": "KZ"}),
        "date_sort": Scenario("/cases/", {"sort": "date"}),
        "deep_page": Scenario("/cases/", {"page": "500"}, naive_search("", page=500)),
        "case_page": Scenario(case_url),
        "case_feed": Scenario(f"{case_url}feed/"),
        "feed": Scenario("/cases/feed/", {"q": common}),
        "feed_latest": Scenario("/cases/feed/"),
        "export_10k": Scenario(
            "/cases/export.csv",
            export_filters() if wanted("export_10k") else {},
            streamed=True,
            runs=3,
        ),
        "robots": Scenario("/robots.txt"),
        "sitemap_index": Scenario("/sitemap.xml"),
        # The public indexes (cases/directories.py): the first page, a name in the other
        # script, and a page far into the alphabet (keyset: as cheap as the first).
        "people_index": Scenario("/people/"),
        "people_index_name": Scenario("/people/", {"q": name_cyrillic}),
        "organizations_index": Scenario("/organizations/"),
        "organizations_index_name": Scenario("/organizations/", {"q": "Human Rights"}),
    }
    reader = client()
    pages = (
        sitemap_pages(reader) if wanted("sitemap_first_page") or wanted("sitemap_last_page") else []
    )
    if pages:
        found["sitemap_first_page"] = Scenario(*_split(pages[0]))
        found["sitemap_last_page"] = Scenario(*_split(pages[-1]))
    # The statement lists filtered by the heaviest speaker and organization.
    by_statements = {"organization_most_statements": "api_statements_by_organization",
                     "person_most_statements": "api_statements_by_speaker"}  # fmt: skip
    profiles = {
        name: choose()
        for name, choose in (
            ("organization_most_statements", organization_with_most_statements),
            ("organization_most_cases", organization_with_most_cases),
            ("person_most_statements", person_with_most_statements),
            ("person_most_cases", person_with_most_cases),
        )
        if any(map(wanted, (name, f"{name}_deep", f"api_{name}", by_statements.get(name))))
    }
    shown = set()
    for name, row in profiles.items():
        if row is None or row in shown:
            continue  # the same row as another scenario: measured once
        shown.add(row)
        prefix = "organizations" if isinstance(row, Organization) else "people"
        found[name] = Scenario(f"/{prefix}/{row.slug}/")
        deep = deep_profile_page(reader, found[name].url) if wanted(f"{name}_deep") else None
        if deep:
            found[f"{name}_deep"] = Scenario(*deep)
        found[f"api_{name}"] = Scenario(f"/api/{prefix}/{row.slug}/")
    found["api_root"] = Scenario("/api/")
    for name in API_LISTS:
        found[f"api_{name}"] = Scenario(f"/api/{name}/")
        deep = deep_cursor(client(), name) if wanted(f"api_{name}_deep") else None
        if deep:
            found[f"api_{name}_deep"] = Scenario(*deep)
    found["api_case"] = Scenario(f"/api/cases/{sample_case.slug}/")
    statement = Statement.objects.public().order_by("-pk").values_list("pk", flat=True).first()
    if statement:
        found["api_statement"] = Scenario(f"/api/statements/{statement}/")
    if profiles.get("organization_most_statements"):
        slug = profiles["organization_most_statements"].slug
        found["api_statements_by_organization"] = Scenario(
            "/api/statements/", {"organization": slug}
        )
    if profiles.get("person_most_statements"):
        slug = profiles["person_most_statements"].slug
        found["api_statements_by_speaker"] = Scenario("/api/statements/", {"speaker": slug})
    source = most_cited_source(client()) if wanted("api_source_most_cited") else None
    if source:
        found["api_source_most_cited"] = Scenario(f"/api/sources/{source}/")
    found["api_schema"] = Scenario("/api/schema/")
    found["api_docs"] = Scenario("/api/docs/")
    found["api_not_found"] = Scenario("/api/no-such-resource/", status=404)
    # A browser's revalidation of the hottest page, once responses carry validators.
    if wanted("case_page_revalidated") and (conditional := validators(reader, case_url)):
        found["case_page_revalidated"] = Scenario(case_url, status=304, headers=conditional)
    return found
