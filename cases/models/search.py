"""The search document of each published case, maintained by the database.

Rows exist only for published cases and hold only public content: triggers call
case_search_refresh() (cases/search/document_sql.py) whenever a row that feeds a
document changes. Never written by Django.
"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class CaseSearchQuerySet(models.QuerySet):
    def public(self):
        from cases.models.case import Case

        return self.filter(case__in=Case.objects.public())


class CaseSearch(models.Model):
    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, primary_key=True, related_name="search"
    )
    document = SearchVectorField()
    body = models.TextField(help_text="Public text the result snippets are cut from.")
    names = models.TextField(help_text="Folded public names, for typo-tolerant name matching.")
    record_kinds = ArrayField(models.CharField(max_length=40), default=list)
    record_dates = ArrayField(models.DateField(), default=list)
    statement_orgs = ArrayField(models.BigIntegerField(), default=list)
    last_activity = models.DateField(null=True)

    objects = CaseSearchQuerySet.as_manager()

    # Derived from public fields of public rows only (cases/search/document_sql.py).
    PUBLIC_FIELDS = (
        "case", "document", "body", "names", "record_kinds", "record_dates", "statement_orgs",
        "last_activity",
    )  # fmt: skip
    INTERNAL_FIELDS = ()
    CONFIDENTIAL_FIELDS = ()

    class Meta:
        indexes = [
            GinIndex(fields=["document"], name="casesearch_document_gin"),
            GinIndex(fields=["names"], opclasses=["gin_trgm_ops"], name="casesearch_names_trgm"),
            GinIndex(fields=["record_kinds"], name="casesearch_kinds_gin"),
            GinIndex(fields=["statement_orgs"], name="casesearch_orgs_gin"),
            models.Index(fields=["-last_activity"], name="casesearch_activity"),
        ]

    def __str__(self):
        return f"Search document of case {self.case_id}"
