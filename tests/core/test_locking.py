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


# A date's precision is typed in the date's own field (core.date_fields): a change of
# precision alone is still a change, whoever made it and however.


def test_a_precision_changed_meanwhile_is_refused(admin_client, second_admin, make_case):
    case = make_case()
    detention = Detention.objects.create(case=case, started_on="2010-06-01", place="Almaty")
    url = admin_url(Detention, "change", detention.pk)
    mine, theirs = AdminPage(admin_client, url), AdminPage(second_admin, url)
    # They only say it is known to the month: the same stored day, another precision.
    assert theirs.post(started_on="June 2010").status_code == 302

    response = mine.post(place="Astana")

    assert response.status_code == 200
    assert "start precision: now “month”" in response.content.decode()
    detention.refresh_from_db()
    assert (detention.place, detention.started_on_precision) == ("Almaty", "month")


def test_a_confidential_dates_precision_changed_meanwhile_is_refused(admin_client, make_person):
    # Birth dates are confidential: the lock compares them only when the form carries them,
    # and the one-field date carries its precision too.
    person = make_person(birth_date=BORN)
    mine = AdminPage(admin_client, admin_url(Person, "change", person.pk))
    Person.objects.filter(pk=person.pk).update(birth_date_precision="year")

    response = mine.post(internal_notes="Mine")

    assert response.status_code == 200
    assert "birth date precision: now “year”" in response.content.decode()
    person.refresh_from_db()
    assert (person.internal_notes, person.birth_date_precision) == ("", "year")


def test_my_precision_change_is_saved_over_an_unchanged_row(admin_client, make_person):
    person = make_person(birth_date=BORN)
    page = AdminPage(admin_client, admin_url(Person, "change", person.pk))
    assert page.post(birth_date="February 1922").status_code == 302
    person.refresh_from_db()
    assert (person.birth_date, person.birth_date_precision) == (datetime.date(1922, 2, 1), "month")
