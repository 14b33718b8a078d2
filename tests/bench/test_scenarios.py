"""The benchmark's scenarios are found from the URLconf: a new public URL cannot hide."""

import pytest

from bench.urlconf import public_routes, route_of, uncovered


def test_public_routes_are_every_route_but_the_admin():
    routes = public_routes()
    assert {"", "robots.txt", "cases/<slug:slug>/", "api/statements/<int:pk>/"} <= routes
    assert "people/<slug:slug>/" in routes
    assert not [route for route in routes if route.startswith("admin/")]
    assert route_of("/cases/x/feed/?q=a") == "cases/<slug:slug>/feed/"


@pytest.mark.urls("tests.bench.extra_urls")
def test_a_public_url_without_a_scenario_is_uncovered():
    assert "new-public-page/<slug:slug>/" in uncovered(["/", "/robots.txt"])
    assert "new-public-page/<slug:slug>/" not in uncovered(["/new-public-page/any/"])
