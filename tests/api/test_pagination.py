"""Cursor pagination: every row once, in the listing's own order, both ways, whatever changes."""

import base64
import datetime
import json
import zlib
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing

from cases.models import Event, EventKind, Statement
from core.models import Visibility

D = datetime.date
pytestmark = pytest.mark.django_db


def walk(client, url, params, direction="next"):
    """Every page from `url`, following `direction` links: (slugs or ids, last response)."""
    seen, pages = [], 0
    response = client.get(url, params)
    while True:
        assert response.status_code == 200, response.json()
        body = response.json()
        seen += [row.get("slug", row.get("id")) for row in body["results"]]
        pages += 1
        if not body[direction]:
            return seen, body, pages
        response = client.get(body[direction])


@pytest.fixture
def many_cases(make_case, make_organization):
    """Cases with equal texts (relevance ties), shared dates and no dates (NULLs)."""
    cases = []
    for number in range(13):
        case = make_case(f"Extradition threat {number:02}", host_country="KZ")
        if number % 3:
            Event.objects.create(
                case=case, kind=EventKind.HEARING, title="Hearing on extradition",
                started_on=D(2010, 1 + number % 4, 1), visibility=Visibility.PUBLIC,
            )  # fmt: skip
        cases.append(case)
    return cases


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"sort": "date"},
        {"sort": "activity"},
        {"q": "extradition"},
        {"q": "extradition hearing"},
        {"q": "extradition", "sort": "date"},
    ],
    ids=str,
)
def test_walking_the_cases_shows_each_once_in_order(client, many_cases, params):
    everything = [c["slug"] for c in client.get("/api/cases/", {**params, "page_size": 100})
                  .json()["results"]]  # fmt: skip
    assert len(everything) == (8 if "hearing" in params.get("q", "") else 13)
    forward, last, pages = walk(client, "/api/cases/", {**params, "page_size": 4})
    assert forward == everything
    assert pages == -(-len(everything) // 4)
    # And back again from the last page.
    backward_pages = []
    response = client.get(last["previous"]) if last["previous"] else None
    while response is not None:
        body = response.json()
        backward_pages.insert(0, [row["slug"] for row in body["results"]])
        response = client.get(body["previous"]) if body["previous"] else None
    assert [slug for page in backward_pages for slug in page] == everything[: -len(last["results"])]


def test_rows_added_between_pages_do_not_shift_the_next_page(client, many_cases, make_case):
    first = client.get("/api/cases/", {"page_size": 5, "sort": "date"}).json()
    before = [c["slug"] for c in client.get("/api/cases/", {"sort": "date", "page_size": 100})
              .json()["results"]]  # fmt: skip
    # A case that sorts before the cursor, and one of the first page gone.
    earlier = make_case("Aaa new case", host_country="KZ")
    Event.objects.create(
        case=earlier, kind=EventKind.HEARING, title="Early hearing", started_on=D(2000, 1, 1),
        visibility=Visibility.PUBLIC,
    )  # fmt: skip
    many_cases[int(first["results"][0]["slug"][-2:])].archive()
    second = client.get(first["next"]).json()
    assert [c["slug"] for c in second["results"]] == before[5:10]


def test_people_organizations_statements_and_sources_are_paginated(
    client, story, make_person, make_organization, make_source
):
    for number in range(7):
        person = make_person(f"Person {number}")
        group = make_organization(f"Group {number}", acronym="")
        source = make_source(
            f"Report {number}", published_on=D(2011, 1, 1 + number % 2), publisher=group
        )
        statement = Statement.objects.create(
            case=story, organization=story.statements.first().organization,
            made_on=D(2011, 1, 1 + number % 3), quote=f"Words {number}",
            visibility=Visibility.PUBLIC,
        )  # fmt: skip
        statement.sources.add(source)
        statement.people.add(person)  # Public only through the case that shows them.
    for url, total in [
        # Story: Toirjon (Dilbek's part in it is internal, the wife is hidden) and 7 more.
        ("/api/people/", 8),
        ("/api/organizations/", 8),  # HRW and the 7 publishers; the hidden court is not listed.
        ("/api/statements/", 8),
        ("/api/sources/", 8),  # Cited: the story's release and the 7 reports.
    ]:
        seen, _, pages = walk(client, url, {"page_size": 3})
        assert len(seen) == len(set(seen)) == total, url
        assert pages == -(-total // 3)


@pytest.mark.parametrize(
    "cursor",
    ["abc", "", "eyJ9:1:2", signing.dumps({"o": "x", "r": False, "k": []}, salt="other")],
    ids=["garbage", "empty", "unsigned", "signed-elsewhere"],
)
def test_a_forged_cursor_is_a_404(client, many_cases, cursor):
    response = client.get("/api/cases/", {"cursor": cursor})
    assert response.status_code == 404
    assert response.json()["detail"].startswith("Invalid cursor")


def cursor_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["cursor"][0]


def test_a_cursor_of_another_listing_or_order_is_a_404(client, many_cases):
    cursor = cursor_of(client.get("/api/cases/", {"page_size": 2, "sort": "date"}).json()["next"])
    assert client.get("/api/cases/", {"sort": "date", "cursor": cursor}).status_code == 200
    for url, params in [
        ("/api/cases/", {"sort": "activity"}),
        ("/api/cases/", {"q": "extradition"}),
        ("/api/people/", {}),
    ]:
        response = client.get(url, {**params, "cursor": cursor})
        assert response.status_code == 404, (url, params)


def test_cursors_carry_no_internal_id(client, many_cases):
    token = cursor_of(client.get("/api/cases/", {"page_size": 2}).json()["next"])
    payload = token.split(":")[0]
    raw = base64.urlsafe_b64decode(payload.lstrip(".") + "==")
    data = json.loads(zlib.decompress(raw) if payload.startswith(".") else raw)
    values = [value for _kind, value in data["k"]]
    assert values[-1] in {case.slug for case in many_cases}
    assert not {case.pk for case in many_cases} & {v for v in values if isinstance(v, int)}
