"""API lists read an index in their cursor's order, first page and deep pages alike;
/api/statements/ filters by organization and speaker; the schema is made once."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from drf_spectacular.generators import SchemaGenerator

from cases.api import schema
from cases.models import Detention, Statement
from core.models import Visibility

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def records(story, make_person, make_organization, make_source):
    """Public statements and cited sources on the story, some sources undated."""
    amnesty = make_organization("Amnesty International", acronym="AI")
    speaker = make_person("Veronika Szente Goldston")
    detention = story.detentions.get()
    for number in range(6):
        statement = Statement.objects.create(
            case=story, organization=amnesty, speaker=speaker if number % 2 else None,
            made_on=D(2011, 1 + number % 3, 1), quote=f"Words {number}",
            visibility=Visibility.PUBLIC,
        )  # fmt: skip
        dated = number % 3 != 0
        source = make_source(f"Report {number}", published_on=D(2012, 1, 1) if dated else None)
        statement.sources.add(source)
    # A public source cited only by an internal record is not listed.
    internal = Detention.objects.create(case=story, started_on=D(2010, 1, 1))
    internal.sources.add(make_source("Only internally cited"))
    return amnesty, speaker, detention


def _plan(sql: str) -> str:
    """The plan PostgreSQL finds when scanning a whole table or sorting it is out of the
    question (as on a large one): a Sort left in it means no index gives the order."""
    if sql.startswith("SELECT set_config("):  # pghistory's context, sent with the query
        sql = sql.split("; ", 1)[1]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan; RESET enable_sort")
    return plan


def _main_query(client, url, table):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    sql = next(q["sql"] for q in queries if f'FROM "{table}"' in q["sql"] and "LIMIT" in q["sql"])
    return response.json(), _plan(sql)


LISTS = {
    "/api/statements/": ("cases_statement", "statement_public_latest", "made_on"),
    "/api/sources/": ("cases_source", "source_public_latest", "published_on"),
    "/api/organizations/": ("organizations_organization", "organization_public_name_order", "name"),
    "/api/people/": ("people_person", "person_public_name_order", "display_name"),
}


@pytest.mark.parametrize("url", LISTS)
def test_each_list_walks_its_index_in_order_from_the_first_and_a_deep_page(
    client, records, make_person, make_organization, make_subject, url
):
    for number in range(3):
        make_subject(records[0].statements.first().case, make_person(f"Person {number}"))
    table, index, leading = LISTS[url]
    body, plan = _main_query(client, f"{url}?page_size=1", table)
    assert index in plan and "Sort" not in plan, plan
    body, plan = _main_query(client, body["next"], table)
    assert index in plan and "Sort" not in plan, plan
    # The cursor's position bounds the index scan (Index Cond), not a filter over every
    # row before it.
    scan = plan.split(f"using {index}", 1)[1].split("->", 1)[0]
    assert "Index Cond" in scan and leading in scan.split("Index Cond", 1)[1], plan


def _walk(client, url, direction="next"):
    seen, body = [], client.get(url).json()
    while True:
        seen += [row["id"] for row in body["results"]]
        if not body[direction]:
            return seen, body
        body = client.get(body[direction]).json()


def test_sources_walk_each_once_latest_first_and_undated_last_both_ways(client, records):
    every = client.get("/api/sources/", {"page_size": 100}).json()["results"]
    dates = [source["published_on"] for source in every]
    assert dates == sorted(d for d in dates if d)[::-1] + [None] * dates.count(None)
    assert dates.count(None) == 2 and "Only internally cited" not in {s["title"] for s in every}
    ids = [source["id"] for source in every]
    forward, last = _walk(client, "/api/sources/?page_size=2")
    assert forward == ids
    backward, _ = _walk(client, last["previous"], "previous")
    # Walking back from the last page gives each earlier page, pages in reverse.
    assert sorted(backward) == sorted(ids[: len(ids) - len(last["results"])])


def test_statements_filter_by_organization_and_speaker(client, records, story):
    amnesty, speaker, _ = records
    by_amnesty = client.get("/api/statements/", {"organization": amnesty.slug, "page_size": 100})
    assert by_amnesty.status_code == 200
    rows = by_amnesty.json()["results"]
    assert len(rows) == 6 and {row["organization"]["slug"] for row in rows} == {amnesty.slug}
    assert [row["made_on"] for row in rows] == sorted(
        (row["made_on"] for row in rows), reverse=True
    )
    by_speaker = client.get("/api/statements/", {"speaker": speaker.slug}).json()["results"]
    assert len(by_speaker) == 3 and {row["speaker"]["slug"] for row in by_speaker} == {speaker.slug}
    both = client.get(
        "/api/statements/", {"speaker": speaker.slug, "organization": "human-rights-watch"}
    )
    assert both.json()["results"] == []


@pytest.mark.parametrize(
    "params",
    [
        {"organization": "no-such-body"},
        {"speaker": "dilbek-karimov"},  # public himself, but no published case shows him
        {"organization": "secret-marker-court"},  # internal
    ],
    ids=str,
)
def test_statements_filter_refuses_a_slug_the_public_may_not_see(client, records, params):
    response = client.get("/api/statements/", params)
    assert response.status_code == 400
    assert set(response.json()) == set(params)


def test_the_schema_is_made_once_per_process_and_format(client, monkeypatch):
    made = []
    original = SchemaGenerator.get_schema

    def counting(self, *args, **kwargs):
        made.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SchemaGenerator, "get_schema", counting)
    monkeypatch.setattr(schema, "_MADE", {})
    first = client.get("/api/schema/")
    again = client.get("/api/schema/")
    assert first.content == again.content and len(made) == 1
    assert again["Content-Type"] == first["Content-Type"]
    as_json = client.get("/api/schema/", {"format": "json"})
    assert as_json.json()["openapi"].startswith("3.") and len(made) == 2
    client.get("/api/schema/", {"format": "json"})
    assert len(made) == 2
    # An unknown version or language is not kept: no query string grows the memory.
    client.get("/api/schema/", {"version": "x1"})
    client.get("/api/schema/", {"version": "x2"})
    assert len(made) == 4 and len(schema._MADE) == 2
