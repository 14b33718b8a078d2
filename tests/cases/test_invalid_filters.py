"""A filter value the search page cannot use is named, with its choices, and shows no cases."""

from html import unescape

import pytest
from django.utils.html import escape

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(make_case):
    return make_case("Gerasimov v. Kazakhstan", slug="gerasimov-v-kazakhstan")


def test_an_unknown_record_kind_is_named_with_the_valid_choices(client, published):
    response = client.get("/cases/", {"kind": "un_treaty_body", "q": "Kazakhstan"})
    assert response.status_code == 400  # as the API answers
    html = unescape(response.content.decode())
    assert "“un_treaty_body” is not a valid value" in html
    assert "Records present" in html
    # Each valid choice is a link to the same search with the value replaced.
    (invalid,) = response.context["invalid_filters"]
    urls = {choice.url for choice in invalid.choices}
    assert "?kind=appeal%3Aun_treaty_body&q=Kazakhstan" in urls
    assert (
        f'href="{escape("?kind=appeal%3Aun_treaty_body&q=Kazakhstan")}"'
        in response.content.decode()
    )
    assert "Search without this filter" in html
    # No list of cases that would read as the filtered one.
    assert published.title not in html
    assert "case-list" not in html


def test_the_link_without_the_filter_keeps_the_valid_values(client, published):
    response = client.get("/cases/?kind=extradition&kind=nonsense&q=Gerasimov")
    (invalid,) = response.context["invalid_filters"]
    assert invalid.values == ["nonsense"]
    assert invalid.without_url == "?kind=extradition&q=Gerasimov"
    assert client.get("/cases/" + invalid.without_url).status_code == 200


def test_a_bad_date_says_what_is_expected(client, published):
    response = client.get("/cases/", {"date_from": "June 2010"})
    assert response.status_code == 400
    (invalid,) = response.context["invalid_filters"]
    assert invalid.label == "Events from"
    assert "2010-06-09" in invalid.expected


def test_a_valid_search_still_shows_its_cases(client, published):
    response = client.get("/cases/", {"q": "Gerasimov"})
    assert response.status_code == 200
    assert response.context["invalid_filters"] == []
    assert published.title in response.content.decode()
