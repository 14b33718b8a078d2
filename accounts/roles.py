"""The staff roles, as groups created by accounts/migrations/0001_roles.py.

Give a person one of Editor, Publisher or Administrator, plus Confidential access when
they need to see confidential records and fields. Superusers have every permission.
"""

EDITOR = "Editor"
PUBLISHER = "Publisher"
CONFIDENTIAL_ACCESS = "Confidential access"
ADMINISTRATOR = "Administrator"

ROLES = (EDITOR, PUBLISHER, CONFIDENTIAL_ACCESS, ADMINISTRATOR)


def is_administrator(user) -> bool:
    """Superusers and members of the Administrator group: who sees the account and
    security tables (users, groups, sign-in attempts, authenticator devices)."""
    if user is None or not getattr(user, "is_active", False) or not user.is_staff:
        return False
    return user.is_superuser or user.groups.filter(name=ADMINISTRATOR).exists()
