"""Production configuration and the protective headers every response carries."""

import os
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "k3Jq9-vT2pLx8R_wz5Nb0YcHd7MfUa4Gs6Ee1Wr-QoZiVt3Xy8Lm2Pn4Bv6Cx0",
    "ALLOWED_HOSTS": "cases.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://cases.example.org",
}


def outside_env() -> dict:
    """The environment without what the test session itself set (browser tests, DEBUG)."""
    dropped = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {k: v for k, v in os.environ.items() if k not in dropped}


def test_production_settings_pass_the_deployment_check():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={**outside_env(), **PRODUCTION_ENV},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_development_key_is_flagged_in_production():
    production = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={**outside_env(), **production},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "security.W009" in result.stderr


def test_public_pages_carry_security_headers(client, db):
    response = client.get("/", secure=True)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "max-age=" in response["Strict-Transport-Security"]


def test_staff_pages_are_never_stored(client, db):
    response = client.get("/admin/login/")
    assert "no-store" in response["Cache-Control"]
    assert "no-store" not in client.get("/").get("Cache-Control", "")


def test_plain_http_is_redirected_in_production(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/cases/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
