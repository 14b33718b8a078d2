"""Which requests are public reads (config/db_router.py); the replica itself is exercised
for real in test_streaming_replica.py."""

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import MiddlewareNotUsed
from django.test import RequestFactory

from config.db_router import PRIMARY, PublicReadsMiddleware, PublicReplicaRouter, is_public_read


def request(method="get", path="/cases/almaty/", user=None):
    made = getattr(RequestFactory(), method)(path)
    made.user = user or AnonymousUser()
    return made


def test_anonymous_gets_and_heads_of_the_public_site_are_public_reads():
    assert is_public_read(request())
    assert is_public_read(request("head", "/api/cases/"))


def test_writes_staff_pages_and_signed_in_staff_are_not():
    assert not is_public_read(request("post"))
    assert not is_public_read(request(path="/admin/login/"))
    assert not is_public_read(request(user=User(username="editor", is_staff=True)))


def test_without_a_replica_everything_reads_the_primary(settings):
    assert "replica" not in settings.DATABASES
    with pytest.raises(MiddlewareNotUsed):
        PublicReadsMiddleware(lambda request: None)
    assert PublicReplicaRouter().db_for_read(User) == PRIMARY
