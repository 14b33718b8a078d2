"""Property-based: no query string or slug a visitor can send makes a public page fail."""

from urllib.parse import quote

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.search import CaseSearchFilter

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
text = st.text(max_size=60)
params = st.fixed_dictionaries(
    {},
    optional={
        "q": text,
        "host_country": st.one_of(text, st.sampled_from(["KZ", "kz", "XX", ""])),
        "origin_country": text,
        "status": text,
        "kind": st.one_of(text, st.sampled_from(["appeal:un_treaty_body", "extradition"])),
        "organization": text,
        "tag": text,
        "date_from": st.one_of(text, st.dates().map(str)),
        "date_to": st.one_of(text, st.dates().map(str)),
        "sort": st.one_of(text, st.sampled_from(["relevance", "activity", "date"])),
        "page": st.one_of(text, st.integers(-10, 10**9).map(str)),
    },
)


@pytest.fixture
def published(story):
    return story


@FUZZ
@given(query=params)
def test_search_never_fails(client, published, query):
    for url in ("/cases/", "/cases/feed/", "/cases/export.json"):
        response = client.get(url, query)
        # PostgreSQL text cannot hold NUL: such a request is refused, whatever it asks.
        # The search page refuses a filter value its form refuses, naming the valid
        # choices (cases/invalid_filters.py); the feed and exports ignore it.
        data = QueryDict(mutable=True)
        data.update(query)
        refused = url == "/cases/" and not CaseSearchFilter(data).is_valid()
        expected = 400 if refused or any("\x00" in value for value in query.values()) else 200
        assert response.status_code == expected, (url, query)
        if response.streaming:
            b"".join(response.streaming_content)


@FUZZ
@given(slug=st.text(min_size=1, max_size=80))
def test_any_slug_is_found_or_not_found(client, published, slug):
    for prefix in ("/cases/", "/people/", "/organizations/"):
        response = client.get(prefix + quote(slug, safe="") + "/")
        expected = (400,) if "\x00" in slug else (200, 404)
        assert response.status_code in expected, (prefix, slug)


@FUZZ
@given(q=text, after=text)
def test_any_index_query_is_answered(client, published, q, after):
    for url in ("/people/", "/organizations/"):
        response = client.get(url, {"q": q, "after": after})
        expected = 400 if "\x00" in q + after else 200
        assert response.status_code == expected, (url, q, after)
