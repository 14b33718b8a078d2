"""The roles again, now that the name lexicon exists (cases 0010).

Administrators hold every permission of the content apps, the lexicon's included; editors
get none of them (0001's NOT_EDITED). Same rules as 0001, so rerunning 0001 on this schema
gives the same groups.
"""

from importlib import import_module

from django.db import migrations

roles = import_module("accounts.migrations.0001_roles")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_roles"), ("cases", "0010_casesearch_facets")]

    operations = [migrations.RunPython(roles.create_roles, migrations.RunPython.noop)]
