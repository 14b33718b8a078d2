"""Signing staff in from a browser test.

Browser tests run with transaction=True, whose flush also empties the groups the roles
migration created: `ensure_roles` (tests/roles.py) creates them again.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.roles import ensure_roles

PASSWORD = "browser-staff-2011"


def staff_member(*roles: str, username: str | None = None):
    """A staff member in these roles (accounts.roles) with the password PASSWORD."""
    ensure_roles()
    username = username or "browser-" + "-".join(role.split()[0].lower() for role in roles)
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.set(Group.objects.filter(name__in=roles))
    assert user.groups.count() == len(roles), f"unknown role among {roles}"
    return user


def sign_in(page, site: str, *roles: str):
    """Signs a new staff member in these roles in through the admin's sign-in page; returns
    the user. Roles without confidential access need no second factor."""
    user = staff_member(*roles)
    page.goto(site + "/admin/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site + "/admin/")
    return user
