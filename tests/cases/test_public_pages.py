"""The first public pages: only published cases, only public records, people and sources."""

import datetime

import pytest

from cases.models import (
    Detention,
    Event,
    EventKind,
    PublicationState,
)
from core.models import Visibility
from tests.conftest import SECRET

D = datetime.date


def test_the_case_page_tells_the_public_story_in_date_order(client, story):
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    order = [html.index(text) for text in ("June 2010", "1 March 2011", "9 June 2011")]
    assert order == sorted(order)
    assert "Detained at Almaty detention centre" in html
    assert "a human tragedy" in html
    assert "Toirjon Abdussamatov" in html
    assert "Forced returns to Uzbekistan illegal" in html
    assert 'href="#source-1"' in html


def test_nothing_private_reaches_the_public_pages(client, story):
    for url in ("/", "/cases/", story.get_absolute_url()):
        html = client.get(url).content.decode()
        assert SECRET not in html, url
        assert "Dilbek Karimov" not in html, url


@pytest.mark.parametrize(
    "state", [PublicationState.DRAFT, PublicationState.IN_REVIEW, PublicationState.WITHDRAWN]
)
def test_an_unpublished_case_is_not_found(client, make_case, state):
    case = make_case(f"{SECRET} case", state=state)
    assert client.get(case.get_absolute_url()).status_code == 404
    for url in ("/", "/cases/"):
        assert SECRET not in client.get(url).content.decode()


def test_a_missing_case_is_not_found(client, db):
    assert client.get("/cases/no-such-case/").status_code == 404


def test_the_list_shows_published_cases_with_links(client, make_case):
    published = make_case("Published case")
    make_case("Draft case", state=PublicationState.DRAFT)
    html = client.get("/cases/").content.decode()
    assert published.get_absolute_url() in html
    assert "Draft case" not in html
    assert "1 case found" in html


def test_a_bad_page_number_is_not_an_error(client, make_case):
    make_case()
    assert client.get("/cases/?page=abc").status_code == 200
    assert client.get("/cases/?page=99999").status_code == 200


def add_records(case, person, source, count):
    for day in range(1, count + 1):
        detention = Detention.objects.create(
            case=case, started_on=D(2010, 1, day), visibility=Visibility.PUBLIC
        )
        detention.people.set([person])
        detention.sources.set([source])


@pytest.mark.parametrize("count", [2, 20])
def test_the_case_page_query_count_does_not_grow_with_records(
    client, make_case, make_person, make_source, django_assert_max_num_queries, count
):
    case = make_case()
    add_records(case, make_person(), make_source(), count)
    # The public version, the case, its subjects, then for its one kind of record (the
    # search document lists the kinds present): rows, public people, public sources.
    with django_assert_max_num_queries(1 + 2 + 3):
        assert client.get(case.get_absolute_url()).status_code == 200


def test_the_case_page_shows_each_kind_its_document_lists(client, make_case, make_source):
    case = make_case()
    source = make_source()
    detention = Detention.objects.create(
        case=case, started_on=D(2010, 1, 5), place="Karaganda remand", visibility=Visibility.PUBLIC
    )
    detention.sources.set([source])
    Event.objects.create(
        case=case,
        kind=EventKind.PROTEST,
        started_on=D(2010, 2, 1),
        title="Hunger strike began",
        visibility=Visibility.PUBLIC,
    )
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Karaganda remand" in page and "Hunger strike began" in page
    Event.objects.update(visibility=Visibility.INTERNAL)  # hidden: the document drops "event"
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Karaganda remand" in page and "Hunger strike began" not in page


@pytest.mark.parametrize("count", [2, 40])
def test_the_list_query_count_does_not_grow_with_cases(
    client, make_case, django_assert_max_num_queries, count
):
    for number in range(count):
        make_case(f"Case {number}")
    # The public version (core/conditional.py), table size, the sampled counts, the page's
    # ids and rows, the organizations' names.
    with django_assert_max_num_queries(1 + 9):
        assert client.get("/cases/").status_code == 200
    # The public version, latest cases, table size, the sampled counts, the host countries.
    with django_assert_max_num_queries(1 + 4):
        assert client.get("/").status_code == 200
