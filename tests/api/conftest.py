"""Fixtures of the API tests: a clean throttle history around every test."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_throttle_history():
    """DRF keeps throttle history in the default cache (LocMem): never across tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def no_throttle(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None},
    }
