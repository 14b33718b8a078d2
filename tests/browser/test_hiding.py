"""Taking something off the public site in Chromium, as an editor: one click on the row's
line of the case page (or the person's page), the confirmation, and the public page has
lost it; axe-core finds nothing serious, at 1280 and 390 wide."""

import os
import time
from pathlib import Path

import pytest

from accounts.roles import EDITOR, PUBLISHER
from cases.models import Case, Hiding
from people.models import Person
from tests.admin_helpers import admin_url
from tests.browser.axe import assert_no_axe_violations
from tests.test_canary import build_public_world

pytestmark = pytest.mark.django_db(transaction=True)

# Where to keep the screenshots, to look at them (SCREENSHOTS=/some/folder).
SCREENSHOTS = os.environ.get("SCREENSHOTS")
QUOTE = "a human tragedy"


def sign_in(page, client, live_server):
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def shoot(page, name: str, full_page: bool = False) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=full_page)


def test_an_editor_takes_a_statement_and_a_person_off_the_public_site(
    page, live_server, staff_user
):
    publisher = staff_user([PUBLISHER])
    case, _org, person, _source = build_public_world()
    editor = staff_user([EDITOR])
    sign_in(page, editor, live_server)
    public_case = live_server.url + case.get_absolute_url()
    page.goto(public_case)
    assert QUOTE in page.content()

    # The statement, from its line on the case page.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + admin_url(Case, "change", case.pk))
    shoot(page, "case-page-top-1280")
    people = page.locator("#subjects-group")
    people.scroll_into_view_if_needed()
    assert people.get_by_role("link", name="Take off the public site").count() == 1
    shoot(page, "case-page-people-1280")
    row = page.locator("#statements-group .inline-related.has_original").first
    link = row.get_by_role("link", name="Take off the public site")
    link.scroll_into_view_if_needed()
    shoot(page, "case-page-row-1280")
    link.click()
    page.wait_for_url("**/hide/**")
    assert_no_axe_violations(page, what="hide confirmation")
    page.get_by_label("Why (for the publishers and the history)").fill("HRW withdrew it")
    shoot(page, "confirm-statement-1280", full_page=True)
    started = time.monotonic()
    page.get_by_role("button", name="Yes, take it off now").click()
    page.wait_for_url(live_server.url + admin_url(Case, "change", case.pk))
    assert "is off the public site" in page.locator(".messagelist").inner_text()
    page.goto(public_case)
    gone = time.monotonic() - started
    assert QUOTE not in page.content()
    print(f"statement: confirmed to gone from the public page in {gone:.2f} s")
    assert Hiding.objects.get().reason == "HRW withdrew it"

    # A spelling, from its line on the person's page.
    spelling = "Тоиржон Абдусаматов"
    page.goto(live_server.url + person.get_absolute_url())
    assert spelling in page.content()
    person_page = live_server.url + admin_url(Person, "change", person.pk)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(person_page)
        names = page.locator("#name_variants-group")
        names.scroll_into_view_if_needed()
        shoot(page, f"person-page-spellings-{width}")
    assert_no_axe_violations(page, what="person page with its spellings' links")
    names.get_by_role("link", name="Take off the public site").click()
    page.wait_for_url("**/hide/**")
    shoot(page, "confirm-spelling-390", full_page=True)
    page.get_by_role("button", name="Yes, take it off now").click()
    page.wait_for_url(person_page)
    assert names.get_by_role("link", name="Take off the public site").count() == 0
    page.goto(live_server.url + person.get_absolute_url())
    assert spelling not in page.content()

    # The person, from their own page, on a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(person_page)
    shoot(page, "person-page-390")
    page.locator(".object-tools").get_by_role("link", name="Take off the public site").click()
    page.wait_for_url("**/hide/")
    assert_no_axe_violations(page, what="hide confirmation on a phone")
    shoot(page, "confirm-person-390", full_page=True)
    page.get_by_role("button", name="Yes, take it off now").click()
    page.wait_for_url(person_page)
    assert page.get_by_role("link", name="Take off the public site").count() == 0
    page.goto(public_case)
    assert person.display_name not in page.content()
    assert page.goto(live_server.url + person.get_absolute_url()).status == 404

    # The case itself, withdrawn by the editor; the phone's case page lists nothing more
    # to take off.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + admin_url(Case, "change", case.pk))
    page.get_by_role("link", name="Take off the public site").first.click()
    page.wait_for_url("**/hide/")
    shoot(page, "confirm-case-1280", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    shoot(page, "confirm-case-390", full_page=True)
    page.get_by_role("button", name="Yes, withdraw it now").click()
    page.wait_for_url(live_server.url + admin_url(Case, "change", case.pk))
    assert page.goto(public_case).status == 404
    assert page.locator("a.hidelink").count() == 0

    # The publisher's staff home lists all four, the latest first, with the reason.
    page.context.clear_cookies()
    sign_in(page, publisher, live_server)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + "/admin/")
        hidden = page.locator("#recently-hidden")
        assert hidden.locator("li").count() == 4
        assert "HRW withdrew it" in hidden.inner_text()
        hidden.scroll_into_view_if_needed()
        shoot(page, f"staff-home-publisher-{width}")
    assert_no_axe_violations(page, what="staff home with recently hidden")
