"""The public version: a number the database bumps in the same transaction as any change
to what public surfaces read (core/public_version.py explains the design).

This migration creates the tables and the two functions; the statement-level trigger on
each tracked table is installed after every migrate (core.public_version.install_triggers),
so a new model of a tracked app is covered without a migration of its own.
"""

from django.db import migrations

TABLES = """
CREATE TABLE core_public_version (
    id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    number bigint NOT NULL,
    changed_at timestamptz NOT NULL
);
INSERT INTO core_public_version (number, changed_at)
VALUES (1, date_trunc('second', clock_timestamp()));

-- One row per write statement of a transaction, deleted before its commit. Unlogged: its
-- rows never outlive their transaction, so they need no WAL (and no replica sees them).
CREATE UNLOGGED TABLE core_public_version_pending (
    id bigserial PRIMARY KEY,
    statement integer NOT NULL
);
"""

DROP_TABLES = "DROP TABLE core_public_version_pending; DROP TABLE core_public_version;"

# Statement-level AFTER trigger of every tracked table: numbers the transaction's write
# statements in a transaction-local setting and queues one deferred event per statement.
TOUCH_FUNCTION = """
CREATE OR REPLACE FUNCTION core_public_version_touch() RETURNS trigger
LANGUAGE plpgsql AS $touch$
DECLARE
    n integer := coalesce(
        nullif(current_setting('core.public_version_statement', true), ''), '0'
    )::integer + 1;
BEGIN
    PERFORM set_config('core.public_version_statement', n::text, true);
    INSERT INTO core_public_version_pending (statement) VALUES (n);
    RETURN NULL;
END
$touch$;
"""

# Fires at commit for each queued row, in the order they were queued. Only the last one
# bumps: the version row is then locked after every other deferred check of the transaction
# (Django's foreign keys are deferred, and take row locks), for the moment of the commit
# alone, so two committing transactions cannot wait on each other through it. A savepoint
# rolled back takes its rows and its setting with it, so the last surviving row still
# matches; a transaction rolled back bumps nothing.
BUMP_FUNCTION = """
CREATE OR REPLACE FUNCTION core_public_version_bump() RETURNS trigger
LANGUAGE plpgsql AS $bump$
BEGIN
    IF NEW.statement <> current_setting('core.public_version_statement')::integer THEN
        RETURN NULL;
    END IF;
    DELETE FROM core_public_version_pending;
    -- Each version gets a second of its own, later than the last one's, so that a
    -- Last-Modified (whole seconds in HTTP) names exactly one version.
    UPDATE core_public_version
    SET number = number + 1,
        changed_at = greatest(date_trunc('second', clock_timestamp()),
                              changed_at + interval '1 second')
    WHERE id = 1;
    RETURN NULL;
END
$bump$;

CREATE CONSTRAINT TRIGGER core_public_version_bump
AFTER INSERT ON core_public_version_pending
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION core_public_version_bump();
"""


class Migration(migrations.Migration):
    dependencies = [("core", "0001_extensions")]

    operations = [
        migrations.RunSQL(TABLES, DROP_TABLES),
        migrations.RunSQL(
            TOUCH_FUNCTION, "DROP FUNCTION IF EXISTS core_public_version_touch() CASCADE;"
        ),
        migrations.RunSQL(BUMP_FUNCTION, "DROP FUNCTION IF EXISTS core_public_version_bump();"),
    ]
