"""Public dates move only when public content changes: staff's internal edits stay unseen."""

import json
import re
from xml.etree import ElementTree

import pytest

from cases.models import CaseSearch, CaseSubject, Detention, Event, Source, Statement
from core.models import Visibility
from organizations.models import Organization
from people.models import Person
from tests.admin_helpers import AdminPage, admin_url
from tests.cases.sitemap_entries import sitemap_entries

ATOM = "{http://www.w3.org/2005/Atom}"


def _feed_dates(client, url) -> list[str]:
    feed = ElementTree.fromstring(client.get(url).content)
    return [element.text for element in feed.iter(f"{ATOM}updated")]


def public_dates(client, case) -> dict:
    """Every date a watcher can read about the case, on every public surface."""
    slug, page_url = case.slug, case.get_absolute_url()
    page = client.get(page_url).content.decode()
    [listed] = [row for row in client.get("/api/cases/").json()["results"] if row["slug"] == slug]
    [exported] = json.loads(b"".join(client.get("/cases/export.json").streaming_content))
    home = client.get("/").content.decode()
    return {
        "page": re.findall(r'<time datetime="([^"]+T[^"]+)">', page),
        "citation": re.findall(r"last updated ([^.]+)\.", page),
        "api list": listed["updated_at"],
        "api page": client.get(f"/api/cases/{slug}/").json()["case"]["updated_at"],
        "search feed": _feed_dates(client, "/cases/feed/"),
        "case feed": _feed_dates(client, f"{page_url}feed/"),
        "export": exported["updated_at"],
        "sitemap": [lastmod for _, lastmod in sitemap_entries(client)],
        "home": re.findall(r"updated (\d+ \w+ \d+)", home),
    }


def entry_dates(client, case) -> dict[str, str]:
    feed = ElementTree.fromstring(client.get(f"{case.get_absolute_url()}feed/").content)
    return {
        entry.find(f"{ATOM}title").text: entry.find(f"{ATOM}updated").text
        for entry in feed.iter(f"{ATOM}entry")
    }


def case_date(case):
    return CaseSearch.objects.get(case=case).public_updated_at


def test_saving_internal_notes_in_the_admin_moves_no_public_date(client, admin_client, story):
    before = public_dates(client, story)
    url = admin_url(type(story), "change", story.pk)

    response = AdminPage(admin_client, url).post(internal_notes="Lawyer called; new address.")

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.internal_notes == "Lawyer called; new address."
    assert public_dates(client, story) == before


def _internal_edits(case):
    """Changes to everything about the case that the public does not see."""
    detention = Detention.objects.get(case=case)
    hidden_event = Event.objects.filter(case=case, visibility=Visibility.INTERNAL).get()
    yield (
        "the case's internal notes",
        lambda: (
            setattr(case, "internal_notes", "moved"),
            case.save(),
        ),
    )
    yield "a public record saved unchanged", detention.save
    yield (
        "an internal record added",
        lambda: Event.objects.create(
            case=case, kind="other", title="Internal visit", started_on="2012-01-01"
        ),
    )
    yield (
        "an internal record made confidential",
        lambda: Event.objects.filter(pk=hidden_event.pk).update(visibility=Visibility.CONFIDENTIAL),
    )
    yield (
        "a confidential subject added",
        lambda: CaseSubject.objects.create(
            case=case,
            person=Person.objects.create(display_name="Witness X", slug="witness-x"),
            role="witness",
            visibility=Visibility.CONFIDENTIAL,
        ),
    )
    yield (
        "an internal person named on a public record",
        lambda: detention.people.add(
            Person.objects.create(display_name="Informant", slug="informant")
        ),
    )
    yield (
        "a confidential source cited",
        lambda: detention.sources.add(
            Source.objects.create(title="Notes", visibility=Visibility.CONFIDENTIAL)
        ),
    )
    yield (
        "a cited source's internal notes",
        lambda: Source.objects.filter(visibility=Visibility.PUBLIC).update(
            internal_notes="check the date"
        ),
    )
    yield (
        "an organization's internal notes",
        lambda: Organization.objects.update(internal_notes="ask them"),
    )
    yield "a person's internal notes", lambda: Person.objects.update(internal_notes="moved")


def test_no_internal_edit_moves_a_public_date(client, story):
    before = public_dates(client, story)
    for what, edit in _internal_edits(story):
        edit()
        assert public_dates(client, story) == before, what


def _public_edits(case):
    detention = Detention.objects.get(case=case)
    yield "the title", lambda: (setattr(case, "title", "A new title"), case.save())
    yield (
        "a public record added",
        lambda: Event.objects.create(
            case=case, kind="other", title="Hearing", started_on="2012-01-01", visibility="public"
        ),
    )
    yield "a public record changed", lambda: Statement.objects.update(quote="A new quote")
    yield (
        "an internal record made public",
        lambda: Event.objects.filter(case=case, visibility=Visibility.INTERNAL).update(
            visibility=Visibility.PUBLIC
        ),
    )
    yield (
        "a public record hidden",
        lambda: Detention.objects.filter(pk=detention.pk).update(visibility=Visibility.INTERNAL),
    )
    yield (
        "a public subject added",
        lambda: CaseSubject.objects.create(
            case=case,
            person=Person.objects.create(
                display_name="Lawyer Y", slug="lawyer-y", visibility="public"
            ),
            role="lawyer",
            visibility=Visibility.PUBLIC,
        ),
    )
    yield (
        "a cited source retitled",
        lambda: Source.objects.filter(visibility=Visibility.PUBLIC).update(title="A new title"),
    )


def test_every_public_edit_moves_the_public_date(client, story):
    for what, edit in _public_edits(story):
        before, page_before = case_date(story), public_dates(client, story)
        edit()
        after, page_after = case_date(story), public_dates(client, story)
        assert after > before, what
        for surface in ("api list", "api page", "export", "page"):
            assert page_after[surface] != page_before[surface], (what, surface)


def test_a_feed_entry_moves_only_with_its_own_record(client, story):
    before = entry_dates(client, story)
    Statement.objects.filter(case=story).update(summary="HRW condemned the extradition.")
    after = entry_dates(client, story)

    changed = {title for title in before if after[title] != before[title]}
    assert changed == {title for title in before if "Statement" in title}


@pytest.mark.parametrize("edit", ["internal", "public"])
def test_latest_changes_come_first_by_public_changes_only(client, make_case, edit):
    older = make_case("Older case")
    make_case("Newer case")
    if edit == "internal":
        older.internal_notes = "staff touched it"
    else:
        older.summary = "A new public summary."
    older.save()

    home = client.get("/").content.decode()
    first = "Older case" if edit == "public" else "Newer case"
    assert home.index(first) < home.index(({"Older case", "Newer case"} - {first}).pop())
