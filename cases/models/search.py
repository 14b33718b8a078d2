"""The search document of each published case, maintained by the database.

Rows exist only for published cases and hold only public content: triggers call
case_search_refresh() (cases/search/document_sql.py) whenever a row that feeds a
document changes. Never written by Django.
"""

import datetime

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models

from cases.search.facets import FACETS, SAMPLED_COLUMNS


class CaseSearchQuerySet(models.QuerySet):
    def public(self):
        """Documents of public cases, checked against the cases: for rows to show."""
        from cases.models.case import Case

        return self.filter(case__in=Case.objects.public())

    def matching(self):
        """All documents, for counting and ordering the matches of a search.

        A document exists only while its case is public: case_search_refresh() deletes it
        in the same statement that unpublishes or archives the case. Re-checking every
        match against the cases would read the whole case table for each count, so only
        the rows shown are read again through public().
        """
        return self.all()


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
    # The people and organizations the case shows publicly (cases/models/appearances.py),
    # for their pages' lists of cases: an array test for each case walked, where asking
    # the appearances costs a dozen EXISTS (tests/cases/test_shown_documents.py keeps the
    # two in step).
    shown_people = ArrayField(models.BigIntegerField(), default=list)
    shown_organizations = ArrayField(models.BigIntegerField(), default=list)
    last_activity = models.DateField(null=True)
    first_date = models.DateField(null=True)
    # Copies of the case's public facet fields, so that filters and facet counts read
    # this one table.
    host_country = models.CharField(max_length=2)
    origin_country = models.CharField(max_length=2, blank=True)
    status = models.CharField(max_length=20)
    tags = ArrayField(models.CharField(max_length=50), default=list)
    charges = models.TextField(blank=True)
    # When what the public sees of the case last changed, and each public record's hash and
    # time ({"detention:12": {"h": …, "t": …}}): the public dates, which internal edits never
    # move (cases/search/public_content_sql.py). The case's own updated_at is for staff.
    # NULL, not "": a document made before public dates were kept (the SQL seeds it once).
    public_hash = models.CharField(max_length=32, null=True)  # noqa: DJ001
    public_updated_at = models.DateTimeField(null=True)
    record_stamps = models.JSONField(default=dict)
    # A stable pseudo-random 0-999 from the case id: "sample < 10" is a 1 % sample, from
    # which counts of very large result sets are estimated (cases/search/counts.py).
    sample = models.SmallIntegerField()

    objects = CaseSearchQuerySet.as_manager()

    # Derived from public fields of public rows only (cases/search/document_sql.py).
    PUBLIC_FIELDS = (
        "case", "document", "body", "names", "record_kinds", "record_dates", "statement_orgs",
        "shown_people", "shown_organizations", "last_activity", "first_date", "host_country",
        "origin_country", "status", "tags", "charges", "sample", "public_updated_at",
        "record_stamps",
    )  # fmt: skip
    # A fingerprint of public content only, but of no use to show.
    INTERNAL_FIELDS = ("public_hash",)
    CONFIDENTIAL_FIELDS = ()

    class Meta:
        indexes = [
            # Text with the sample bucket (btree_gin): a search's sample of a common word is
            # found in the index, not by testing the word on every sampled document.
            GinIndex(fields=["document", "sample"], name="casesearch_document_sample_gin"),
            GinIndex(fields=["shown_people"], name="casesearch_shown_people_gin"),
            GinIndex(fields=["shown_organizations"], name="casesearch_shown_orgs_gin"),
            # The two date sorts (cases/search/ranking.py).
            models.Index(
                models.F("last_activity").desc(nulls_last=True),
                models.F("case"),
                name="casesearch_activity",
            ),
            models.Index(fields=["first_date", "case"], name="casesearch_first_date"),
            # Latest public change first (home page; people's and organizations' cases,
            # whose walk tests the arrays it carries without reading the table).
            models.Index(
                models.F("public_updated_at").desc(nulls_last=True),
                models.F("case"),
                include=["shown_people", "shown_organizations"],
                name="casesearch_public_updated",
            ),
            # The sitemap's pages (cases/sitemaps.py): a range of case ids with their public
            # dates, read from the index alone and merged with the cases' primary key.
            models.Index(fields=["case"], include=["public_updated_at"], name="casesearch_sitemap"),
            # Each facet's filter (cases/search/facets.py).
            *(facet.index() for facet in FACETS),
            # Covers what the sampled count reads, so a count without text reads the index only.
            models.Index(
                fields=["sample"],
                include=[*SAMPLED_COLUMNS],
                name="casesearch_sample",
            ),
        ]

    def __str__(self):
        return f"Search document of case {self.case_id}"

    def record_updated_at(self, record) -> datetime.datetime | None:
        """When the public content of one of the case's public records last changed."""
        stamp = self.record_stamps.get(f"{record._meta.model_name}:{record.pk}")
        return datetime.datetime.fromisoformat(stamp["t"]) if stamp else self.public_updated_at


class NameWord(models.Model):
    """Every folded word of the names in search documents: the lexicon typos are corrected
    against (cases/search/text.py).

    Filled by case_search_refresh() from the documents' public `names`; words are not
    removed when a name stops being public, which is harmless: they only widen a query
    that still runs against public documents alone, and are never shown.
    """

    word = models.CharField(max_length=200, primary_key=True)

    PUBLIC_FIELDS = ("word",)
    INTERNAL_FIELDS = ()
    CONFIDENTIAL_FIELDS = ()

    class Meta:
        indexes = [GinIndex(fields=["word"], opclasses=["gin_trgm_ops"], name="nameword_trgm")]

    def __str__(self):
        return self.word
