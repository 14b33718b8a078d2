"""Public responses carry validators from the public version; a repeated request is
answered 304 before the view runs; staff responses are never stored."""

import datetime

import pytest
from django.db import connection
from django.utils.http import http_date

from cases.models import Statement
from core import public_version
from core.models import Visibility

CASE = "/cases/uzbek-asylum-seekers-in-almaty/"


def settle_version(seconds_ago=60):
    """Put the version's second in the past (many commits in one second push it ahead,
    and Last-Modified is withheld while it is in the future). Inside the test's own
    transaction: the version table bumps nothing itself."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_public_version SET changed_at = "
            "date_trunc('second', now()) - make_interval(secs => %s)",
            [seconds_ago],
        )
    return public_version.current()


def test_a_repeated_request_is_answered_304_in_one_query(
    client, story, django_assert_num_queries, django_assert_max_num_queries
):
    version = settle_version()
    first = client.get(CASE)
    assert first.status_code == 200
    assert first["ETag"].startswith('W/"')
    assert first["Last-Modified"] == http_date(version.changed_at.timestamp())
    assert first["Cache-Control"] == "public, no-cache"
    vary = {h.strip() for h in first["Vary"].split(",")}
    assert {"Accept", "Accept-Language", "Cookie"} <= vary

    with django_assert_num_queries(1):  # The version, and nothing of the view.
        again = client.get(CASE, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert (again["ETag"], again["Cache-Control"]) == (first["ETag"], first["Cache-Control"])
    with django_assert_num_queries(1):
        by_date = client.get(CASE, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304
    # A list of tags, weak or strong, as browsers and caches send them.
    other = first["ETag"].removeprefix("W/")
    assert client.get(CASE, HTTP_IF_NONE_MATCH=f'"x", {other}').status_code == 304
    with django_assert_max_num_queries(50):
        assert client.get(CASE, HTTP_IF_NONE_MATCH='"x"').status_code == 200


def test_if_modified_since_must_name_the_current_second_exactly(client, story):
    version = settle_version()
    stamp = version.changed_at.timestamp()
    for other in (stamp - 1, stamp + 1, stamp + 86400):
        # "Not modified since a later date" would let a client's own clock hide a change.
        assert client.get(CASE, HTTP_IF_MODIFIED_SINCE=http_date(other)).status_code == 200
    # Beside If-None-Match, If-Modified-Since is ignored (RFC 9110).
    response = client.get(CASE, HTTP_IF_NONE_MATCH='"x"', HTTP_IF_MODIFIED_SINCE=http_date(stamp))
    assert response.status_code == 200


def test_no_last_modified_while_the_version_second_is_ahead(client, story):
    settle_version(seconds_ago=-30)  # 30 seconds ahead: a burst of commits.
    response = client.get(CASE)
    assert response.status_code == 200
    assert "ETag" in response
    assert "Last-Modified" not in response


def test_tags_differ_by_url_and_by_the_headers_responses_vary_on(client, story):
    def tag(url, **headers):
        return client.get(url, **headers)["ETag"]

    base = tag("/cases/?q=Almaty")
    assert base == tag("/cases/?q=Almaty")
    assert base != tag("/cases/?q=Karimov")
    assert base != tag("/cases/?q=Almaty", HTTP_ACCEPT_LANGUAGE="ru")
    assert base != tag("/cases/?q=Almaty", HTTP_COOKIE="django_language=ru")
    assert base != tag("/cases/?q=Almaty", HTTP_HOST="localhost")


@pytest.mark.django_db(transaction=True)
def test_a_committed_change_gives_every_url_a_new_tag(client, story):
    urls = [CASE, "/", "/api/cases/", f"/api{CASE}", "/cases/feed/", "/sitemap.xml"]
    tags = {url: client.get(url)["ETag"] for url in urls}
    assert all(client.get(u, HTTP_IF_NONE_MATCH=t).status_code == 304 for u, t in tags.items())
    # Hidden in one committed statement (autocommit), as a publisher's action would.
    Statement.objects.filter(case=story).update(visibility=Visibility.INTERNAL)
    for url, old in tags.items():
        response = client.get(url, HTTP_IF_NONE_MATCH=old)
        assert response.status_code == 200, url
        assert response["ETag"] != old
    assert b"a human tragedy" not in client.get(CASE, HTTP_IF_NONE_MATCH=tags[CASE]).content


def test_a_shared_cache_lifetime_comes_from_the_setting(client, story, settings):
    settings.PUBLIC_CACHE_MAX_AGE = 30
    response = client.get(CASE)
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate, s-maxage=30"


def test_errors_get_cache_control_but_no_validator(client, story):
    response = client.get("/cases/no-such-case/")
    assert response.status_code == 404
    assert response["Cache-Control"] == "public, no-cache"
    assert "ETag" not in response and "Last-Modified" not in response


def test_staff_get_no_store_and_no_validator(client, story, staff_user):
    anonymous = client.get(CASE)
    staff = staff_user(["Editor"])
    for url in (CASE, "/", "/api/cases/", "/admin/"):
        response = staff.get(url, HTTP_IF_NONE_MATCH=anonymous["ETag"])
        assert response.status_code in (200, 302), url
        assert "no-store" in response["Cache-Control"], url
        assert "ETag" not in response and "Last-Modified" not in response, url


def test_the_release_digest_is_stable_and_a_setting_replaces_it(settings, db):
    from core import conditional

    assert conditional.release() == conditional.release()
    settings.RELEASE = "abc123"
    assert conditional.release() == "abc123"


@pytest.mark.django_db
def test_version_changed_at_is_a_datetime():
    version = public_version.current()
    assert isinstance(version.changed_at, datetime.datetime)
    assert version.changed_at.tzinfo is not None
