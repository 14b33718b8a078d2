"""The roles again, now that the search rebuild's progress is a model (cases 0029).

Administrators hold every permission of the content apps, SearchRebuild's included;
editors and publishers get none of them (0001's NOT_EDITED). Same rules as 0001, so
rerunning 0001 on this schema gives the same groups.
"""

from importlib import import_module

from django.db import migrations

roles = import_module("accounts.migrations.0001_roles")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_roles_case_sources"), ("cases", "0029_searchrebuild")]

    operations = [migrations.RunPython(roles.create_roles, migrations.RunPython.noop)]
