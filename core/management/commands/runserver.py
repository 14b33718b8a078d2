"""runserver that refuses DEBUG on any address but loopback (config/debug_guard.py)."""

from django.conf import settings
from django.core.management.base import CommandError
from whitenoise.runserver_nostatic.management.commands.runserver import (
    Command as RunserverCommand,
)

from config.debug_guard import is_loopback, refusal


class Command(RunserverCommand):
    def run(self, **options):
        # Called once the address is parsed, before the autoreloader or any socket.
        if settings.DEBUG and not is_loopback(self.addr):
            raise CommandError(refusal(f"on {self.addr}"))
        super().run(**options)
