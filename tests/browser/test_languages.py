"""Changing language in the browser: the switcher keeps the search; the offer of the
visitor's language is shown, followed, dismissed, never forced."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

QUERY = "?q=asylum&host_country=KZ&page=1"


def test_switching_language_keeps_the_query_the_filters_and_the_page(live_server, page, make_case):
    make_case()
    page.goto(f"{live_server.url}/cases/{QUERY}")
    page.click("nav.languages >> text=Русский")
    page.wait_for_url(f"{live_server.url}/ru/cases/{QUERY}")
    assert page.get_attribute("html", "lang") == "ru"
    assert page.input_value("input[name=q]") == "asylum"
    page.click("nav.languages >> text=Oʻzbekcha")
    page.wait_for_url(f"{live_server.url}/uz/cases/{QUERY}")
    page.click("nav.languages >> text=English")
    page.wait_for_url(f"{live_server.url}/cases/{QUERY}")
    assert page.get_attribute("html", "lang") == "en"


def test_a_russian_browser_is_offered_the_russian_page(live_server, browser, db):
    context = browser.new_context(locale="ru-RU")
    page = context.new_page()
    page.goto(f"{live_server.url}/people/")
    offer = page.locator("#language-offer")
    offer.wait_for(state="visible")
    assert offer.locator("p").get_attribute("lang") == "ru"
    assert "на русском" in offer.inner_text()
    assert page.url == f"{live_server.url}/people/"  # offered, not redirected
    offer.locator("a").click()
    page.wait_for_url(f"{live_server.url}/ru/people/")
    assert not page.locator("#language-offer").count()  # a Russian page offers nothing
    page.goto(f"{live_server.url}/people/")
    page.locator("#language-offer button").click()
    assert page.locator("#language-offer").is_hidden()
    page.reload()
    page.wait_for_load_state("load")
    assert page.locator("#language-offer").is_hidden()  # dismissed once, for good
    context.close()


@pytest.mark.parametrize("locale", ["en-US", "de-DE"])
def test_other_browsers_are_offered_nothing(live_server, browser, db, locale):
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    page.wait_for_load_state("load")
    assert page.locator("#language-offer").is_hidden()
    context.close()
