"""Public reads from a streaming replica, everything else from the primary (docs/scaling.md).

Active only when REPLICA_DATABASE_URL is set (config/settings.py adds the `replica` alias,
this router and PublicReadsMiddleware). A request is a public read when it is an anonymous
GET or HEAD outside the staff admin (is_public_read); its reads go to the replica only if,
at its first read, the replica has caught up with the primary (replica_is_fresh), so that
a lagging replica never shows what the primary has already hidden. Staff requests, writes
and reads after a write in the same request stay on the primary: a member of staff sees
their own change at once.
"""

import contextvars
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DatabaseError, connections

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
    """Whether the replica has replayed every transaction the primary has committed so far.

    The primary's WAL *insert* position bounds every commit already visible there (also
    under synchronous_commit=off, where a commit is visible before its WAL is flushed).
    WAL also moves for writes the public never sees (sessions, history), so this can call a
    replica stale that holds every public row: that costs a primary read, never a leak.
    This is the one function to replace with a comparison of
    core.public_version.current(using=...) of both databases, which moves only with public
    data. A replica that cannot answer (down, restarting) is stale too.
    """
    try:
        with connections[primary].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_insert_lsn()")
            (position,) = cursor.fetchone()
        with connections[replica].cursor() as cursor:
            # NULL (not a replica at all) counts as stale.
            cursor.execute(
                "SELECT coalesce(pg_last_wal_replay_lsn() >= %s::pg_lsn, false)", [position]
            )
            (fresh,) = cursor.fetchone()
    except DatabaseError:
        logger.warning("The replica did not answer; public reads use the primary.", exc_info=True)
        return False
    return fresh


def is_public_read(request) -> bool:
    """An anonymous GET or HEAD outside the staff admin: what the public site answers."""
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(settings.ADMIN_PATH)
        and not request.user.is_authenticated
    )


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
    """Marks public reads (is_public_read) for PublicReplicaRouter; after authentication."""

    def __init__(self, get_response):
        if REPLICA not in settings.DATABASES:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        if not is_public_read(request):
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
