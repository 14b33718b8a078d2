"""/api/cases/: the search of /cases/ as JSON, and each public case page whole."""

import datetime

import pytest

from cases.models import Case, Event, EventKind, PublicationState, Statement
from cases.search import ranking
from cases.selectors import public_case_page
from core.models import Visibility
from people.models import NameVariant, Person
from tests.conftest import SECRET

D = datetime.date
pytestmark = pytest.mark.django_db


def results(client, **params):
    response = client.get("/api/cases/", {"page_size": 100, **params})
    assert response.status_code == 200, response.json()
    assert response["Content-Type"] == "application/json"
    return response.json()["results"]


def slugs(client, **params):
    return [case["slug"] for case in results(client, **params)]


def page_slugs(client, **params):
    """The slugs the HTML search shows for the same query, in its order."""
    response = client.get("/cases/", params)
    return [doc.case.slug for doc in response.context["results"].page.object_list]


@pytest.fixture
def cases(story, make_case, make_organization):
    """The story (KZ, HRW statement, Abdussamatov) and a few others with dated events."""
    amnesty = make_organization("Amnesty International", acronym="AI")
    others = []
    for number, (host, day) in enumerate(
        [("RU", D(2012, 3, 1)), ("TR", D(2009, 5, 1)), ("KZ", D(2013, 1, 1)), ("RU", None)]
    ):
        case = make_case(f"Extradition threat {number}", host_country=host, status="detained")
        if day:
            Event.objects.create(
                case=case, kind=EventKind.HEARING, title=f"Hearing {number}", started_on=day,
                visibility=Visibility.PUBLIC,
            )  # fmt: skip
        others.append(case)
    Statement.objects.create(
        case=others[0], organization=amnesty, made_on=D(2012, 3, 2), summary="Release them.",
        visibility=Visibility.PUBLIC,
    )  # fmt: skip
    NameVariant.objects.create(
        person=Person.objects.get(slug="toirjon-abdussamatov"),
        text="Тоиржон Абдусаматов",
        visibility=Visibility.PUBLIC,
    )
    return [story, *others]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "Абдусаматов"},
        {"q": "Abdusamatov"},
        {"q": "extradition"},
        {"q": "threat -hearing"},
        {"host_country": "KZ"},
        {"host_country": ["KZ", "TR"]},
        {"status": "detained"},
        {"kind": "statement"},
        {"kind": "event"},
        {"organization": "amnesty-international"},
        {"organization": ["human-rights-watch", "amnesty-international"]},
        {"date_from": "2011-01-01", "date_to": "2012-12-31"},
        {"date_to": "2010-01-01"},
        {"sort": "date"},
        {"sort": "activity", "q": "extradition"},
        {"sort": "relevance"},
    ],
    ids=str,
)
def test_the_list_is_the_html_search(client, cases, params):
    api = slugs(client, **params)
    assert api == page_slugs(client, **params)
    assert len(api) == len(set(api))


def test_relevance_ranks_the_most_recent_of_a_large_set_as_the_page_does(
    client, cases, monkeypatch
):
    """One ranking policy (cases/search/ranking.py): above the candidates, the most recently
    active are ranked, the rest follow latest first, on the page and in the API alike."""
    # The oldest case mentions extradition most: first by relevance, not by activity.
    Case.objects.filter(pk=cases[2].pk).update(summary="Extradition, extradition, extradition.")
    ranked = slugs(client, q="extradition")
    assert ranked[0] == cases[2].slug
    latest = slugs(client, q="extradition", sort="activity")
    assert ranked != latest
    # Candidates: the matches more recently active than the most relevant one.
    monkeypatch.setattr(ranking, "RANKED_CANDIDATES", latest.index(cases[2].slug))
    recent_ranked = slugs(client, q="extradition")
    assert recent_ranked == page_slugs(client, q="extradition")
    assert sorted(recent_ranked) == sorted(ranked)
    # The others follow the ranked candidates, latest activity first.
    assert recent_ranked[ranking.RANKED_CANDIDATES :] == latest[ranking.RANKED_CANDIDATES :]
    assert recent_ranked != ranked
    monkeypatch.setattr(ranking, "RANKED_CANDIDATES", len(ranked))
    assert slugs(client, q="extradition") == ranked


def test_filters_narrow_the_list(client, cases):
    story = cases[0]
    assert slugs(client, q="Abdusamatov") == [story.slug]
    assert set(slugs(client, host_country="RU")) == {cases[1].slug, cases[4].slug}
    assert slugs(client, organization="human-rights-watch") == [story.slug]
    assert slugs(client, date_from="2013-01-01") == [cases[3].slug]
    # Latest activity first, cases without any dated record last.
    assert slugs(client)[-1] == cases[4].slug
    assert slugs(client)[0] == cases[3].slug


def test_list_items_hold_public_fields_and_a_permalink(client, story, settings):
    [item] = results(client)
    assert set(item) == {
        "slug", "title", "summary", "status", "host_country", "origin_country",
        "people_count", "charges", "tags", "updated_at", "permalink",
    }  # fmt: skip
    assert item["permalink"] == f"http://testserver/cases/{story.slug}/"
    assert item["host_country"] == "KZ"
    settings.SITE_URL = "https://cases.example.org/"
    assert results(client)[0]["permalink"] == f"https://cases.example.org/cases/{story.slug}/"


@pytest.mark.parametrize(
    ("params", "bad"),
    [
        ({"host_country": "ZZ"}, ("host_country",)),
        ({"status": "happy", "kind": "picnic"}, ("status", "kind")),
        ({"date_from": "2011-02-30", "date_to": "soon"}, ("date_from", "date_to")),
        ({"sort": "best"}, ("sort",)),
        ({"organization": "no-such-org"}, ("organization",)),
        ({"q": "a\x00b"}, ("q",)),
        ({"page_size": "0"}, ("page_size",)),
        ({"page_size": "101"}, ("page_size",)),
        ({"page_size": "ten"}, ("page_size",)),
    ],
    ids=str,
)
def test_bad_values_answer_400_naming_each_parameter(client, story, params, bad):
    response = client.get("/api/cases/", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == set(bad)
    assert all(isinstance(m, str) and m for messages in body.values() for m in messages)


def test_a_hidden_organization_is_refused_like_a_missing_one(client, story, make_organization):
    make_organization("Hidden ministry", acronym="", visibility=Visibility.INTERNAL)
    hidden = client.get("/api/cases/", {"organization": "hidden-ministry"}).json()
    missing = client.get("/api/cases/", {"organization": "never-existed"}).json()
    assert hidden["organization"][0].replace("hidden-ministry", "X") == missing["organization"][
        0
    ].replace("never-existed", "X")


def test_a_case_page_is_the_public_page(client, story):
    response = client.get(f"/api/cases/{story.slug}/")
    assert response.status_code == 200
    body = response.json()
    page = public_case_page(story.slug)
    assert body["case"]["slug"] == story.slug
    assert [item["label"] for item in body["timeline"]] == [i.entry.label for i in page.timeline]
    assert [item["date"] for item in body["timeline"]] == [
        i.entry.date.isoformat() for i in page.timeline
    ]
    assert body["timeline"][0]["date_display"] == "June 2010"
    assert body["timeline"][0]["kind"] == "detention"
    assert [s["id"] for s in body["sources"]] == [s.pk for s in page.sources]
    assert [s["number"] for s in body["sources"]] == list(range(1, len(page.sources) + 1))
    assert body["sources"][0]["permalink"] == f"http://testserver/cases/{story.slug}/#source-1"
    [statement] = body["statements"]
    assert statement["quote"] == "a human tragedy"
    assert statement["organization"]["slug"] == "human-rights-watch"
    assert statement["citations"] == [1]
    assert [s["person"]["display_name"] for s in body["subjects"]] == ["Toirjon Abdussamatov"]
    assert len(body["proceedings"]) == 1
    assert body["proceedings"][0]["kind"] is None  # The appeal's court is not public.


def test_nothing_private_reaches_the_case_json(client, story):
    for url in (
        "/api/cases/",
        f"/api/cases/{story.slug}/",
        "/api/people/",
        "/api/organizations/",
        "/api/statements/",
        "/api/sources/",
    ):
        text = client.get(url).content.decode()
        assert SECRET not in text, url


@pytest.mark.parametrize("state", [PublicationState.DRAFT, PublicationState.WITHDRAWN, "archived"])
def test_a_hidden_case_answers_like_a_missing_one(client, make_case, state):
    case = make_case("Hidden case", state=state if state != "archived" else "published")
    if state == "archived":
        case.archive()
    missing = client.get("/api/cases/never-existed/")
    hidden = client.get(f"/api/cases/{case.slug}/")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json() == {"detail": "No Case matches the given query."}
    assert slugs(client) == []


def test_unknown_addresses_answer_json_404(client):
    for url in ("/api/nothing/", "/api/cases/a/b/", "/api/statements/abc/"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}
    assert client.get("/api/cases").status_code == 301  # APPEND_SLASH still works.


def test_writing_is_not_allowed(client, story):
    for url in ("/api/cases/", f"/api/cases/{story.slug}/", "/api/statements/"):
        response = client.post(url, {"title": "x"})
        assert response.status_code == 405
        assert response.json()["detail"]
        assert "GET" in response["Allow"]
