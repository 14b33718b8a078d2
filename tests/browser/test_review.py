"""Review of a proposed change in Chromium: an editor proposes on a published case, a
publisher compares the public page as it is and as it would be, approves, and the public
page changes; axe-core finds nothing serious on the review page at 1280 and 390 wide."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from accounts.roles import EDITOR, PUBLISHER
from cases.models import Case, ChangeProposal
from tests.admin_helpers import admin_url

pytestmark = pytest.mark.django_db(transaction=True)
SCREENSHOTS = os.environ.get("SCREENSHOTS")
NEW = "The men were extradited on 9 June 2011 despite the UN committee's request."


def signed_in(context, client, live_server):
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def serious(results) -> list:
    return [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def test_an_editor_proposes_a_publisher_compares_and_approves(
    browser, live_server, staff_user, story
):
    editor_context, publisher_context = browser.new_context(), browser.new_context()
    editor = signed_in(editor_context, staff_user([EDITOR]), live_server)
    editor.goto(live_server.url + admin_url(Case, "change", story.pk))
    editor.locator("#id_summary").fill(NEW)
    editor.locator("input[name=_save]").first.click()
    editor.wait_for_load_state()
    assert "saved as a proposal" in editor.locator(".messagelist").inner_text()
    public = editor_context.new_page()
    public.goto(live_server.url + story.get_absolute_url())
    assert NEW not in public.content()

    publisher = signed_in(publisher_context, staff_user([PUBLISHER]), live_server)
    publisher.goto(live_server.url + "/admin/")
    publisher.locator("#proposed-changes").get_by_role("link", name=story.title).click()
    publisher.wait_for_load_state()
    panes = publisher.locator(".review-panes iframe")
    assert panes.count() == 2
    for width in (1280, 390):
        publisher.set_viewport_size({"width": width, "height": 900})
        publisher.reload()
        current = publisher.frame_locator(".review-panes figure:nth-child(1) iframe")
        proposed = publisher.frame_locator(".review-panes figure:nth-child(2) iframe")
        proposed.get_by_text(NEW).wait_for()
        assert NEW not in current.locator("body").inner_text()
        assert "Twenty-nine men held in Almaty." in current.locator("body").inner_text()
        if SCREENSHOTS:
            Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
            publisher.screenshot(path=f"{SCREENSHOTS}/review-{width}.png", full_page=True)
        results = Axe().run(publisher, context="#content-main")
        assert not serious(results), results.generate_report()
        diff = publisher.locator(".review-diff").bounding_box()
        assert diff["x"] + diff["width"] <= width  # nothing overflows the page

    publisher.get_by_role("button", name="Approve and publish").click()
    publisher.wait_for_load_state()
    assert "approved" in publisher.locator(".messagelist").inner_text()
    assert ChangeProposal.objects.get().state == "approved"
    public.reload()
    assert NEW in public.content()
    editor_context.close()
    publisher_context.close()
