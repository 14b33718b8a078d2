"""Two staff members edit one record: the second save is refused, naming what changed."""

import pytest
from django.test import Client

from cases.models import Detention
from core.models import Visibility
from tests.admin_helpers import AdminPage, admin_url
from tests.conftest import verify_second_factor


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
