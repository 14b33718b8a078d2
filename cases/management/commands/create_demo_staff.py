"""python manage.py create_demo_staff: a staff superuser for trying the admin locally."""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "demo"
DEFAULT_PASSWORD = "demo-staff-2011"


class Command(BaseCommand):
    help = (
        "Create or update the demo staff superuser 'demo' (password from DEMO_PASSWORD, "
        f"default {DEFAULT_PASSWORD!r}). For local demos only."
    )

    def handle(self, *args, **options):
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
        port = os.environ.get("PORT") or "8000"
        user, _ = get_user_model().objects.get_or_create(username=USERNAME)
        user.is_staff = user.is_superuser = user.is_active = True
        # A demo account: the password is reset on every run so the printed one always works.
        user.set_password(password)
        user.save()
        self.stdout.write(
            f"Demo staff login: {USERNAME} / {password} at http://127.0.0.1:{port}/admin/"
        )
