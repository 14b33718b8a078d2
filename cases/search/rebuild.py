"""Rebuilding every search document in batches, each its own transaction, resumably.

A migration that changes the search SQL rebuilds the documents inside `migrate`, one
transaction, which takes over an hour at a million cases. With SEARCH_REBUILD=later it
records a SearchRebuild instead, and `python manage.py rebuild_search_documents` does
the work here: batches of cases in id order, each refreshed by case_search_refresh() and
committed with the id to start from next, so a rebuild stopped halfway resumes there.
Meanwhile the triggers keep every changed document current with the new SQL, and the
others stay public-only: only their shape is old.
"""

from collections.abc import Callable

from django.db import connection, transaction
from django.utils import timezone

from cases.models import Case, SearchRebuild

BATCH = 5000
LOCK = "rebuild_search_documents"


class RebuildRunning(Exception):
    """Another rebuild holds the lock."""


def rebuild_documents(
    *, batch: int = BATCH, progress: Callable[[int, int, int], None] | None = None
) -> int:
    """Rebuild from where the pending rebuilds stopped (or all, when none is pending);
    returns how many cases were refreshed. `progress(done, total, last_case_id)`."""
    with connection.cursor() as cursor:
        # One rebuild at a time: two would refresh the same batches and move one cursor.
        cursor.execute("SELECT pg_try_advisory_lock(hashtext(%s))", [LOCK])
        if not cursor.fetchone()[0]:
            raise RebuildRunning
    try:
        return _rebuild(batch, progress)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [LOCK])


def _rebuild(batch, progress) -> int:
    with transaction.atomic():
        pending = list(SearchRebuild.objects.filter(finished_at=None))
        if not pending:
            pending = [SearchRebuild.objects.create(migration="rebuild_search_documents")]
    ids = [rebuild.pk for rebuild in pending]
    start = min(rebuild.next_case_id for rebuild in pending)
    total = Case.objects.filter(pk__gte=start).count()
    done = 0
    select = (
        f"SELECT array_agg(id ORDER BY id) FROM (SELECT id FROM {Case._meta.db_table} "
        "WHERE id >= %s ORDER BY id LIMIT %s) AS batch"
    )
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(select, [start, batch])
            case_ids = cursor.fetchone()[0]
            if not case_ids:
                break
            cursor.execute("SELECT case_search_refresh(%s)", [case_ids])
            start = case_ids[-1] + 1
            SearchRebuild.objects.filter(pk__in=ids).update(next_case_id=start)
        done += len(case_ids)
        if progress:
            progress(done, total, case_ids[-1])
    SearchRebuild.objects.filter(pk__in=ids).update(finished_at=timezone.now())
    return done
