"""Atom entry ids: absolute tag URIs that stay the same when a title or slug changes."""

import datetime
from xml.etree import ElementTree

import pytest
from django.test import override_settings

from cases.models import Event, Statement
from core.models import Visibility

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def case(make_case, make_organization):
    case = make_case("Gerasimov v. Kazakhstan", slug="gerasimov")
    Event.objects.create(
        case=case, kind="other", title="Hearing", started_on=datetime.date(2010, 6, 9),
        visibility=Visibility.PUBLIC,
    )  # fmt: skip
    Statement.objects.create(
        case=case, organization=make_organization(), made_on=datetime.date(2011, 6, 9),
        quote="A tragedy.", visibility=Visibility.PUBLIC,
    )  # fmt: skip
    return case


def entry_ids(client, url, **headers) -> list[str]:
    feed = ElementTree.fromstring(client.get(url, **headers).content)
    return [entry.find(f"{ATOM}id").text for entry in feed.iter(f"{ATOM}entry")]


@override_settings(SITE_URL="https://cases.example.org")
def test_entry_ids_are_tag_uris_of_the_site(client, case):
    (search_id,) = entry_ids(client, "/cases/feed/")
    assert search_id == f"tag:cases.example.org,2026:case:{case.pk}"
    ids = entry_ids(client, "/cases/gerasimov/feed/")
    assert len(ids) == 2
    assert all(i.startswith(f"tag:cases.example.org,2026:case:{case.pk}:") for i in ids)


@override_settings(SITE_URL="https://cases.example.org")
def test_entry_ids_survive_a_new_title_and_slug(client, case):
    before = entry_ids(client, "/cases/feed/") + entry_ids(client, "/cases/gerasimov/feed/")
    case.title, case.slug = "Gerasimov and others v. Kazakhstan", "gerasimov-and-others"
    case.save()
    after = entry_ids(client, "/cases/feed/")
    after += entry_ids(client, "/cases/gerasimov-and-others/feed/")
    assert after == before


def test_without_site_url_the_request_host_names_the_site(client, case):
    (search_id,) = entry_ids(client, "/cases/feed/")
    assert search_id.startswith("tag:testserver,2026:case:")
