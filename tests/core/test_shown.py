"""Person and Organization public() ask a database function compiled from the apps'
Appearances (core.shown): installed by migrate, equal to what the code compiles now,
and giving the rule's answers."""

import pytest
from django.db import connection

from cases.models import PublicationState
from core import shown
from organizations.models import Organization
from people.models import Person


def installed_source(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_functiondef(%s::regproc)", [name])
        return cursor.fetchone()[0]


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Person, Organization])
def test_migrate_installs_the_function_the_code_compiles_now(model):
    # Run after every migrate: a change to the appearances reaches the database with the
    # migrate that deploys it (the test database was migrated by this code).
    body = shown.function_body(model._meta.label, connection)
    assert body in installed_source(shown.function_name(model))
    assert body.count("EXISTS") >= 2


@pytest.mark.django_db
def test_the_function_answers_the_rule(make_case, make_person, make_subject):
    case = make_case(state=PublicationState.DRAFT)
    person = make_person()
    subject = make_subject(case, person)
    assert not Person.objects.public().filter(pk=person.pk).exists()  # Case not published.

    case.publication_state = PublicationState.PUBLISHED
    case.save()
    assert list(Person.objects.public()) == [person]

    subject.visibility = "internal"
    subject.save()  # Their only public part is gone: so are they.
    assert not Person.objects.public().exists()


@pytest.mark.django_db
def test_public_people_compile_to_one_call(django_assert_max_num_queries):
    sql = str(Person.objects.public().query)
    assert f"{shown.function_name(Person)}(" in sql
    assert "EXISTS" not in sql  # The appearances live in the function, planned once.


@pytest.mark.django_db
def test_the_check_finds_a_function_older_than_the_code():
    assert shown.check_functions_current(databases=["default"]) == []
    with connection.cursor() as cursor:  # As if the appearances changed and migrate was not run.
        cursor.execute(
            f"CREATE OR REPLACE FUNCTION {shown.function_name(Person)}({shown.ARGUMENT} bigint) "
            "RETURNS boolean LANGUAGE sql AS 'SELECT true'"
        )
    errors = shown.check_functions_current(databases=["default"])
    assert [error.id for error in errors] == ["core.E010"]
    assert shown.function_name(Person) in errors[0].msg
