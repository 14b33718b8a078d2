from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    """The Django admin, with the two-factor staff site of config/admin_site.py."""

    default_site = "config.admin_site.StaffAdminSite"
