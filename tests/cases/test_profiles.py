"""Person and organization pages at any size: paginated newest first, counted, bounded."""

import datetime

import pytest
from django.db import connection

from cases import profiles
from cases.models import Statement

pytestmark = pytest.mark.django_db
# The same bound for a handful of statements and for thousands (which add an EXPLAIN to
# each list: their counts are the planner's estimate), plus the public version that every
# anonymous request reads first (core/conditional.py).
QUERIES = 1 + 10


@pytest.fixture
def speaking(make_case, make_organization, make_person):
    """An organization and a speaker with `count` public statements, one a day."""

    def make(count):
        case = make_case("Spoken about")
        organization = make_organization()
        speaker = make_person("Veronika Golston")
        day = datetime.date(2000, 1, 1)
        Statement.objects.bulk_create(
            Statement(
                case=case, organization=organization, speaker=speaker, visibility="public",
                made_on=day + datetime.timedelta(days=n), quote=f"Words number {n}.",
            )
            for n in range(count)
        )  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE cases_statement")  # the estimate reads the statistics
        return organization, speaker

    return make


def urls(organization, speaker):
    return [
        organization.get_absolute_url(), f"/api/organizations/{organization.slug}/",
        speaker.get_absolute_url(), f"/api/people/{speaker.slug}/",
    ]  # fmt: skip


@pytest.mark.parametrize("count", [5, 5000])
def test_profile_pages_run_the_same_bounded_queries_at_any_size(
    client, speaking, django_assert_max_num_queries, count
):
    for url in urls(*speaking(count)):
        with django_assert_max_num_queries(QUERIES):
            assert client.get(url).status_code == 200, url


def test_statements_are_paginated_newest_first_and_counted(client, speaking):
    organization, speaker = speaking(45)
    page = client.get(organization.get_absolute_url()).context["page"]
    quotes = [s.quote for s in page.statements.page.object_list]
    assert quotes == [f"Words number {n}." for n in range(44, 24, -1)]
    assert (page.statements.count, page.statements.exact) == (45, True)
    html = client.get(organization.get_absolute_url(), {"statements_page": 3}).content.decode()
    assert "Words number 0." in html and "Words number 5." not in html
    assert "45 public statements, newest first." in html
    assert 'href="?statements_page=2" rel="prev"' in html
    body = client.get(f"/api/people/{speaker.slug}/").json()
    assert len(body["statements"]) == 20
    assert body["statements"][0]["quote"] == "Words number 44."
    assert (body["statements_count"], body["statements_count_exact"]) == (45, True)
    assert body["statements_url"] == f"http://testserver/api/statements/?speaker={speaker.slug}"
    assert body["named_in"][0]["slug"] == "spoken-about"


def test_large_lists_are_estimated_and_stop_at_the_last_page_offered(client, speaking):
    organization, _speaker = speaking(profiles.COUNTED_UP_TO + 200)
    url = organization.get_absolute_url()
    page = client.get(url).context["page"]
    assert not page.statements.exact
    assert page.statements.count > profiles.COUNTED_UP_TO
    html = client.get(url, {"statements_page": 10_000}).content.decode()
    assert f"Page {profiles.MAX_PAGES} of {profiles.MAX_PAGES}" in html
    assert 'rel="next"' not in html
    assert f"/api/statements/?organization={organization.slug}" in html
    body = client.get(f"/api/organizations/{organization.slug}/").json()
    assert body["statements_count_exact"] is False
    assert body["cases_url"] == f"http://testserver/api/cases/?organization={organization.slug}"
