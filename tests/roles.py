"""The role groups, as the roles migration creates them, for tests that need them again.

A transaction=True test (every browser test) ends with a flush that also empties the
groups accounts/migrations/0001_roles.py created; tests after it recreate them here,
exactly as that migration does.
"""

import importlib

from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.roles import ROLES


def ensure_roles() -> None:
    if Group.objects.filter(name__in=ROLES).count() == len(ROLES):
        return
    migration = importlib.import_module("accounts.migrations.0001_roles")
    executor = MigrationExecutor(connection)
    state = executor.loader.project_state(executor.loader.graph.leaf_nodes())
    migration.create_roles(state.apps, type("Editor", (), {"connection": connection})())
