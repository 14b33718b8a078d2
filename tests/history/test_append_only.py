"""History rows can be added, never changed or removed: the database refuses."""

import pytest
from django.db import DatabaseError, connection, transaction

from history.models import EVENT_MODELS
from people.models import Person

PROTECTED_TABLES_SQL = """
SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
WHERE t.tgname = 'history_append_only' AND t.tgenabled = 'O'
"""


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE {table} SET pgh_label = 'forged', display_name = 'Someone else'",
        "DELETE FROM {table}",
        "DELETE FROM {table} WHERE false",
    ],
)
def test_raw_sql_cannot_change_or_remove_events(make_person, sql):
    person = make_person("Rafshan Turaev")
    table = EVENT_MODELS[Person]._meta.db_table
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql.format(table=table))
    event = EVENT_MODELS[Person].objects.get(pgh_obj=person)
    assert (event.pgh_label, event.display_name) == ("insert", "Rafshan Turaev")


def test_the_orm_cannot_change_or_remove_events(make_person):
    make_person()
    events = EVENT_MODELS[Person].objects.all()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        events.update(pgh_label="forged")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        events.get().delete()
    assert events.get().pgh_label == "insert"


def test_the_pgtrigger_ignore_setting_does_not_lift_the_protection(make_person):
    make_person()
    table = EVENT_MODELS[Person]._meta.db_table
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SELECT set_config('pgtrigger.ignore', '{history_append_only}', true)")
        cursor.execute(f"DELETE FROM {table}")


def test_every_event_table_is_protected(db):
    with connection.cursor() as cursor:
        cursor.execute(PROTECTED_TABLES_SQL)
        protected = {name for (name,) in cursor.fetchall()}
    assert {events._meta.db_table for events in EVENT_MODELS.values()} <= protected
