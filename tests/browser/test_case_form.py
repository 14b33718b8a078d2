"""The case add page in Chromium: a whole case entered in one pass, without a popup."""

import os

from cases.models import Case, CaseSource
from people.models import NameVariant

SHOTS = os.environ.get("CASEFORM_SCREENSHOTS", "")


def pick(page, field: str, text: str) -> None:
    """Choose in an autocomplete (select2) as staff do: open it, type, click the match."""
    page.click(f"{field} .select2-selection")
    page.fill(".select2-container--open .select2-search__field", text)
    page.click(f".select2-results__option:has-text('{text}')")


def sign_in(page, client, live_server):
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_the_case_add_page_records_people_sources_and_records_in_one_save(
    transactional_db, admin_client, live_server, page, make_organization
):
    make_organization("Federal Migration Service", acronym="FMS", kind="migration_authority")
    make_organization("Moscow City Court", acronym="", kind="court")
    popups, errors = [], []
    page.on("popup", lambda popup: popups.append(popup))
    page.on("pageerror", lambda error: errors.append(error))
    sign_in(page, admin_client, live_server)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/admin/cases/case/add/")

    page.fill("#id_title", "Two Tajik asylum seekers detained in Moscow")
    page.select_option("#id_host_country", "RU")
    page.fill("#id_subjects-0-new_name", "Rustam Nazarov")
    page.fill("#id_subjects-0-new_spellings", "Рустам Назаров")
    page.select_option("#id_subjects-0-role", "asylum_seeker")
    page.click("#subjects-group .add-row a")
    page.fill("#id_subjects-1-new_name", "Firuz Karimov")
    page.select_option("#id_subjects-1-role", "asylum_seeker")
    page.fill("#id_case_sources-0-url", "https://fergana.example/news/1")
    page.fill("#id_case_sources-0-title", "Two Tajiks detained in Moscow")
    page.select_option("#id_default_visibility", "public")

    page.click("#detentions-group .add-row a")
    page.fill("#id_detentions-0-place", "Moscow")
    page.fill("#id_detentions-0-started_on", "2024-03-01")
    page.click("#asylumdecisions-group .add-row a")
    page.select_option("#id_asylumdecisions-0-kind", "refugee_status")
    page.select_option("#id_asylumdecisions-0-outcome", "pending")
    pick(page, "#asylumdecisions-0 .field-authority", "Federal Migration")
    page.click("#appeals-group .add-row a")
    pick(page, "#appeals-0 .field-body", "Moscow City Court")
    page.select_option("#id_appeals-0-level", "domestic_court")
    # The appeal contests the decision entered above, not saved yet.
    page.select_option("#id_appeals-0-contests_decision", "new:asylumdecisions-0")

    # Every new record names both new people and cites the new source, ticked for it.
    for record in ("detentions-0", "asylumdecisions-0", "appeals-0"):
        boxes = page.locator(f"#id_{record}-people input[type=checkbox]")
        assert boxes.count() == 2
        assert all(boxes.nth(i).is_checked() for i in range(2))
        assert page.locator(f"#id_{record}-sources input[value='new:case_sources-0']").is_checked()
    assert page.input_value("#id_detentions-0-visibility") == "public"
    if SHOTS:
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{SHOTS}/case-add-{width}.png", full_page=True)
            for group in ("subjects", "case_sources", "detentions", "appeals"):
                shot = f"{SHOTS}/case-add-{width}-{group}.png"
                page.locator(f"#{group}-group").screenshot(path=shot)
    # The people table keeps its Delete column inside the page.
    table = page.locator("#subjects-group fieldset.module").bounding_box()
    assert table["x"] + table["width"] <= page.viewport_size["width"] + 1

    page.click("input[name=_save]")
    page.wait_for_load_state()
    shown = page.locator(".errors, .errornote").all_inner_texts()
    assert page.url.endswith("/admin/cases/case/"), shown

    assert popups == [] and errors == []
    case = Case.objects.get(title="Two Tajik asylum seekers detained in Moscow")
    detention = case.detentions.get()
    assert sorted(p.display_name for p in detention.people.all()) == [
        "Firuz Karimov",
        "Rustam Nazarov",
    ]
    assert [s.url for s in detention.sources.all()] == ["https://fergana.example/news/1"]
    assert detention.visibility == "public"
    assert case.appeals.get().contests_decision == case.asylumdecisions.get()
    assert CaseSource.objects.filter(case=case).count() == 1
    assert NameVariant.objects.get(text="Рустам Назаров").script == "cyrillic"
    # Saved, each record folds to a line that opens on click.
    page.goto(f"{live_server.url}/admin/cases/case/{case.pk}/change/")
    fold = page.locator("#detentions-0 details.record-fold")
    assert fold.get_attribute("open") is None
    if SHOTS:
        page.locator("#detentions-group").screenshot(path=f"{SHOTS}/case-change-folded.png")
    fold.locator("summary").click(position={"x": 4, "y": 4})  # not on its "Change" link
    assert page.locator("#id_detentions-0-place").is_visible()
