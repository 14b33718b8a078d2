"""The home page, the search's date sorts and deep pages, the feeds and the sitemap read
the big tables through indexes, in the order they show: no sort of all cases, no scan.

On a few test rows PostgreSQL would rightly prefer scanning and sorting, so each query a
page ran is explained with scans and sorts discouraged: a Sort or a sequential scan of the
cases or their documents that remains is one that no index can avoid, and at a million
cases it is what makes a page slow.
"""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Event, EventKind
from cases.search import results
from core.models import Visibility
from tests.cases.sitemap_entries import sitemap_pages

BIG_TABLES = {"cases_case", "cases_casesearch"}
# pghistory prefixes each request's first query with its context.
HISTORY_CONTEXT = re.compile(r"^SELECT set_config\('pghistory\..*?\);\s*", re.DOTALL)


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", ()):
        yield from _nodes(child)


def unindexed_steps(client, url: str) -> list[str]:
    """Each sequential scan of a big table, and each Sort of rows read from one (the few
    words of the name lexicon may be sorted), in the plans of `url`'s queries."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    found = []
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off; SET enable_sort = off")
        for query in captured.captured_queries:
            sql = HISTORY_CONTEXT.sub("", query["sql"])
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
            [[plan]] = cursor.fetchone()
            plan = json.loads(plan) if isinstance(plan, str) else plan
            for node in _nodes(plan["Plan"]):
                kind = node["Node Type"]
                below = {n.get("Relation Name") for n in _nodes(node)} & BIG_TABLES
                if ("Sort" in kind and below) or (kind == "Seq Scan" and below):
                    found.append(f"{kind} of {sorted(below)} in {sql[:300]}")
        cursor.execute("RESET enable_seqscan; RESET enable_sort")
    return found


@pytest.fixture
def published(make_case):
    return [make_case(f"Extradition case {n}", slug=f"case-{n}") for n in range(5)]


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/cases/?sort=date",
        "/cases/?sort=activity",
        "/cases/?q=extradition&sort=date",
        "/cases/?q=extradition&page=400",
        "/cases/feed/",
        "/cases/feed/?q=extradition",
        "/sitemap.xml",
    ],
)
def test_public_lists_read_through_indexes(client, published, url):
    assert unindexed_steps(client, url) == []


def test_sitemap_pages_read_through_indexes(client, published):
    for page in sitemap_pages(client):
        assert unindexed_steps(client, page) == []


def test_search_pages_stop_after_the_ranked_candidates(client, make_case, monkeypatch):
    """Deep pages cost what they skip: the last page served is the candidates' last."""
    monkeypatch.setattr(results, "RESULTS_PER_PAGE", 2)
    monkeypatch.setattr(results, "MAX_PAGE", 3)
    for n in range(10):
        make_case(f"Extradition case {n}", slug=f"case-{n}")
    response = client.get("/cases/", {"q": "extradition", "page": 400})
    page = response.context["results"].page
    assert page.number == 3
    assert not page.has_next()
    assert "Pages stop after the first 6 cases" in response.content.decode()
    previous = client.get("/cases/", {"q": "extradition", "page": 2}).content.decode()
    assert "Pages stop" not in previous


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


# Each bound counts the public version that every anonymous request reads first
# (core/conditional.py).
@pytest.mark.parametrize(
    ("url", "bound"),
    [("/", 5), ("/cases/feed/", 3), ("/cases/feed/?q=extradition", 4), ("/sitemap.xml", 2)],
)
def test_lists_run_as_many_queries_for_many_cases_as_for_few(client, make_case, url, bound):
    for n in range(3):
        make_case(f"Extradition case {n}", slug=f"case-{n}")
    few = _queries(client, url)
    for n in range(3, 60):
        make_case(f"Extradition case {n}", slug=f"case-{n}")
    # (A query matching fewer than 10 cases also looks up similar names: one more.)
    assert _queries(client, url) <= few <= bound


def test_the_case_feed_runs_as_many_queries_for_many_records_as_for_few(client, make_case):
    case = make_case("Extradition case", slug="extradition-case")

    def add_events(count):
        for day in range(count):
            Event.objects.create(
                case=case,
                kind=EventKind.HEARING,
                started_on=datetime.date(2010, 1, 1) + datetime.timedelta(days=day),
                visibility=Visibility.PUBLIC,
            )

    add_events(2)
    few = _queries(client, "/cases/extradition-case/feed/")
    add_events(60)
    assert _queries(client, "/cases/extradition-case/feed/") == few
