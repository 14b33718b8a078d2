"""The search SQL the code generates now, and the SQL the migrations froze.

The database runs SQL functions and triggers generated from the models
(cases/search/document_sql.py) and from the name folds (people/names.py). Each change is
frozen, as text, into a migration of the app that owns it, in module-level constants
(REFRESH_FUNCTION, TOUCH_FUNCTION, TRIGGERS in cases; FOLD_WORD, FOLD_NAME in people).
What the database runs is found through the migration graph: the latest migration on the
app's plan that defines the constant. `python manage.py makesearchmigration` compares the
two and writes the next migration (cases/search/migration_writer.py).
"""

import sys
from dataclasses import dataclass

from django.core.management import CommandError
from django.db.migrations.loader import MigrationLoader


def cases_sql() -> dict[str, str]:
    from cases.search import document_sql

    return {
        "REFRESH_FUNCTION": document_sql.refresh_function_sql(),
        "TOUCH_FUNCTION": document_sql.TOUCH_FUNCTION_SQL,
        "TRIGGERS": document_sql.triggers_sql(),
    }


def people_sql() -> dict[str, str]:
    from people.names import fold_functions_sql

    return fold_functions_sql()


# The apps whose migrations freeze generated SQL, and what each generates.
GENERATED = {"cases": cases_sql, "people": people_sql}


@dataclass(frozen=True)
class Frozen:
    """One constant as the latest migration on the app's plan froze it."""

    migration: str  # the migration's name, "0023_search_sql_shown"
    sql: str


def leaf(loader: MigrationLoader, app_label: str) -> tuple[str, str]:
    leaves = loader.graph.leaf_nodes(app_label)
    if len(leaves) != 1:
        raise CommandError(
            f"{app_label} has {len(leaves)} leaf migrations: merge them first "
            "(makemigrations --merge)."
        )
    return leaves[0]


def frozen_sql(loader: MigrationLoader, app_label: str) -> dict[str, Frozen]:
    """Each generated constant of the app, from the latest migration on its plan defining it."""
    wanted = set(GENERATED[app_label]())
    found = {}
    for key in reversed(loader.graph.forwards_plan(leaf(loader, app_label))):
        if not wanted - set(found):
            break
        if key[0] != app_label:
            continue
        module = sys.modules[type(loader.graph.nodes[key]).__module__]
        for constant in wanted - set(found):
            if hasattr(module, constant):
                found[constant] = Frozen(key[1], getattr(module, constant))
    return found


def changes(loader: MigrationLoader, app_label: str) -> dict[str, tuple[str, Frozen | None]]:
    """The constants whose generated SQL differs from the frozen one: name → (now, frozen)."""
    frozen = frozen_sql(loader, app_label)
    return {
        constant: (sql, frozen.get(constant))
        for constant, sql in GENERATED[app_label]().items()
        if constant not in frozen or frozen[constant].sql != sql
    }
