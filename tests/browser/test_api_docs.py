"""The API documentation page works in a real browser under the site's CSP."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

OPERATIONS = 10


def test_the_docs_page_renders_every_operation_without_csp_violations(page, live_server):
    errors, violations = [], []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Recorded by the page itself, before any of its scripts run.
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    page.goto(live_server.url + "/api/docs/")
    operations = page.locator(".opblock")
    operations.first.wait_for()
    assert operations.count() == OPERATIONS
    assert page.get_by_text("Search public cases").is_visible()
    assert page.get_by_text("Case tracker public API").first.is_visible()

    # Try one operation: the request goes to the app itself and its answer is shown.
    page.locator(".opblock-summary-path", has_text="/api/people/").first.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    page.locator(".live-responses-table tbody .response-col_status").first.wait_for()
    assert (
        "200" in page.locator(".live-responses-table tbody .response-col_status").first.inner_text()
    )

    violations = page.evaluate("window.__violations")
    assert violations == []
    assert errors == []
    assert all(url.startswith(live_server.url) for url in requests), requests
