"""The roles again, now that a case lists its sources (cases 0016, CaseSource).

Without this, editors and publishers could not add or change a case's sources on the
case page. Same rules as 0001, so rerunning 0001 on this schema gives the same groups.
"""

from importlib import import_module

from django.db import migrations

roles = import_module("accounts.migrations.0001_roles")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles_name_lexicon"), ("cases", "0016_casesource")]

    operations = [migrations.RunPython(roles.create_roles, migrations.RunPython.noop)]
