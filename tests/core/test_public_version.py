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


def test_a_commit_waiting_on_a_row_lock_does_not_hold_the_version(make_case, make_person):
    """The bump comes after the transaction's deferred foreign-key checks: a commit that
    waits there for a row another transaction locked does not yet hold the version row,
    so that other transaction's own commit (and bump) goes through: no deadlock."""
    import threading

    from django.db import connections

    from cases.models import CaseSubject
    from organizations.models import Organization

    case, other_case, person = make_case(), make_case("Another case"), make_person()
    before = public_version.current()
    locked, errors = threading.Event(), []

    def writer():
        try:
            with transaction.atomic():
                Case.objects.filter(pk=other_case.pk).update(title="Renamed")  # First write.
                CaseSubject.objects.create(case=case, person=person, visibility="public")
                locked.wait(10)
            # The commit checks the foreign key to `person`, which the other one locks.
        except Exception as error:  # Reported by the assertion below.
            errors.append(error)
        finally:
            connections.close_all()

    with transaction.atomic():
        list(Person.objects.select_for_update().filter(pk=person.pk))
        thread = threading.Thread(target=writer)
        thread.start()
        locked.set()
        thread.join(1.5)  # Now waiting for the lock on `person`, at its commit.
        assert thread.is_alive()
        Organization.objects.create(name="Memorial", slug="memorial", kind="ngo")
    thread.join(20)
    assert not errors
    assert public_version.current().number == before.number + 2


def test_a_proposed_change_keeps_every_public_validator(make_case, django_user_model):
    """A proposal waits for review and moves nothing public (settings.PUBLIC_VERSION_IGNORED):
    readers keep their 304s until a publisher approves it."""
    from django.contrib.contenttypes.models import ContentType

    from cases.models import ChangeProposal

    case = make_case()
    editor = django_user_model.objects.create_user("editor", password="x")
    assert "cases_changeproposal" not in public_version.tables_with_trigger()
    before = public_version.current()
    proposal = ChangeProposal.objects.create(
        content_type=ContentType.objects.get_for_model(case),
        object_id=case.pk,
        case=case,
        object_repr=str(case),
        proposed_by=editor,
        diff=[{"field": "summary", "before": "", "after": "New"}],
    )
    proposal.delete()
    assert public_version.current() == before
