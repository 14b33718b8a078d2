"""Two-factor sign-in: required for confidential access, available to all staff."""

import pytest
from django.contrib.auth.models import Permission, User
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def code(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.fixture
def confidential_staff():
    user = User.objects.create_user("keeper", password=PASSWORD, is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="view_confidential", content_type__app_label="cases")
    )
    return user


@pytest.fixture
def plain_staff():
    user = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_case"))
    return user


def sign_in(client, username, **extra):
    return client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": PASSWORD, **extra}
    )


def test_confidential_access_needs_a_second_factor(client, confidential_staff, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # retry at once after the wrong code below
    response = sign_in(client, "keeper")
    assert response.status_code == 302
    # Signed in with the password only: the admin sends them to set up a device.
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/admin/two-factor/")
    assert "Set up two-factor sign-in" in response.content.decode()
    device = TOTPDevice.objects.get(user=confidential_staff)
    assert not device.confirmed
    response = client.post("/admin/two-factor/", {"code": "000000"})
    assert "not valid" in response.content.decode()
    response = client.post("/admin/two-factor/", {"code": code(device)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_once_set_up_the_code_is_asked_at_sign_in(client, confidential_staff):
    device = TOTPDevice.objects.create(user=confidential_staff, name="app", confirmed=True)
    response = sign_in(client, "keeper")
    assert response.status_code == 200  # the password alone is not enough
    assert client.get("/admin/").status_code == 302
    response = sign_in(client, "keeper", otp_device=device.persistent_id, otp_token=code(device))
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_other_staff_may_sign_in_without_one(client, plain_staff):
    assert sign_in(client, "editor").status_code == 302
    assert client.get("/admin/").status_code == 200
    # …and may set one up.
    assert "Set up two-factor sign-in" in client.get("/admin/two-factor/").content.decode()


def test_the_admin_index_links_to_spreadsheets_and_two_factor(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert 'href="/admin/import/"' in html
    assert 'href="/admin/two-factor/"' in html
