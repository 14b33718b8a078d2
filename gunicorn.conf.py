"""Read by gunicorn from the project folder: DEBUG never binds beyond loopback."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def on_starting(server):
    """Before any socket is opened (config/debug_guard.py)."""
    from django.conf import settings

    from config.debug_guard import is_loopback, refusal

    if not settings.DEBUG:
        return
    for address in server.cfg.address:
        # (host, port) of a TCP bind; a Unix socket path (a str) is local by nature.
        if isinstance(address, tuple) and not is_loopback(str(address[0])):
            raise SystemExit(refusal(f"on {address[0]}"))
