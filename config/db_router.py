"""Public reads from a streaming replica, everything else from the primary (docs/scaling.md).

Active only when REPLICA_DATABASE_URL is set (config/settings.py adds the `replica` alias,
this router and PublicReadsMiddleware). A public request, an anonymous GET or HEAD outside
the staff admin (core.conditional.is_public_request, the one definition), reads from the
replica only if, at its first read, the replica has replayed every public change the
primary shows (replica_is_fresh), so that a lagging replica never shows what the primary
has hidden. Staff requests, writes and reads after a write in the same request stay on
the primary: a member of staff sees their own change at once.
"""

import contextvars
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DatabaseError, connections

from core import public_version
from core.conditional import is_public_request

PRIMARY = "default"
REPLICA = "replica"

logger = logging.getLogger(__name__)


@dataclass
class _PublicRead:
    """One public request: the alias its reads use, decided at its first read."""

    alias: str | None = None


# Set by PublicReadsMiddleware for the duration of a public request (and of the iteration
# of its streamed body); None everywhere else, so shells, commands and jobs use the primary.
_current: contextvars.ContextVar[_PublicRead | None] = contextvars.ContextVar(
    "public_read", default=None
)


def replica_is_fresh(primary: str = PRIMARY, replica: str = REPLICA) -> bool:
    """Whether the replica shows every public change that the primary shows now.

    The public version (core/public_version.py) is bumped at the commit of every change to
    what the public reads, under a lock of its one row that puts the bumps in WAL order: a
    replica whose version is at least the primary's has replayed each such commit. Writes
    the public never sees (sessions, sign-ins, history) leave it alone, so busy staff do
    not send public reads back to the primary, as a comparison of WAL positions would. The
    primary is read first: the replica can only catch up meanwhile. A replica that cannot
    answer (down, restarting) counts as stale.
    """
    try:
        shown = public_version.current(using=primary).number
        return public_version.current(using=replica).number >= shown
    except DatabaseError:
        logger.warning("The replica did not answer; public reads use the primary.", exc_info=True)
        return False


class PublicReplicaRouter:
    """Reads of a public request from the replica when it is fresh; all else the primary."""

    def db_for_read(self, model, **hints):
        public = _current.get()
        if public is None or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        if public.alias is None:
            public.alias = REPLICA if replica_is_fresh() else PRIMARY
        return public.alias

    def db_for_write(self, model, **hints):
        public = _current.get()
        if public is not None:
            # What this request writes, it reads back from where it wrote it.
            public.alias = PRIMARY
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the primary's own rows

    def allow_migrate(self, db, app_label, **hints):
        return db == PRIMARY  # a replica is read-only: it gets the schema by replication


class PublicReadsMiddleware:
    """Marks public requests for PublicReplicaRouter; after authentication.

    The replica is chosen at the first read, so after ConditionalGetMiddleware has read the
    primary's version for the ETag: the page is then never older than the tag it carries.
    """

    def __init__(self, get_response):
        if REPLICA not in settings.DATABASES:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        if not is_public_request(request):
            return self.get_response(request)
        public = _PublicRead()
        token = _current.set(public)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        if response.streaming and not response.is_async:
            # A streamed export runs its queries while the server iterates the body (an
            # asynchronous body iterates elsewhere, and so reads the primary).
            response.streaming_content = _within(public, response.streaming_content)
        return response


def _within(public: _PublicRead, chunks):
    """Yield the chunks, each produced with `public` as the current request's reads."""
    chunks = iter(chunks)
    while True:
        token = _current.set(public)
        try:
            chunk = next(chunks)
        except StopIteration:
            return
        finally:
            _current.reset(token)
        yield chunk
