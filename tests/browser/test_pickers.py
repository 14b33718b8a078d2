"""In Chromium: the case page's people picker lists the case's own Nazarov first among
hundreds, a record's page too, and adding a known name asks "Is this …?" first.

Screenshots (1280 and 390 pixels wide) go to $SCREENSHOTS when set, else to a temporary
folder."""

import datetime
import os
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from accounts.roles import EDITOR
from cases.models import Detention
from core.models import Visibility
from people.models import Person
from tests.admin_helpers import admin_url
from tests.people.test_pickers import FIRST, SURNAMES

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (1280, 390)


@pytest.fixture
def shots(tmp_path):
    folder = os.environ.get("SCREENSHOTS") or str(tmp_path)
    os.makedirs(folder, exist_ok=True)
    return folder


@pytest.fixture
def signed_in(page, live_server, staff_user):
    """The page, signed in as an editor (no confidential access)."""
    # A transactional test starts from empty tables: the roles are made again.
    roles = import_module("accounts.migrations.0001_roles")
    roles.create_roles(apps, SimpleNamespace(connection=connection))
    client = staff_user([EDITOR])
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return page


@pytest.fixture
def scenario(make_case, make_person, make_subject):
    people = [
        Person(display_name=f"{first} {surname} {number}", slug=f"n-{number}-{first}-{surname}")
        for number in range(1, 5)
        for first in FIRST
        for surname in SURNAMES
    ]
    Person.objects.bulk_create(people)
    case = make_case("Two Tajik asylum seekers detained in Moscow", host_country="RU")
    own = make_person("Zuhur Nazarov", nationality="TJ")
    make_subject(case, own)
    detention = Detention.objects.create(
        case=case, started_on=datetime.date(2024, 3, 1), visibility=Visibility.INTERNAL
    )
    return case, own, detention


def open_picker(page, select_name: str, term: str):
    """Opens the select2 picker of the select named `select_name`, types, and returns the
    texts of the options listed."""
    select = page.locator(f'select[name="{select_name}"]')
    select.locator("xpath=following-sibling::span[contains(@class,'select2')]").click()
    search = page.locator(".select2-container--open .select2-search__field")
    search.fill(term)
    options = page.locator(".select2-results__option:not(.loading-results)")
    options.first.wait_for()
    page.wait_for_function(
        "() => !document.querySelector('.select2-results__option.loading-results')"
    )
    return options.all_inner_texts()


def screenshot(page, shots, name):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=os.path.join(shots, f"{name}-{width}.png"))


def test_the_case_pages_picker_lists_the_cases_own_people_first(
    signed_in, live_server, scenario, shots
):
    page = signed_in
    case, _, detention = scenario
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + admin_url(type(case), "change", case.pk))
        # The case page's own person picker: the new row of its people (records tick
        # among the case's people instead of picking).
        new_row = int(page.input_value("#id_subjects-TOTAL_FORMS")) - 1
        texts = open_picker(page, f"subjects-{new_row}-person", "Nazarov")
        own = "Zuhur Nazarov — Tajikistan, 1 case (Two Tajik asylum seekers detained in…)"
        assert texts[0] == own
        assert len(texts) > 10
        page.screenshot(path=os.path.join(shots, f"picker-case-page-{width}.png"))

    page.goto(live_server.url + admin_url(Detention, "change", detention.pk))
    texts = open_picker(page, "people", "Nazarov")
    assert texts[0].startswith("Zuhur Nazarov — ")


def test_adding_a_known_name_asks_is_this_the_same_person(signed_in, live_server, scenario, shots):
    page = signed_in
    _, own, _ = scenario
    page.goto(live_server.url + admin_url(Person, "add"))
    assert not page.locator('input[type="checkbox"][name="confirm_distinct"]').count()
    page.fill("#id_display_name", "Назаров Зухур")
    page.press("#id_display_name", "Tab")  # the admin fills the slug in from the name
    assert page.input_value("#id_slug") == "nazarov-zuhur"
    page.locator('input[name="_save"]').click()
    warning = page.locator(".field-confirm_distinct")
    assert "Is this Zuhur Nazarov, Tajikistan, 1 case" in warning.inner_text()
    link = warning.locator("a")
    assert link.get_attribute("href") == admin_url(Person, "change", own.pk)
    warning.scroll_into_view_if_needed()
    screenshot(page, shots, "same-person-warning")

    page.check("#id_confirm_distinct")
    page.locator('input[name="_save"]').click()
    page.wait_for_url(f"**{admin_url(Person, 'changelist')}")
    assert Person.objects.filter(display_name="Назаров Зухур").exists()
