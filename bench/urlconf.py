"""The public URL patterns, walked from the URLconf, and the pattern each URL resolves to.

Everything but the admin prefix is public, so a URL added to the site without a
benchmark scenario shows up in `uncovered()` (tests/bench/test_scenarios.py).
"""

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve


def _join(prefix: str, pattern) -> str:
    # The same joining as ResolverMatch.route, so both sides compare equal.
    return URLResolver._join_route(prefix, str(pattern.pattern))


def _walk(patterns, prefix: str = ""):
    for pattern in patterns:
        route = _join(prefix, pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def public_routes() -> set[str]:
    """Every route of the URLconf outside the staff admin."""
    admin = settings.ADMIN_PATH.strip("/") + "/"
    return {route for route in _walk(get_resolver().url_patterns) if not route.startswith(admin)}


def route_of(path: str) -> str:
    return resolve(path.split("?", 1)[0]).route


def uncovered(paths) -> set[str]:
    """The public routes that none of `paths` reaches."""
    return public_routes() - {route_of(path) for path in paths}
