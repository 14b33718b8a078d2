"""python manage.py create_demo_staff: a staff superuser for trying the admin locally."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

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
        user, _created = get_user_model().objects.get_or_create(username=USERNAME)
        user.is_staff = user.is_superuser = user.is_active = True
        # A demo account: the password is reset on every run so the printed one always works.
        user.set_password(password)
        user.save()
        self.stdout.write(
            _("Demo staff login: %(username)s / %(password)s at %(url)s")
            % {"username": USERNAME, "password": password, "url": f"http://127.0.0.1:{port}/admin/"}
        )
        # Said where the login is printed: this is what someone copying the setup reads.
        risks = [_("a superuser whose password is printed here")]
        if settings.DEBUG:
            risks.append(_("DEBUG on"))
        if settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
            risks.append(_("the public development secret key"))
        self.stdout.write(
            self.style.WARNING(
                _(
                    "For a demo on this machine only (%(risks)s): fine on 127.0.0.1, never on "
                    "another address; runserver and gunicorn refuse DEBUG there. To deploy, "
                    "see README, Deployment."
                )
                % {"risks": ", ".join(str(risk) for risk in risks)}
            )
        )
