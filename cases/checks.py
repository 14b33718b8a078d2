"""System checks of the cases app that read the database (`check --database default`)."""

from django.core import checks
from django.db import DatabaseError


@checks.register(checks.Tags.database)
def check_search_rebuild(app_configs=None, databases=None, **kwargs) -> list:
    """A rebuild of the search documents left for later (SEARCH_REBUILD=later) and not yet
    finished: said, not failed, since the site may serve meanwhile (documents stay
    public-only, only stale in shape)."""
    from cases.models import SearchRebuild

    messages = []
    for alias in databases or ():
        try:
            pending = list(SearchRebuild.objects.using(alias).filter(finished_at=None))
        except DatabaseError:  # not migrated yet
            continue
        messages.extend(
            checks.Info(
                f"The search documents still need the rebuild asked for by {rebuild.migration} "
                f"(done up to case {rebuild.next_case_id}).",
                hint="Run `python manage.py rebuild_search_documents`; it resumes where it "
                "stopped.",
                id="cases.I001",
            )
            for rebuild in pending
        )
    return messages
