"""Five failed sign-ins lock the account for that address; the right password then fails too."""

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return User.objects.create_user("editor", password="correct horse battery", is_staff=True)


def sign_in(client, password):
    return client.post("/admin/login/?next=/admin/", {"username": "editor", "password": password})


def test_five_failures_lock_the_login(client, staff):
    for _ in range(5):
        response = sign_in(client, "wrong")
    assert response.status_code == 429
    locked = sign_in(client, "correct horse battery")
    assert locked.status_code == 429
    assert "too many failed sign-in attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_success_resets_the_count(client, staff):
    for _ in range(4):
        assert sign_in(client, "wrong").status_code == 200
    assert sign_in(client, "correct horse battery").status_code == 302
    client.logout()
    for _ in range(4):
        assert sign_in(client, "wrong").status_code == 200
    assert sign_in(client, "correct horse battery").status_code == 302


def test_passwords_are_hashed_with_argon2(staff):
    assert staff.password.startswith("argon2")
