"""The replica router without a replica (config/db_router.py); with one, for real, in
test_streaming_replica.py."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import MiddlewareNotUsed

from config.db_router import PRIMARY, PublicReadsMiddleware, PublicReplicaRouter


def test_without_a_replica_everything_reads_the_primary(settings):
    assert "replica" not in settings.DATABASES
    with pytest.raises(MiddlewareNotUsed):
        PublicReadsMiddleware(lambda request: None)
    assert PublicReplicaRouter().db_for_read(User) == PRIMARY
