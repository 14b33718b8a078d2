"""The public version: one number that changes whenever anything public surfaces read may
have changed, kept by the database in the same transaction as the change.

Every table of the apps in settings.PUBLIC_VERSION_APPS (and their many-to-many tables)
has a statement-level trigger (`zz_public_version`) that queues a deferred event; at
commit the last one queued bumps `core_public_version` (migration core 0002 holds the SQL
and says why it is built that way). A change is therefore visible exactly when the new
number is: a reader that sees the old number sees none of the change, and a transaction
rolled back bumps nothing. Validators of public responses (core/conditional.py) and the
replica router compare this number.
"""

import datetime
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.db import connections

TRIGGER = "zz_public_version"  # Named to fire after the other statement-level triggers.


class PublicVersion(NamedTuple):
    number: int
    # Whole seconds, a later second for each number (never shared between two versions).
    changed_at: datetime.datetime


def current(using: str = "default") -> PublicVersion:
    """The committed public version, in one query."""
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT number, changed_at FROM core_public_version WHERE id = 1")
        number, changed_at = cursor.fetchone()
    return PublicVersion(number, changed_at)


def tracked_tables() -> list[str]:
    """The tables whose changes bump the version: every concrete model of the tracked apps,
    with the through tables Django creates for their many-to-many fields."""
    tables = set()
    for label in settings.PUBLIC_VERSION_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            ignored = model._meta.label in settings.PUBLIC_VERSION_IGNORED
            if model._meta.managed and not model._meta.proxy and not ignored:
                tables.add(model._meta.db_table)
    return sorted(tables)


def install_triggers(using: str = "default", **kwargs) -> list[str]:
    """Create (or replace) the trigger on every tracked table that exists; idempotent.

    Connected to post_migrate (core.apps), so a model added to a tracked app is covered by
    the migrate that creates its table. Returns the tables it covered.
    """
    connection = connections[using]
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        if "core_public_version" not in existing:
            return []  # Migrated to before core 0002.
        covered = [table for table in tracked_tables() if table in existing]
        for model_label in settings.PUBLIC_VERSION_IGNORED:
            table = apps.get_model(model_label)._meta.db_table
            if table in existing:
                cursor.execute(
                    f"DROP TRIGGER IF EXISTS {TRIGGER} ON {connection.ops.quote_name(table)}"
                )
        for table in covered:
            cursor.execute(
                f"CREATE OR REPLACE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR "
                f"TRUNCATE ON {connection.ops.quote_name(table)} "
                "FOR EACH STATEMENT EXECUTE FUNCTION core_public_version_touch()"
            )
    return covered


def tables_with_trigger(using: str = "default") -> set[str]:
    """The tables that carry the trigger, as the database says."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = %s", [TRIGGER]
        )
        return {row[0].strip('"') for row in cursor.fetchall()}
