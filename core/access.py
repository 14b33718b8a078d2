"""Who may see confidential data: the one definition every staff surface asks."""

VIEW_CONFIDENTIAL = "cases.view_confidential"


def can_see_confidential(user) -> bool:
    """Active superusers, and active staff granted the cases.view_confidential permission."""
    if user is None or not getattr(user, "is_active", False):
        return False
    return bool(user.is_superuser or user.has_perm(VIEW_CONFIDENTIAL))
