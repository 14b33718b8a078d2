"""The one-field date in a real browser: the public reading appears as staff type."""

import datetime
import re

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import expect

from cases.models import Case, Detention
from core.models import DatePrecision
from tests.admin_helpers import admin_url
from tests.conftest import verify_second_factor

SCREENSHOTS = {"desktop": 1280, "phone": 390}


@pytest.fixture
def signed_in(page, live_server, admin_user):
    """The browser page, signed in to the staff admin as a superuser (both factors)."""
    client = Client()
    client.force_login(admin_user)
    verify_second_factor(client, admin_user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    return page


@pytest.fixture
def detention(make_case):
    return Detention.objects.create(
        case=make_case(),
        started_on=datetime.date(2010, 6, 1),
        started_on_precision=DatePrecision.MONTH,
        place="Almaty",
    )


def test_the_public_reading_appears_while_typing_a_date(signed_in, live_server, detention):
    page = signed_in
    page.goto(live_server.url + admin_url(Detention, "change", detention.pk))
    field = page.locator("#id_started_on")
    reading = page.locator("#id_started_on_reading")
    assert field.input_value() == "June 2010"
    assert reading.inner_text() == "Shown publicly as: June 2010"

    field.fill("")
    field.press_sequentially("about 2005")
    expect(reading).to_have_text("Shown publicly as: about 2005")
    field.fill("9 июня 2011 г.")
    expect(reading).to_have_text("Shown publicly as: 9 June 2011")
    field.fill("next week")
    expect(reading).to_have_class(re.compile("is-error"))
    expect(reading).to_contain_text("“next week” is not a date we can read.")


def test_the_preview_works_in_a_record_added_on_the_case_page(signed_in, live_server, detention):
    page = signed_in
    page.goto(live_server.url + admin_url(Case, "change", detention.case.pk))
    events = page.locator("#events-group")
    events.get_by_role("button", name="Add another Event").or_(
        events.get_by_role("link", name="Add another Event")
    ).click()
    field = page.locator("#id_events-0-started_on")
    field.fill("9–11 June 2010")
    expect(page.locator("#id_events-0-started_on_reading")).to_have_text(
        "Shown publicly as: 9–11 June 2010"
    )
    for name, width in SCREENSHOTS.items():
        page.set_viewport_size({"width": width, "height": 900})
        field.scroll_into_view_if_needed()
        page.screenshot(path=f"/tmp/precise-date-{name}.png")
