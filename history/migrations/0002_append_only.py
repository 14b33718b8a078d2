"""History rows are append-only, and rows older than the history get a baseline event.

The refusing trigger function has no bypass switch (pgtrigger's Protect triggers honour
the `pgtrigger.ignore` setting, which any client may set): only dropping or disabling the
trigger, which needs the table's owner, removes it. TRUNCATE is not refused, because
Django's test flush uses it; deny it, UPDATE and DELETE to the application's database role
with privileges too where the deployment allows it.

Each row that exists when this migration runs gets one 'baseline' event, so the first
change made to it later shows its values before and after.
"""

from django.db import migrations

# (event table, tracked table, whether the event table has pgh_obj_id)
TABLES = [
    ("history_personevent", "people_person", True),
    ("history_namevariantevent", "people_namevariant", True),
    ("history_relationevent", "people_relation", True),
    ("history_contactdetailevent", "people_contactdetail", True),
    ("history_organizationevent", "organizations_organization", True),
    ("history_affiliationevent", "organizations_affiliation", True),
    ("history_caseevent", "cases_case", True),
    ("history_casesubjectevent", "cases_casesubject", True),
    ("history_sourceevent", "cases_source", True),
    ("history_detentionevent", "cases_detention", True),
    ("history_asylumdecisionevent", "cases_asylumdecision", True),
    ("history_appealevent", "cases_appeal", True),
    ("history_extraditionevent", "cases_extradition", True),
    ("history_statementevent", "cases_statement", True),
    ("history_eventevent", "cases_event", True),
    ("history_detentionpeopleevent", "cases_detention_people", False),
    ("history_detentionsourcesevent", "cases_detention_sources", False),
    ("history_asylumdecisionpeopleevent", "cases_asylumdecision_people", False),
    ("history_asylumdecisionsourcesevent", "cases_asylumdecision_sources", False),
    ("history_appealpeopleevent", "cases_appeal_people", False),
    ("history_appealsourcesevent", "cases_appeal_sources", False),
    ("history_extraditionpeopleevent", "cases_extradition_people", False),
    ("history_extraditionsourcesevent", "cases_extradition_sources", False),
    ("history_statementpeopleevent", "cases_statement_people", False),
    ("history_statementsourcesevent", "cases_statement_sources", False),
    ("history_eventpeopleevent", "cases_event_people", False),
    ("history_eventsourcesevent", "cases_event_sources", False),
]

REFUSE_FUNCTION = """
CREATE OR REPLACE FUNCTION history_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'History is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;
"""

PROTECT = """
DROP TRIGGER IF EXISTS history_append_only ON "{table}";
CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE ON "{table}"
FOR EACH STATEMENT EXECUTE FUNCTION history_refuse_change();
"""

UNPROTECT = 'DROP TRIGGER IF EXISTS history_append_only ON "{table}";'


def protect(apps, schema_editor):
    schema_editor.execute(REFUSE_FUNCTION, params=None)
    for event_table, _, _ in TABLES:
        schema_editor.execute(PROTECT.format(table=event_table), params=None)


def unprotect(apps, schema_editor):
    for event_table, _, _ in TABLES:
        schema_editor.execute(UNPROTECT.format(table=event_table))
    schema_editor.execute("DROP FUNCTION IF EXISTS history_refuse_change()")


def baseline(apps, schema_editor):
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for event_table, table, has_obj in TABLES:
            describe = connection.introspection.get_table_description
            kept = {column.name for column in describe(cursor, event_table)}
            columns = [c.name for c in describe(cursor, table) if c.name in kept]
            names = [*map(quote, columns), "pgh_created_at", "pgh_label", "pgh_context"]
            values = [*map(quote, columns), "clock_timestamp()", "'baseline'", "%s::jsonb"]
            if has_obj:
                names.append("pgh_obj_id")
                values.append("id")
            cursor.execute(
                f"INSERT INTO {quote(event_table)} ({', '.join(names)}) "
                f"SELECT {', '.join(values)} FROM {quote(table)} ORDER BY id",
                ['{"command": "migrate"}'],
            )


class Migration(migrations.Migration):
    dependencies = [("history", "0001_initial")]

    operations = [
        migrations.RunPython(protect, unprotect),
        migrations.RunPython(baseline, migrations.RunPython.noop),
    ]
