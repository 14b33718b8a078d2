"""Login throttling in three layers (django-axes), each with its own limit.

Failures are counted per account from one address (a typo-prone colleague), per account
from every address (one account guessed from many machines) and per address over every
account (one machine trying many accounts); a login locks for AXES_COOLOFF_TIME as soon
as any count reaches its limit (settings.LOGIN_FAILURE_LIMITS).
"""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit, get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def _names(parameter) -> str:
    return parameter if isinstance(parameter, str) else "+".join(parameter)


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or behind LOGIN_PROXY_COUNT trusted proxies the one
    the outermost proxy saw. X-Forwarded-For is read from the right, where our proxies
    append; what is left of them is the client's own word and would let it pick an
    address per attempt."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.LOGIN_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if not count or not forwarded:
        return remote
    address = forwarded[-min(count, len(forwarded))]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return remote  # not an address: the proxies are fewer than configured


class LayeredLockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        """Failures as django-axes compares them with AXES_FAILURE_LIMIT: the count nearest
        its own limit, shifted by the difference of the limits, so that the login locks
        when any count reaches its own."""
        base = get_failure_limit(request, credentials)
        parameters = get_lockout_parameters(request, credentials)
        attempts_list = self.get_user_attempts(request, credentials)
        worst = 0
        for parameter, attempts in zip(parameters, attempts_list, strict=True):
            failures = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            worst = max(worst, failures + base - settings.LOGIN_FAILURE_LIMITS[_names(parameter)])
        return worst

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful sign-in clears its own account's failures from its own address only:
        anyone with an account of their own must not wipe what their address did to
        other accounts."""
        count, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        ).delete()
        return count
