"""A new staff member records a case from a news story, in Chromium, and publishes it.

The story: two Tajik asylum seekers detained in Moscow; asylum refused; a domestic appeal
rejected; a complaint to the UN Committee Against Torture, which asked for interim
measures; an extradition order; a statement by Human Rights Watch; one news article cited
by every record; dates known to the month. The test counts what the task costs (page
loads, clicks, typed fields, dropdown choices, popups), prints it as one line, and holds
it to the issue's targets: at most 3 page loads, 30 clicks plus choices, no popup.
"""

import os

import pytest

from accounts.roles import PUBLISHER
from cases.models import Appeal, Case, PublicationState
from core.models import DatePrecision, Visibility
from organizations.models import OrganizationKind
from tests.browser.axe import assert_no_axe_violations
from tests.browser.effort import Effort
from tests.browser.staff import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Two Tajik asylum seekers held in Moscow face extradition"
MAX_PAGE_LOADS = 3
MAX_CLICKS_AND_CHOICES = 30
# A folder to keep screenshots of the filled page in, to look at it (not counted).
SCREENSHOTS = os.environ.get("SCREENSHOTS")


@pytest.fixture
def site(live_server, make_organization):
    # What the tracker already knows: the organizations the story names.
    make_organization("Radio Ozodi", acronym="", kind=OrganizationKind.MEDIA)
    make_organization(
        "Moscow Migration Directorate", acronym="", kind=OrganizationKind.MIGRATION_AUTHORITY
    )
    make_organization("Moscow City Court", acronym="", kind=OrganizationKind.COURT)
    make_organization("Committee Against Torture", acronym="CAT", kind=OrganizationKind.UN_BODY)
    make_organization("Human Rights Watch", acronym="HRW", kind=OrganizationKind.NGO)
    return live_server.url


def add_row(effort, group: str) -> str:
    """Adds a row to an inline ("Add another …"); returns the new row's prefix."""
    page = effort.page
    number = page.input_value(f"#id_{group}-TOTAL_FORMS")
    effort.click(page.locator(f"#{group}-group .add-row a"))
    return f"{group}-{number}"


def record_the_case(effort: Effort, page) -> None:
    fill = effort.type

    def at(name: str):
        return page.locator(f"#id_{name}")

    def picker(name: str):
        """The box select2 draws for an autocomplete, right after its select."""
        return page.locator(f"#id_{name} + .select2 .select2-selection")

    fill(at("title"), TITLE)
    fill(
        at("summary"),
        "Two asylum seekers from Tajikistan were detained in Moscow in March 2024 at "
        "Tajikistan's request; Russia refused them asylum and ordered their extradition.",
    )
    effort.choose(at("host_country"), "RU")
    effort.choose(at("origin_country"), "TJ")
    effort.choose(at("default_visibility"), Visibility.PUBLIC)

    # The people, each with the spelling of the Russian-language press.
    fill(at("subjects-0-new_name"), "Sherzod Qodirov")
    fill(at("subjects-0-new_spellings"), "Шерзод Кодиров")
    effort.choose(at("subjects-0-role"), "asylum_seeker")
    second = add_row(effort, "subjects")
    fill(at(f"{second}-new_name"), "Bakhtiyor Saidov")
    fill(at(f"{second}-new_spellings"), "Бахтиёр Саидов")
    effort.choose(at(f"{second}-role"), "asylum_seeker")

    # The one source every record cites.
    fill(at("case_sources-0-url"), "https://rus.ozodi.example/a/two-tajiks-moscow")
    fill(at("case_sources-0-title"), "Two Tajik migrants face extradition from Russia")
    effort.pick(picker("case_sources-0-publisher"), "Ozodi", "Ozodi")
    fill(at("case_sources-0-published_on"), "August 2024")

    detention = add_row(effort, "detentions")
    fill(at(f"{detention}-place"), "Moscow")
    fill(at(f"{detention}-started_on"), "March 2024")

    decision = add_row(effort, "asylumdecisions")
    effort.pick(picker(f"{decision}-authority"), "Migration", "Moscow Migration")
    effort.choose(at(f"{decision}-outcome"), "refused")
    fill(at(f"{decision}-decided_on"), "April 2024")

    appeal = add_row(effort, "appeals")
    effort.pick(picker(f"{appeal}-body"), "City Court", "Moscow City Court")
    effort.choose(at(f"{appeal}-level"), "domestic_court")
    effort.choose(at(f"{appeal}-outcome"), "rejected")
    # It contests the decision entered above, not saved yet.
    effort.choose(at(f"{appeal}-contests_decision"), f"new:{decision}")
    fill(at(f"{appeal}-decided_on"), "May 2024")

    complaint = add_row(effort, "appeals")
    effort.choose(at(f"{complaint}-level"), "un_treaty_body")
    effort.pick(picker(f"{complaint}-body"), "Torture", "Torture")
    effort.choose(at(f"{complaint}-interim_measures"), "granted")
    fill(at(f"{complaint}-filed_on"), "June 2024")

    order = add_row(effort, "extraditions")
    effort.choose(at(f"{order}-status"), "ordered")
    fill(at(f"{order}-ordered_on"), "July 2024")

    statement = add_row(effort, "statements")
    effort.pick(picker(f"{statement}-organization"), "HRW", "Human")
    fill(at(f"{statement}-made_on"), "August 2024")
    fill(at(f"{statement}-quote"), "Russia should not send these men back to face torture.")


def test_staff_workflow_records_and_publishes_a_case_from_a_news_story(page, site, capsys):
    publisher = sign_in(page, site, PUBLISHER)
    page.set_viewport_size({"width": 1280, "height": 900})
    effort = Effort(page)
    effort.goto(site + "/admin/")  # the staff home
    effort.click(page.get_by_role("link", name="Record a new case"))
    page.wait_for_url("**/admin/cases/case/add/")
    assert_no_axe_violations(page, what="the case add page")

    record_the_case(effort, page)
    # The date reads back as the public will see it.
    assert "July 2024" in page.locator("#extraditions-0 .field-ordered_on").inner_text()
    if SCREENSHOTS:
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{SCREENSHOTS}/workflow-{width}.png")
            for group in ("subjects", "case_sources", "appeals", "statements"):
                shot = f"{SCREENSHOTS}/workflow-{width}-{group}.png"
                page.locator(f"#{group}-group").screenshot(path=shot)
        page.set_viewport_size({"width": 1280, "height": 900})
    effort.click(page.locator("button[name=_transition][value=published]").last)
    page.wait_for_load_state()
    shown = page.locator(".errornote, .errorlist, .publication-checklist").all_inner_texts()
    shown += page.eval_on_selector_all(
        ".errorlist", "lists => lists.map(l => l.closest('[class*=field-]')?.className)"
    )
    assert "/change/" in page.url and "_checklist" not in page.url, shown
    assert "is now published" in page.locator(".messagelist").inner_text()

    with capsys.disabled():
        print("\n" + effort.line("staff workflow"))
    assert effort.popups == 0
    assert effort.page_loads <= MAX_PAGE_LOADS, effort.line("staff workflow")
    assert effort.clicks + effort.choices <= MAX_CLICKS_AND_CHOICES, effort.line("staff workflow")

    case = Case.objects.get(title=TITLE)
    assert case.publication_state == PublicationState.PUBLISHED
    assert case.state_changed_by == publisher
    records = [
        *case.detentions.all(),
        *case.asylumdecisions.all(),
        *case.appeals.all(),
        *case.extraditions.all(),
        *case.statements.all(),
    ]
    assert len(records) == 6
    subjects = {s.person for s in case.subjects.all()}
    for record in records:
        assert record.visibility == Visibility.PUBLIC
        assert set(record.people.all()) == subjects
        assert [s.title for s in record.sources.all()] == [
            "Two Tajik migrants face extradition from Russia"
        ]
    detention = case.detentions.get()
    assert (detention.started_on.isoformat(), detention.started_on_precision) == (
        "2024-03-01",
        DatePrecision.MONTH,
    )
    assert case.appeals.get(level="domestic_court").contests_decision == case.asylumdecisions.get()
    extradition = case.extraditions.get()
    assert (extradition.from_country.code, extradition.to_country.code) == ("RU", "TJ")
    assert Appeal.objects.get(level="un_treaty_body").body.acronym == "CAT"

    # A researcher finds it by either spelling, and the page tells the story by month.
    for spelling in ("Кодиров", "Qodirov"):
        page.goto(f"{site}/cases/?q={spelling}")
        assert page.get_by_role("link", name=TITLE).count() == 1, spelling
    page.get_by_role("link", name=TITLE).click()
    story = page.locator("main").inner_text()
    assert "March 2024" in story and "Human Rights Watch" in story
    assert "Sherzod Qodirov" in story and "Bakhtiyor Saidov" in story
