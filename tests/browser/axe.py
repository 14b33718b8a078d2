"""axe-core checks for browser tests: axe-playwright-python carries axe.min.js (installed
with the dev dependencies by `make test`), so nothing is downloaded when tests run."""

from functools import cache

from axe_playwright_python.sync_playwright import Axe

SERIOUS = ("serious", "critical")


@cache
def _axe() -> Axe:
    return Axe()  # reads the bundled axe.min.js once


def axe_violations(page, impacts=SERIOUS, context=None) -> list[dict]:
    """The axe-core violations on the page as it is now (of the given impacts; None for
    all): each a dict with axe's id, impact, help and nodes (their targets and HTML).
    `context` limits the check to part of the page (a CSS selector or axe context)."""
    results = _axe().run(page, context=context)
    violations = results.response["violations"]
    if impacts is None:
        return violations
    return [violation for violation in violations if violation["impact"] in impacts]


def axe_report(violations: list[dict]) -> str:
    """A short report to put in an assertion message: rule, impact, help, where."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines += [f"    {', '.join(map(str, node['target']))}" for node in violation["nodes"]]
    return "\n".join(lines)


def assert_no_axe_violations(page, impacts=SERIOUS, what: str = "") -> None:
    """Fails with a readable report when axe finds violations of these impacts."""
    violations = axe_violations(page, impacts)
    assert not violations, f"{what or page.url}:\n{axe_report(violations)}"
