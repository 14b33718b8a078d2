"""The publication checklist in Chromium: stopped, one click to make a record public, the
rest acknowledged, published; axe-core finds nothing serious in it, at 1280 and 390 wide."""

import datetime
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from accounts.roles import PUBLISHER
from cases.models import Case, Detention, Event, EventKind, PublicationState
from core.models import Visibility
from tests.admin_helpers import admin_url

pytestmark = pytest.mark.django_db(transaction=True)

# Where to keep the screenshots, to look at them (SCREENSHOTS=/some/folder).
SCREENSHOTS = os.environ.get("SCREENSHOTS")


def sign_in(page, client, live_server):
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def shoot(page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.locator(".publication-checklist").screenshot(path=f"{SCREENSHOTS}/{name}.png")


def serious(results) -> list:
    return [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def test_staff_checklist_stops_then_publishes(
    page, live_server, staff_user, make_case, make_person
):
    publisher = staff_user([PUBLISHER])
    case = make_case("Two Tajik asylum seekers", state=PublicationState.IN_REVIEW)
    detention = Detention.objects.create(
        case=case, started_on=datetime.date(2024, 3, 1), started_on_precision="month",
        summary="Detained in Moscow on a request from Tajikistan.",
    )  # fmt: skip
    hearing = Event.objects.create(
        case=case, kind=EventKind.HEARING, title="Extradition hearing",
        started_on=datetime.date(2024, 4, 2), visibility=Visibility.PUBLIC,
    )  # fmt: skip
    hearing.people.add(make_person("Rustam Nazarov"))
    sign_in(page, publisher, live_server)
    url = live_server.url + admin_url(Case, "change", case.pk)

    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url)
        page.locator("button.transition-published").first.click()
        checklist = page.locator(".publication-checklist")
        page.wait_for_load_state()
        assert not page.locator(".errornote").count(), page.locator(".errorlist").all_inner_texts()
        checklist.wait_for()
        assert "Detention, March 2024" in checklist.inner_text()
        assert "Rustam Nazarov is named by 1 record" in checklist.inner_text()
        shoot(page, f"checklist-{width}")
        results = Axe().run(page, context=".publication-checklist")
        assert not serious(results), results.generate_report()
        box = checklist.bounding_box()
        assert box["x"] + box["width"] <= width  # nothing overflows the page

    page.get_by_role("button", name="Make public").first.click()
    page.locator(".publication-checklist").wait_for()
    assert Detention.objects.get(pk=detention.pk).visibility == Visibility.PUBLIC
    for box in page.get_by_label("I have checked this").all():
        box.check()
    page.locator("button.transition-published").first.click()
    page.wait_for_url(url)
    assert Case.objects.get(pk=case.pk).publication_state == PublicationState.PUBLISHED
