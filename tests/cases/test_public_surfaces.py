"""Person and organization pages, feeds and exports: public content only, bounded queries."""

import csv
import io
import json
from xml.etree import ElementTree

import pytest

from cases.models import Statement
from core.models import Visibility
from organizations.models import Affiliation, Organization
from people.models import NameVariant, Person
from tests.cases.sitemap_entries import sitemap_entries
from tests.conftest import SECRET

ATOM = "{http://www.w3.org/2005/Atom}"


def public_urls(case):
    people = [p.get_absolute_url() for p in Person.objects.public()]
    orgs = [o.get_absolute_url() for o in Organization.objects.public()]
    return [
        "/",
        "/cases/",
        "/cases/?q=Almaty",
        "/cases/?host_country=KZ&kind=detention",
        case.get_absolute_url(),
        f"{case.get_absolute_url()}feed/",
        "/cases/feed/",
        "/cases/feed/?q=Almaty",
        "/cases/export.csv",
        "/cases/export.json?q=Almaty",
        *people,
        *orgs,
    ]


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_no_public_surface_shows_private_data(client, story):
    for url in public_urls(story):
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET not in body(response), url


def test_private_people_and_organizations_are_not_found(client, story):
    for person in Person.objects.exclude(visibility=Visibility.PUBLIC):
        assert client.get(person.get_absolute_url()).status_code == 404
    for org in Organization.objects.exclude(visibility=Visibility.PUBLIC):
        assert client.get(org.get_absolute_url()).status_code == 404


def test_the_person_page_lists_names_roles_cases_and_statements(client, story, make_organization):
    man = Person.objects.get(display_name="Toirjon Abdussamatov")
    NameVariant.objects.create(
        person=man, text="Тоиржон Абдусаматов", language="ru", visibility=Visibility.PUBLIC
    )
    NameVariant.objects.create(person=man, text=f"{SECRET} alias")
    html = client.get(man.get_absolute_url()).content.decode()
    assert '<span lang="ru">Тоиржон Абдусаматов</span>' in html
    assert story.title in html
    assert SECRET not in html


def test_the_organization_page_lists_people_cases_and_statements(client, story):
    hrw = Organization.objects.get(acronym="HRW")
    speaker = Person.objects.create(
        display_name="Veronika Szente Golston", slug="szente-golston", visibility=Visibility.PUBLIC
    )
    Affiliation.objects.create(
        person=speaker,
        organization=hrw,
        role_title="Advocacy director",
        visibility=Visibility.PUBLIC,
    )
    Statement.objects.filter(organization=hrw).update(speaker=speaker)
    html = client.get(hrw.get_absolute_url()).content.decode()
    assert "Veronika Szente Golston" in html
    assert "a human tragedy" in html
    assert story.get_absolute_url() in html
    case_html = client.get(story.get_absolute_url()).content.decode()
    assert "Veronika Szente Golston</a>, Advocacy director" in case_html


def test_the_case_feed_lists_its_timeline(client, story):
    feed = ElementTree.fromstring(client.get(f"{story.get_absolute_url()}feed/").content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert titles[0] == "9 June 2011: Statement by Human Rights Watch (HRW)"
    assert "June 2010: Detained at Almaty detention centre" in titles


def test_a_search_feed_follows_the_query(client, story, make_case):
    make_case("Unrelated case in Turkey", host_country="TR")
    feed = ElementTree.fromstring(client.get("/cases/feed/?host_country=KZ").content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert titles == [story.title]


def test_exports_stream_every_match_with_permalinks(client, make_case):
    for number in range(30):
        make_case(f"Exported case {number}", tags=["a", "b"])
    response = client.get("/cases/export.csv")
    assert response.streaming
    rows = list(csv.DictReader(io.StringIO(body(response).lstrip("\ufeff"))))
    assert len(rows) == 30
    assert rows[0]["permalink"].startswith("http://testserver/cases/exported-case-")
    assert rows[0]["tags"] == "a; b"
    data = json.loads(body(client.get("/cases/export.json?q=exported")))
    assert len(data) == 30
    assert set(data[0]) >= {"permalink", "title", "status", "host_country"}
    assert "internal_notes" not in data[0]


def test_an_unknown_export_format_is_not_found(client, db):
    assert client.get("/cases/export.xml").status_code == 404


@pytest.mark.parametrize("count", [2, 20])
def test_profile_pages_have_bounded_queries(
    client, make_case, make_person, make_subject, django_assert_max_num_queries, count
):
    person = make_person()
    for number in range(count):
        make_subject(make_case(f"Case {number}"), person)
    with django_assert_max_num_queries(1 + 7):  # + the public version (core/conditional.py)
        assert client.get(person.get_absolute_url()).status_code == 200


def test_archived_rows_disappear_from_every_public_surface(client, story):
    person = Person.objects.get(display_name="Toirjon Abdussamatov")
    hrw = Organization.objects.get(acronym="HRW")
    person_url, hrw_url, case_url = (
        person.get_absolute_url(), hrw.get_absolute_url(), story.get_absolute_url(),
    )  # fmt: skip
    person.archive()
    hrw.archive()
    assert client.get(person_url).status_code == 404
    assert client.get(hrw_url).status_code == 404
    html = client.get(case_url).content.decode()
    assert "Toirjon Abdussamatov" not in html
    assert "Human Rights Watch" not in html
    assert client.get("/cases/", {"q": "Abdussamatov"}).context["results"].count == 0
    story.archive()
    assert client.get(case_url).status_code == 404
    assert client.get("/cases/").context["results"].count == 0
    story.restore()
    assert client.get(case_url).status_code == 200


def test_sitemap_lists_public_cases_and_robots_points_to_it(client, story, make_case):
    make_case("Draft case", slug="draft-case", state="draft")
    sitemap = [path for path, _ in sitemap_entries(client)]
    assert story.get_absolute_url() in sitemap
    assert "/cases/draft-case/" not in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    assert "Disallow: /admin/" in robots


def test_csv_exports_never_carry_a_live_formula(client, make_case):
    make_case('=HYPERLINK("http://evil.example","click")', slug="formula-case")
    rows = list(csv.DictReader(io.StringIO(body(client.get("/cases/export.csv")).lstrip("\ufeff"))))
    assert rows[0]["title"] == '\'=HYPERLINK("http://evil.example","click")'


def test_each_statement_has_an_anchor_on_its_case_page(client, story):
    statement = Statement.objects.get(case=story, visibility=Visibility.PUBLIC)
    html = client.get(story.get_absolute_url()).content.decode()
    assert f'id="statement-{statement.pk}"' in html
