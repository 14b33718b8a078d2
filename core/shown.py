"""Whether a published case shows a person or an organization, as a database function.

The rule stays defined once, in Python: the apps' Appearances (core.models.APPEARANCES,
filled by cases/models/appearances.py). Asked inline, it is an OR of a dozen nested
EXISTS that PostgreSQL plans anew for each query (15–25 ms for one organization by its
slug at a million cases) and Django compiles anew (10–20 ms). Compiled once into a
PL/pgSQL function, it is planned once per connection (PL/pgSQL keeps its plans) and
compiled as a single call: `public_shows_person(id)`.

install_functions() runs after every migrate (core.apps), like the public version's
triggers, so the function always matches the code that migrated; tests compare the
installed source with what the code compiles now (tests/core/test_shown.py).
"""

from django.core import checks
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models import BooleanField, F, Func
from django.db.models.expressions import RawSQL

# The function's argument; named so that it cannot be taken for a column.
ARGUMENT = "shown_target"


def function_name(model) -> str:
    return f"public_shows_{model._meta.model_name}"


def condition(model) -> Func:
    """The test that a published case shows each row (the function called on its key)."""
    return Func(F("pk"), function=function_name(model), output_field=BooleanField())


def function_body(label: str, connection) -> str:
    """The function's SQL expression: an EXISTS per appearance, OR-ed, in their order
    (PostgreSQL stops at the first that holds)."""
    from core.models import APPEARANCES

    conditions = []
    for appearance in APPEARANCES[label]():
        rows = appearance.rows.filter(**{appearance.shows: RawSQL(ARGUMENT, ())})
        query = rows.order_by().values("pk").query
        sql, params = query.get_compiler(connection=connection).as_sql()
        conditions.append(f"EXISTS ({connection.ops.compose_sql(sql, params)})")
    return "\n    OR ".join(conditions)


def function_sql(model, connection) -> str:
    key_type = model._meta.pk.rel_db_type(connection)
    return (
        f"CREATE OR REPLACE FUNCTION {function_name(model)}({ARGUMENT} {key_type})\n"
        "RETURNS boolean LANGUAGE plpgsql STABLE PARALLEL SAFE\n"
        # One plan for any key, made at the first call of a connection: each EXISTS
        # probes an index on the key, whatever its value.
        "SET plan_cache_mode = force_generic_plan AS $shown$\n"
        f"BEGIN\n  RETURN {function_body(model._meta.label, connection)};\nEND\n$shown$"
    )


def shown_models() -> list:
    from django.apps import apps

    from core.models import APPEARANCES

    return [apps.get_model(label) for label in sorted(APPEARANCES)]


def install_functions(using: str = "default", **kwargs) -> list[str]:
    """Create (or replace) the function of every model with appearances whose tables
    exist; idempotent. Returns the functions installed."""
    connection = connections[using]
    installed = []
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        for model in shown_models():
            if model._meta.db_table not in existing:
                continue
            cursor.execute(function_sql(model, connection))
            installed.append(function_name(model))
    return installed


@checks.register(checks.Tags.database)
def check_functions_current(app_configs=None, databases=None, **kwargs) -> list:
    """`manage.py check --database default` (and `check --deploy` with it): the installed
    functions are the ones this code compiles, i.e. `migrate` ran after the appearances
    last changed. A stale function would answer an older rule of who is public."""
    errors = []
    for alias in databases or ():
        connection = connections[alias]
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            continue  # Not migrated yet: the migrate about to run installs the functions.
        with connection.cursor() as cursor:
            for model in shown_models():
                cursor.execute(
                    "SELECT prosrc FROM pg_proc WHERE proname = %s", [function_name(model)]
                )
                row = cursor.fetchone()
                if row is None or function_body(model._meta.label, connection) not in row[0]:
                    errors.append(
                        checks.Error(
                            f"{function_name(model)}() in database {alias!r} is missing or "
                            "older than the code's appearances.",
                            hint="Run `python manage.py migrate`: it installs the function.",
                            id="core.E010",
                        )
                    )
    return errors
