"""Two staff members edit one record: the second save is refused, naming what changed."""

import datetime

import pytest
from django.core import signing
from django.test import Client

from cases.models import Detention
from core.locking import SALT, LockedModelForm
from core.models import Visibility
from people.models import Person
from tests.admin_helpers import AdminPage, admin_url, form_data
from tests.conftest import verify_second_factor

BORN = datetime.date(1922, 2, 22)


class PersonNameForm(LockedModelForm):
    """A form that carries only some of the row's fields, as an editor's does."""

    class Meta:
        model = Person
        fields = ("display_name", "sex")


@pytest.fixture
def second_admin(django_user_model):
    user = django_user_model.objects.create_superuser("second", "second@example.org", "x")
    client = Client()
    client.force_login(user)
    verify_second_factor(client, user)
    return client


def test_the_second_save_of_a_case_is_refused(admin_client, second_admin, make_case):
    case = make_case(summary="First version.")
    url = admin_url(type(case), "change", case.pk)
    mine, theirs = AdminPage(admin_client, url), AdminPage(second_admin, url)

    assert theirs.post(summary="Their version.").status_code == 302
    response = mine.post(summary="My version.")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else changed this record while you were editing it" in html
    assert "Their version." in html  # what changed, with its new value
    case.refresh_from_db()
    assert case.summary == "Their version."


def test_an_inline_record_changed_meanwhile_is_refused(admin_client, make_case):
    case = make_case()
    detention = Detention.objects.create(
        case=case, started_on="2010-06-09", place="Almaty", visibility=Visibility.PUBLIC
    )
    mine = AdminPage(admin_client, admin_url(type(case), "change", case.pk))
    # Someone changes the detention on its own page (or in bulk) before I save the case page.
    Detention.objects.filter(pk=detention.pk).update(place="Astana")

    response = mine.post(title="A new title")

    assert response.status_code == 200
    assert "now “Astana”" in response.content.decode()
    case.refresh_from_db()
    assert case.title != "A new title"  # all or nothing


def test_saving_twice_in_a_row_works(admin_client, make_case):
    case = make_case()
    url = admin_url(type(case), "change", case.pk)
    assert AdminPage(admin_client, url).post(summary="One").status_code == 302
    assert AdminPage(admin_client, url).post(summary="Two").status_code == 302
    case.refresh_from_db()
    assert case.summary == "Two"


def snapshot(form) -> dict:
    return signing.loads(form["row_state"].value(), salt=SALT)


def test_the_snapshot_holds_keyed_digests_of_the_fields_its_user_may_see(make_person, settings):
    person = make_person(birth_date=datetime.date(1970, 3, 4))
    first = snapshot(PersonNameForm(instance=person))
    # Every field its user may see; a confidential one only when the form shows it.
    assert {"display_name", "sex", "internal_notes", "visibility"} <= set(first)
    assert not {"birth_date", "birth_date_precision"} & set(first)
    assert person.display_name not in str(first)
    settings.SECRET_KEY = "another secret key, so other digests " * 2
    assert snapshot(PersonNameForm(instance=person))["display_name"] != first["display_name"]


def test_confidential_fields_the_form_does_not_carry_keep_their_current_values(make_person):
    person = make_person(birth_date=datetime.date(1970, 3, 4))
    data = {**form_data(PersonNameForm(instance=person)), "sex": "male"}
    loaded = Person.objects.get(pk=person.pk)  # the POST reads the row, then locks it
    Person.objects.filter(pk=person.pk).update(birth_date=BORN, birth_date_precision="year")

    form = PersonNameForm(data, instance=loaded)

    assert form.is_valid(), form.errors
    form.save()
    person.refresh_from_db()
    assert (person.sex, person.birth_date, person.birth_date_precision) == ("male", BORN, "year")


def test_other_fields_the_form_does_not_show_are_compared_too(make_person):
    person = make_person()
    data = {**form_data(PersonNameForm(instance=person)), "sex": "male"}
    Person.objects.filter(pk=person.pk).update(internal_notes="Theirs")

    form = PersonNameForm(data, instance=Person.objects.get(pk=person.pk))

    assert not form.is_valid()
    assert "internal notes: now “Theirs”" in str(form.errors)


def test_a_tampered_snapshot_is_refused(make_person):
    person = make_person()
    data = {**form_data(PersonNameForm(instance=person)), "row_state": signing.dumps([], salt=SALT)}
    form = PersonNameForm(data, instance=person)
    assert not form.is_valid()
    assert "out of date" in str(form.errors)
