"""Failed sign-ins lock per account and address, per account, and per address."""

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
PAIR, ACCOUNT, ADDRESS = 5, 10, 20  # settings.LOGIN_FAILURE_LIMITS


@pytest.fixture(autouse=True)
def _fast_hashing(request, settings):
    """Dozens of sign-ins per test: Argon2 (tested below) would take seconds for each few."""
    if "argon2" not in request.node.name:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff():
    return User.objects.create_user("editor", password=PASSWORD, is_staff=True)


@pytest.fixture
def accounts(staff):
    """Seven more staff accounts."""
    return [
        User.objects.create_user(f"staff{n}", password=PASSWORD, is_staff=True) for n in range(7)
    ]


def sign_in(client, password, username="editor", **meta):
    return client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}, **meta
    )


def test_the_limits_are_the_documented_ones(settings):
    assert settings.LOGIN_FAILURE_LIMITS == {
        "username+ip_address": PAIR, "username": ACCOUNT, "ip_address": ADDRESS,
    }  # fmt: skip


def test_five_failures_lock_the_login(client, staff):
    for _ in range(PAIR):
        response = sign_in(client, "wrong")
    assert response.status_code == 429
    locked = sign_in(client, PASSWORD)
    assert locked.status_code == 429
    assert "too many failed sign-in attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_pair_limit_leaves_the_account_open_elsewhere(client, staff):
    for _ in range(PAIR):
        sign_in(client, "wrong", REMOTE_ADDR="10.0.0.1")
    assert sign_in(client, PASSWORD, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert sign_in(client, PASSWORD, REMOTE_ADDR="10.0.0.2").status_code == 302


def test_a_success_resets_the_count(client, staff):
    for _ in range(4):
        assert sign_in(client, "wrong").status_code == 200
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert sign_in(client, "wrong").status_code == 200
    assert sign_in(client, PASSWORD).status_code == 302


def test_many_accounts_from_one_address_lock_the_address(client, accounts):
    """Four wrong passwords on each of five accounts: the address is locked for all."""
    codes = [
        sign_in(client, "wrong", user.username).status_code
        for user in accounts[:5]
        for _ in range(4)
    ]
    assert codes == [200] * (ADDRESS - 1) + [429]  # the twentieth failure locks
    assert sign_in(client, PASSWORD, accounts[5].username).status_code == 429
    # Another address is not concerned.
    assert (
        sign_in(client, PASSWORD, accounts[5].username, REMOTE_ADDR="10.9.9.9").status_code == 302
    )


def test_one_account_from_many_addresses_locks_the_account(client, accounts):
    for number in range(ACCOUNT):
        response = sign_in(client, "wrong", REMOTE_ADDR=f"10.0.1.{number}")
        assert response.status_code == (429 if number == ACCOUNT - 1 else 200)
    assert sign_in(client, PASSWORD, REMOTE_ADDR="10.0.2.1").status_code == 429
    # Other accounts, from the same addresses, are not concerned.
    assert (
        sign_in(client, PASSWORD, accounts[0].username, REMOTE_ADDR="10.0.1.1").status_code == 302
    )


def test_signing_in_to_ones_own_account_does_not_clear_the_address(client, accounts):
    """An insider's own successful sign-in must not reset what the address did to others."""
    attacker, victims = accounts[0], accounts[1:]
    for user in victims[:4]:
        for _ in range(4):
            sign_in(client, "wrong", user.username)
    assert sign_in(client, PASSWORD, attacker.username).status_code == 302
    client.logout()
    for _ in range(4):
        response = sign_in(client, "wrong", victims[4].username)
    assert response.status_code == 429


def test_behind_a_proxy_the_client_address_counts(client, accounts, settings):
    """With PROXY_COUNT=1 the address the proxy appended is the one counted; what the client
    wrote to the left of it changes nothing."""
    settings.LOGIN_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "192.0.2.1"}
    for number, user in enumerate(accounts[:5]):
        for attempt in range(4):
            forwarded = f"203.0.113.{number * 4 + attempt}, 198.51.100.7"
            sign_in(client, "wrong", user.username, HTTP_X_FORWARDED_FOR=forwarded, **proxy)
    locked = sign_in(
        client, PASSWORD, accounts[5].username, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy
    )
    assert locked.status_code == 429
    other = sign_in(
        client, PASSWORD, accounts[5].username, HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy
    )
    assert other.status_code == 302


def test_a_garbled_forwarded_address_falls_back_to_the_connection(client, staff, settings):
    settings.LOGIN_PROXY_COUNT = 2
    response = sign_in(client, "wrong", HTTP_X_FORWARDED_FOR="not-an-address, 10.0.0.1")
    assert response.status_code == 200


def test_passwords_are_hashed_with_argon2(staff):
    assert staff.password.startswith("argon2")
