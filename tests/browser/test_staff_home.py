"""The staff home in a browser, as an editor and as a publisher: the work is there, and
axe-core finds no serious or critical violation."""

import pytest
from django.core.management import call_command

from accounts.roles import EDITOR, PUBLISHER
from cases.models import Case, PublicationState
from tests.browser.axe import assert_no_axe_violations, axe_violations
from tests.browser.staff import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(live_server):
    call_command("load_demo", verbosity=0)
    Case.objects.create(
        title="Tajik asylum seekers detained in Moscow",
        slug="tajik-asylum-seekers-moscow",
        host_country="RU",
        publication_state=PublicationState.IN_REVIEW,
    )
    return live_server.url


@pytest.mark.parametrize("role", [EDITOR, PUBLISHER])
def test_the_staff_home_has_no_serious_accessibility_violation(page, site, role):
    sign_in(page, site, role)
    assert page.get_by_role("link", name="Record a new case").is_visible()
    assert page.get_by_role("heading", name="My drafts").is_visible()
    assert page.get_by_role("heading", name="Cases in review").count() == (role == PUBLISHER)
    assert page.get_by_role("heading", name="Administration").count() == 0
    assert_no_axe_violations(page, what=f"staff home as {role}")

    page.get_by_role("searchbox", name="Find a case, person or organization").fill("Абдусаматов")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/admin/search/?q=*")
    assert page.get_by_role("link", name="Toirjon Abdussamatov").is_visible()
    assert_no_axe_violations(page, what=f"staff search as {role}")


def test_the_axe_helper_reports_serious_violations(page):
    """Guards the checks above: the helper must report a page with known faults."""
    page.set_content('<html><body><img src="x.png"><input type="text"></body></html>')
    found = {violation["id"] for violation in axe_violations(page)}
    assert {"image-alt", "label"} <= found
    assert not axe_violations(page, impacts=("minor",))
