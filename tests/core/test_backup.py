"""A backup restored into an empty database holds exactly the same rows."""

import pytest
from django.core.management import call_command
from django.db import connection

from core.backup import dump, restore

pytestmark = pytest.mark.django_db(transaction=True)

CONTENT_SQL = """
SELECT table_name FROM information_schema.tables
WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name
"""


def fingerprint(cursor) -> dict[str, tuple[int, str]]:
    """Row count and an order-independent checksum of the content of every table."""
    cursor.execute(CONTENT_SQL)
    result = {}
    for (table,) in cursor.fetchall():
        rows = f'SELECT md5(t::text) AS row FROM "{table}" t'
        cursor.execute(
            f"SELECT count(*), md5(coalesce(string_agg(row, '' ORDER BY row), '')) FROM ({rows}) r"
        )
        result[table] = cursor.fetchone()
    return result


@pytest.fixture
def scratch_database():
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_round_trip_loses_nothing(tmp_path, scratch_database):
    call_command("load_demo", verbosity=0)
    path = dump(tmp_path / "backup.dump")
    with connection.cursor() as cursor:
        before = fingerprint(cursor)
    assert before["cases_case"][0] == 1
    restore(path, dbname=scratch_database)

    other = connection.copy()
    other.settings_dict = {**connection.settings_dict, "NAME": scratch_database}
    try:
        with other.cursor() as cursor:
            assert fingerprint(cursor) == before
    finally:
        other.close()


def test_restore_refuses_a_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        restore(tmp_path / "nothing.dump")
