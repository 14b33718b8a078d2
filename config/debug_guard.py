"""DEBUG serves this machine only: nothing starts with it on another address or host name.

DEBUG shows source code, settings and data on every error page, and `make run` also uses
the public development secret key (anyone can sign sessions and cursors with it). Fine
on 127.0.0.1 for a demo; refused anywhere else, by settings (ALLOWED_HOSTS), by
runserver (core/management/commands/runserver.py) and by gunicorn (gunicorn.conf.py).
The messages are not translated: they are raised before Django's translations load.
"""

import ipaddress

REFUSAL = (
    "Refusing to serve {what} with DEBUG on: it shows source code, settings and data on "
    "error pages, and the default secret key lets anyone sign sessions. DEBUG is for "
    "127.0.0.1 only (make run); anywhere else set DEBUG=0 and a SECRET_KEY (README, "
    "Deployment)."
)


def is_loopback(host: str) -> bool:
    """localhost, *.localhost, 127.0.0.0/8 or ::1 (with or without brackets)."""
    host = host.strip().lower().removeprefix("[").removesuffix("]")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def refusal(what: str) -> str:
    return REFUSAL.format(what=what)
