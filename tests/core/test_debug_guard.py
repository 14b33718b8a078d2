"""DEBUG (and the development key) serve this machine only: nothing starts with them elsewhere."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from config.debug_guard import is_loopback

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def run(*command, **env):
    """A fresh process with DEBUG and the given environment; it must exit by itself."""
    inherited = {name: value for name, value in os.environ.items() if name != "ALLOWED_HOSTS"}
    environment = {**inherited, "DEBUG": "1", **env}
    return subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    "host, loopback",
    [
        ("127.0.0.1", True), ("127.1.2.3", True), ("::1", True), ("[::1]", True),
        ("localhost", True), ("app.localhost", True), ("0.0.0.0", False), ("0", False),
        ("::", False), ("192.168.1.5", False), ("cases.example.org", False), ("*", False),
    ],
)  # fmt: skip
def test_loopback_addresses(host, loopback):
    assert is_loopback(host) is loopback


def test_runserver_refuses_debug_on_a_public_address(settings):
    settings.DEBUG = True
    for address in ("0.0.0.0:8000", "0:8000", "192.168.1.5:8000", "[::]:8000"):
        with pytest.raises(CommandError, match=r"Refusing to serve .* with DEBUG on"):
            call_command("runserver", address, use_reloader=False)


def test_manage_py_runserver_refuses_debug_on_all_addresses():
    result = run(str(BIN / "python"), "manage.py", "runserver", "0.0.0.0:8000")
    assert result.returncode != 0
    assert "Refusing to serve on 0.0.0.0 with DEBUG on" in result.stderr


def test_debug_with_a_public_host_name_refuses_to_load_the_settings():
    code = "import django; django.setup()"
    result = run(str(BIN / "python"), "-c", code, ALLOWED_HOSTS="cases.example.org,localhost")
    assert result.returncode != 0
    assert "Refusing to serve the hosts cases.example.org, localhost with DEBUG on" in result.stderr
    assert run(str(BIN / "python"), "-c", code, ALLOWED_HOSTS="localhost,127.0.0.1").returncode == 0
    assert run(str(BIN / "python"), "-c", code, ALLOWED_HOSTS="*", DEBUG="0").returncode == 0


def test_gunicorn_refuses_debug_on_a_public_address():
    result = run(str(BIN / "gunicorn"), "config.wsgi", "--bind", "0.0.0.0:0")
    assert result.returncode != 0
    assert "Refusing to serve on 0.0.0.0 with DEBUG on" in result.stderr


def test_the_demo_login_says_it_is_for_this_machine_only(db, settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("create_demo_staff", stdout=out)
    printed = out.getvalue()
    assert "Demo staff logins at http://127.0.0.1:" in printed and "demo-admin" in printed
    assert "DEBUG on" in printed and "the public development secret key" in printed
    assert "fine on 127.0.0.1, never on another address" in printed
