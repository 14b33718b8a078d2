"""/people/ and /organizations/: public only, by name in any script, with case counts."""

import datetime

import pytest
from django.db import connection

from cases import directories
from cases.models import PublicationState, Statement
from core.models import Visibility
from organizations.models import Organization
from people.models import NameVariant

pytestmark = pytest.mark.django_db
# The public version (core/conditional.py), the folded query, the page of rows.
QUERIES = 1 + 4


@pytest.fixture
def shown(make_case, make_person, make_subject, make_organization):
    """Two people and an organization that a published case shows, and some it does not."""
    case = make_case("Dzhakishev v. Kazakhstan", slug="dzhakishev")
    man = make_person("Mukhtar Dzhakishev", slug="dzhakishev")
    NameVariant.objects.create(person=man, text="Мухтар Джакишев", visibility=Visibility.PUBLIC)
    NameVariant.objects.create(
        person=man, text="Secretname Alias", visibility=Visibility.CONFIDENTIAL
    )
    other = make_person("Rafshan Turaev", slug="turaev")
    make_subject(case, man)
    make_subject(case, other)
    police = make_organization("ОВД Хамовники", acronym="", slug="ovd-khamovniki")
    Statement.objects.create(
        case=case,
        organization=police,
        visibility=Visibility.PUBLIC,
        made_on=datetime.date(2011, 6, 9),
        quote="Held.",
    )
    make_organization("Unseen Ministry", acronym="", slug="unseen")  # on no case
    # Public by their own visibility, but on no published case: never listed.
    draft = make_case("Prepared", slug="prepared", state=PublicationState.DRAFT)
    make_subject(draft, make_person("Hidden Waiting", slug="waiting"))
    make_person("Confidential Person", slug="confidential", visibility=Visibility.CONFIDENTIAL)
    return case


def names(response):
    return [str(row.item) for row in response.context["directory"].rows]


def test_people_lists_only_people_shown_by_published_cases_by_name(client, shown):
    response = client.get("/people/")
    assert response.status_code == 200
    assert names(response) == ["Mukhtar Dzhakishev", "Rafshan Turaev"]
    assert [row.cases for row in response.context["directory"].rows] == [1, 1]
    html = response.content.decode()
    assert "Hidden Waiting" not in html and "Confidential Person" not in html


@pytest.mark.parametrize("query", ["Джакишев", "Djakishev", "dzhakishev mukhtar", "Мухтар"])
def test_people_are_found_in_any_script_and_order(client, shown, query):
    assert names(client.get("/people/", {"q": query})) == ["Mukhtar Dzhakishev"]


def test_a_confidential_spelling_never_finds_anyone(client, shown):
    assert names(client.get("/people/", {"q": "Secretname"})) == []


def test_organizations_are_public_only_and_found_across_scripts(client, shown):
    assert names(client.get("/organizations/")) == ["ОВД Хамовники"]
    assert names(client.get("/organizations/", {"q": "Khamovniki"})) == ["ОВД Хамовники"]
    assert names(client.get("/organizations/", {"q": "Unseen"})) == []


def test_pages_follow_by_name_and_counts_are_capped(client, shown, make_person, monkeypatch):
    monkeypatch.setattr(directories, "PER_PAGE", 1)
    monkeypatch.setattr(directories, "CASES_COUNTED_UP_TO", 0)
    first = client.get("/people/").context["directory"]
    assert first.next_link == "?after=dzhakishev"
    assert first.rows[0].capped
    second = client.get("/people/" + first.next_link)
    assert names(second) == ["Rafshan Turaev"]
    assert second.context["directory"].next_link == ""
    assert "1,000+" not in second.content.decode() and "0+" in second.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/people/",
        "/people/?q=Джакишев",
        "/organizations/",
        "/organizations/?q=Khamovniki",
        "/people/?after=dzhakishev",
    ],
)
def test_indexes_run_a_bounded_number_of_queries(client, shown, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(QUERIES):
        assert client.get(url).status_code == 200


def test_counts_of_rows_on_many_cases_are_estimated_from_the_statistics(client, shown, monkeypatch):
    [org] = Organization.objects.public()
    monkeypatch.setattr(directories, "common_shares", lambda column, ids: {org.pk: 0.5})
    monkeypatch.setattr(directories, "table_size", lambda: 4000)
    monkeypatch.setattr(directories, "CASES_COUNTED_UP_TO", 1000)
    response = client.get("/organizations/")
    [row] = response.context["directory"].rows
    assert (row.cases, row.estimated, row.capped) == (2000, True, False)
    assert "≈</abbr>2,000" in response.content.decode()
    # A common element the statistics put on few cases is counted exactly.
    monkeypatch.setattr(directories, "table_size", lambda: 10)
    [row] = client.get("/organizations/").context["directory"].rows
    assert (row.cases, row.estimated) == (1, False)


def test_the_statistics_of_the_arrays_are_read(shown):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cases_casesearch")
    [org] = Organization.objects.public()
    assert set(directories.common_shares("shown_organizations", [org.pk])) <= {org.pk}
