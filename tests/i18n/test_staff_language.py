"""Staff read the admin in the language of their preferences (accounts/language.py)."""

from django.test import Client

from accounts.models import StaffPreferences
from tests.conftest import verify_second_factor


def test_a_member_of_staff_with_russian_sees_the_admin_in_russian(
    db, django_user_model, admin_user
):
    StaffPreferences.objects.create(user=admin_user, language="ru")
    client = Client()
    client.force_login(admin_user)  # the sign-in reads the preference into the session
    verify_second_factor(client, admin_user)
    page = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    body = page.content.decode()
    assert page.status_code == 200
    assert page["Content-Language"] == "ru"
    assert '<html lang="ru"' in body
    assert "Выйти" in body  # Django's own catalog: "Log out"
    assert "Язык" in body  # ours: the user tools' link to the language page
    assert "Log out" not in body


def test_without_a_preference_the_browser_decides(admin_client):
    assert admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="kk")["Content-Language"] == "kk"
    assert admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == "en"


def test_the_language_page_saves_the_choice_and_uses_it_at_once(admin_client, admin_user):
    page = admin_client.get("/admin/language/")
    assert page.status_code == 200
    assert 'href="/admin/language/"' in page.content.decode()  # linked from the user tools
    saved = admin_client.post("/admin/language/", {"language": "uz"}, follow=True)
    assert StaffPreferences.objects.get(user=admin_user).language == "uz"
    assert saved["Content-Language"] == "uz"
    assert "Xizmat sahifalari tili saqlandi." in saved.content.decode()
    assert admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ru")["Content-Language"] == "uz"
    admin_client.post("/admin/language/", {"language": ""})
    assert admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ru")["Content-Language"] == "ru"


def test_a_session_begun_before_the_preference_reads_it_once(
    admin_client, admin_user, django_assert_max_num_queries
):
    StaffPreferences.objects.create(user=admin_user, language="kk")
    session = admin_client.session
    session.pop("staff_language", None)
    session.save()
    assert admin_client.get("/admin/")["Content-Language"] == "kk"
    admin_client.get("/admin/")
    with django_assert_max_num_queries(50) as first:
        admin_client.get("/admin/")
    assert not [q for q in first.captured_queries if "staffpreferences" in q["sql"]]


def test_the_public_site_keeps_the_language_of_its_address(admin_user, client, db):
    StaffPreferences.objects.create(user=admin_user, language="ru")
    client.force_login(admin_user)
    assert client.get("/cases/")["Content-Language"] == "en"
    assert client.get("/kk/cases/")["Content-Language"] == "kk"
