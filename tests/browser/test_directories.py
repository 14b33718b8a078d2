"""The public indexes in a browser: found across scripts, readable at 1280 and 390 px."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)

# Where to keep the screenshots, to look at them (SCREENSHOTS=/some/folder).
SCREENSHOTS = os.environ.get("SCREENSHOTS")


@pytest.fixture
def site(live_server):
    call_command("load_demo", verbosity=0)
    return live_server.url


@pytest.mark.parametrize("width", [1280, 390])
def test_people_and_organizations_indexes(page, site, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    page.wait_for_url("**/people/")
    page.get_by_label("Find by name").fill("Абдусаматов")
    page.get_by_role("button", name="Find").click()
    page.wait_for_url("**/people/?q=*")
    assert page.get_by_role("link", name="Toirjon Abdussamatov").is_visible()
    for path in ("/people/", "/organizations/"):
        page.goto(site + path)
        violations = [
            v for v in Axe().run(page).response["violations"]
            if v["impact"] in ("serious", "critical")
        ]  # fmt: skip
        assert violations == [], path
        # Nothing wider than the screen: the table fits a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        if SCREENSHOTS:
            Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
            name = path.strip("/")
            page.screenshot(path=f"{SCREENSHOTS}/{name}-{width}.png", full_page=True)
