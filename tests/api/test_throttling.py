"""Anonymous clients are throttled: 429 with Retry-After and a JSON body."""

import os

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_per_minute(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/min"},
    }


def test_over_the_rate_answers_429_with_retry_after(client, three_per_minute):
    for url in ("/api/cases/", "/api/people/", "/api/cases/missing/"):
        assert client.get(url).status_code in (200, 404)
    response = client.get("/api/organizations/")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert 0 < int(response["Retry-After"]) <= 60
    assert "throttled" in response.json()["detail"]


def test_each_client_has_its_own_budget(client, three_per_minute):
    for _ in range(3):
        client.get("/api/cases/", REMOTE_ADDR="192.0.2.1")
    assert client.get("/api/cases/", REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get("/api/cases/", REMOTE_ADDR="192.0.2.2").status_code == 200
    # A forged X-Forwarded-For does not buy a new budget (no trusted proxy by default).
    forged = client.get("/api/cases/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert forged.status_code == 429


def test_the_public_pages_are_not_throttled(client, three_per_minute):
    for _ in range(5):
        assert client.get("/cases/").status_code == 200


def test_the_rate_comes_from_the_environment():
    from config import settings as project_settings

    rate = project_settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"]
    assert rate == os.environ.get("API_ANON_RATE", "120/min")
