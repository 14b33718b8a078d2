"""python manage.py create_demo_staff: one staff account per role, for trying the admin locally."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import ADMINISTRATOR, CONFIDENTIAL_ACCESS, EDITOR, PUBLISHER

DEFAULT_PASSWORD = "demo-staff-2011"
# username → (roles, what the account is for); every role of accounts/roles.py has one.
ACCOUNTS = {
    "demo-editor": ((EDITOR,), gettext_lazy("records and edits cases, submits them for review")),
    "demo-publisher": ((PUBLISHER,), gettext_lazy("also publishes and withdraws cases")),
    "demo-confidential": (
        (EDITOR, CONFIDENTIAL_ACCESS),
        gettext_lazy("an editor who also sees confidential records and fields"),
    ),
    "demo-admin": ((ADMINISTRATOR,), gettext_lazy("everything, including staff accounts")),
}
# The single superuser earlier versions created: a known password must not outlive them.
OLD_SUPERUSER = "demo"


class Command(BaseCommand):
    help = (
        f"Create or update one demo staff account per role ({', '.join(ACCOUNTS)}; password "
        f"from DEMO_PASSWORD, default {DEFAULT_PASSWORD!r}). For local demos only."
    )

    def handle(self, *args, **options):
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
        port = os.environ.get("PORT") or "8000"
        for username, (roles, _purpose) in ACCOUNTS.items():
            demo_account(username, roles, password)
        retired = retire_old_superuser()
        self.stdout.write(
            _("Demo staff logins at %(url)s, password %(password)s for each:")
            % {"url": f"http://127.0.0.1:{port}/admin/", "password": password}
        )
        width = max(len(name) for name in ACCOUNTS)
        for username, (roles, purpose) in ACCOUNTS.items():
            self.stdout.write(f"  {username:<{width}}  {' + '.join(roles)}: {purpose}")
        if retired:
            self.stdout.write(_("The old demo superuser '%(name)s' is deactivated.") % retired)
        # Said where the logins are printed: this is what someone copying the setup reads.
        risks = [_("staff accounts whose password is printed here")]
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


def demo_account(username: str, roles: tuple[str, ...], password: str):
    """A staff member with exactly these roles' permissions: no superuser, no extras."""
    user, _created = get_user_model().objects.get_or_create(username=username)
    user.is_staff = user.is_active = True
    user.is_superuser = False
    # A demo account: the password is reset on every run so the printed one always works.
    user.set_password(password)
    user.save()
    user.groups.set(Group.objects.filter(name__in=roles))
    user.user_permissions.clear()
    return user


def retire_old_superuser() -> dict | None:
    retired = get_user_model().objects.filter(
        username=OLD_SUPERUSER, is_superuser=True, is_active=True
    )
    if not retired.update(is_active=False):
        return None
    return {"name": OLD_SUPERUSER}
