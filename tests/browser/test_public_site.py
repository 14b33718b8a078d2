"""A researcher's path through the public site, and axe-core accessibility checks."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from cases.demo import CASE_SLUG
from organizations.models import Organization
from people.models import Person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(live_server):
    call_command("load_demo", verbosity=0)
    return live_server.url


def test_search_filter_case_page_and_source(page, site):
    page.goto(site + "/")
    page.get_by_label("Search cases").fill("Абдусаматов")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/cases/?q=*")
    assert page.get_by_role("heading", name="1 case found").is_visible()

    page.get_by_role("checkbox", name="Kazakhstan").first.check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**host_country=KZ**")
    assert page.get_by_role("heading", name="1 case found").is_visible()

    page.get_by_role("link", name="Uzbek asylum seekers", exact=False).first.click()
    page.wait_for_url(f"**/cases/{CASE_SLUG}/")
    timeline = page.locator("ol.timeline")
    assert "Tashkenbai Aubakirov" in page.content()
    assert timeline.get_by_text("9 June 2011").first.is_visible()

    # Follow a footnote to a source that has an address of its own.
    source = page.locator("ol.sources li:has(a[href^=http])").first
    anchor = source.get_attribute("id")
    page.locator(f'ol.timeline a[href="#{anchor}"]').first.click()
    assert page.url.endswith(f"#{anchor}")
    assert source.is_visible()
    assert source.locator("a").first.get_attribute("href").startswith("http")


def test_the_skip_link_moves_focus_to_the_content(page, site):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_pages_work_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/cases/?q=Toirzhon")
    assert page.get_by_role("heading", name="1 case found").is_visible()
    context.close()


def public_pages():
    person = Person.objects.public().get(slug__contains="abdussamatov")
    organization = Organization.objects.public().get(acronym="HRW")
    return {
        "home": "/",
        "search with results": "/cases/?q=extradition",
        "search without results": "/cases/?q=nothingmatchesthis",
        "case": f"/cases/{CASE_SLUG}/",
        "person": person.get_absolute_url(),
        "organization": organization.get_absolute_url(),
    }


def test_axe_finds_no_violations(page, site):
    axe = Axe()
    for name, path in public_pages().items():
        page.goto(site + path)
        results = axe.run(page)
        assert results.violations_count == 0, f"{name}: {results.generate_report()}"


def test_the_accessibility_check_can_fail(page):
    """Guards the check above: axe must report a page with known faults."""
    page.set_content('<html><body><img src="x.png"><input type="text"></body></html>')
    assert Axe().run(page).violations_count >= 2
