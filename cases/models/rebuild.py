"""A rebuild of the search documents left for later by a migration (SEARCH_REBUILD=later)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchRebuild(models.Model):
    """Asked for by a migration that changed the search SQL and deferred the rebuild; done
    by `python manage.py rebuild_search_documents`, which keeps its place here so that it
    can be stopped and run again (cases/search/rebuild.py)."""

    migration = models.CharField(_("migration"), max_length=200)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    # Every case below this id has been rebuilt by the current SQL.
    next_case_id = models.BigIntegerField(_("next case id"), default=0)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    PUBLIC_FIELDS = ()
    INTERNAL_FIELDS = ("id", "migration", "requested_at", "next_case_id", "finished_at")
    CONFIDENTIAL_FIELDS = ()

    class Meta:
        verbose_name_plural = _("search rebuilds")
        verbose_name = _("search rebuild")

    def __str__(self):
        return f"{self.migration}: from case {self.next_case_id}"
