"""The public version moves with every committed change of what public surfaces read, in
the change's own transaction, and never for a change rolled back."""

import itertools

import pytest
from django.db import connection, transaction

from cases.models import Case
from core import public_version
from people.models import Person

pytestmark = pytest.mark.django_db(transaction=True)


def pending_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM core_public_version_pending")
        return cursor.fetchone()[0]


def test_a_transaction_of_many_statements_bumps_once_at_its_commit(make_case):
    before = public_version.current()
    with transaction.atomic():
        case = make_case()
        Case.objects.filter(pk=case.pk).update(title="Renamed")
        case.people_count = 29
        case.save()
        # Not yet: the bump is deferred to the commit, with the rest of the change.
        assert public_version.current() == before
    after = public_version.current()
    assert after.number == before.number + 1
    assert after.changed_at > before.changed_at
    assert pending_rows() == 0


def test_each_version_has_a_second_of_its_own(make_person):
    versions = [public_version.current()]
    for n in range(3):
        make_person(name=f"Person {n}")  # Autocommit: three transactions within a second.
        versions.append(public_version.current())
    numbers = [v.number for v in versions]
    assert numbers == list(range(numbers[0], numbers[0] + 4))
    seconds = [v.changed_at for v in versions]
    assert all(v.microsecond == 0 for v in seconds)
    assert all(later > earlier for earlier, later in itertools.pairwise(seconds))


def test_a_change_rolled_back_does_not_bump(make_person):
    before = public_version.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_person()
        raise RuntimeError
    assert public_version.current() == before
    # A savepoint rolled back inside a transaction that changes nothing else.
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            make_person()
            raise RuntimeError
        Case.objects.count()
    assert public_version.current() == before
    assert pending_rows() == 0


def test_a_savepoint_rolled_back_keeps_the_change_before_it(make_person):
    before = public_version.current()
    with transaction.atomic():
        make_person(name="Kept")
        with pytest.raises(RuntimeError), transaction.atomic():
            make_person(name="Dropped")
            raise RuntimeError
    assert public_version.current().number == before.number + 1
    assert pending_rows() == 0
    assert list(Person.objects.values_list("display_name", flat=True)) == ["Kept"]


def test_raw_sql_and_truncate_bump_too():
    before = public_version.current()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE people_person SET display_name = display_name")
    middle = public_version.current()
    assert middle.number == before.number + 1
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE cases_statement CASCADE")
    assert public_version.current().number == middle.number + 1


def test_reading_changes_nothing(make_person):
    make_person()
    before = public_version.current()
    with transaction.atomic():
        list(Person.objects.all())
        Case.objects.count()
    assert public_version.current() == before


def test_every_table_of_the_tracked_apps_has_the_trigger():
    tables = public_version.tracked_tables()
    assert {"cases_case", "people_person", "organizations_organization"} <= set(tables)
    assert set(tables) <= public_version.tables_with_trigger()
    # Installing again changes nothing (post_migrate runs it after every migrate).
    assert public_version.install_triggers() == tables
    assert public_version.tables_with_trigger() == set(tables)
