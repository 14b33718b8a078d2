"""Sources: the documents every fact record cites, and the cases they belong to."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.languages import language_field
from core.models import (
    TimeStampedModel,
    Visibility,
    VisibilityQuerySet,
    precision_field,
    visibility_field,
)


class Reliability(models.TextChoices):
    OFFICIAL = "official", _("Official document (court, UN body, authority)")
    ESTABLISHED = "established", _("Established NGO or news outlet")
    SECONDARY = "secondary", _("Secondary report")
    UNVERIFIED = "unverified", _("Unverified")


class Source(TimeStampedModel):
    title = models.CharField(verbose_name=_("title"), max_length=500)
    publisher = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("publisher"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_sources",
    )
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    archived_url = models.URLField(
        _("archived copy URL"),
        max_length=1000,
        blank=True,
        help_text=_("A copy that will not change or vanish (e.g. in a web archive)."),
    )
    published_on = models.DateField(verbose_name=_("published on"), null=True, blank=True)
    published_on_precision = precision_field(_("publication date precision"))
    language = language_field()
    reliability = models.CharField(
        verbose_name=_("reliability"),
        max_length=12,
        choices=Reliability.choices,
        default=Reliability.ESTABLISHED,
    )
    internal_notes = models.TextField(
        verbose_name=_("internal notes"), blank=True, help_text=_("Never shown publicly.")
    )
    visibility = visibility_field()

    objects = VisibilityQuerySet.as_manager()

    PUBLIC_FIELDS = (
        "title",
        "publisher",
        "url",
        "archived_url",
        "published_on",
        "language",
        "reliability",
    )
    INTERNAL_FIELDS = ("id", "created_at", "updated_at", "internal_notes", "visibility")
    CONFIDENTIAL_FIELDS = ()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["-published_on", "title"]
        indexes = [
            # /api/sources/ in its order (latest first, undated last): a page walks the
            # public sources and checks, row by row, that a public record cites each.
            models.Index(
                models.F("published_on").desc(nulls_last=True),
                "id",
                name="source_public_latest",
                condition=models.Q(visibility=Visibility.PUBLIC),
            ),
        ]

    def __str__(self):
        return self.title


class CaseSourceQuerySet(models.QuerySet):
    def link(self, pairs) -> None:
        """Put each (case id, source id) pair on its case, if not there yet: the one way
        a record's citation reaches its case (the case admin and the importer call it)."""
        rows = [self.model(case_id=case, source_id=source) for case, source in set(pairs)]
        if rows:
            self.bulk_create(rows, ignore_conflicts=True)


class CaseSource(TimeStampedModel):
    """A source on a case: sources are shared between cases, and a case's records cite
    among its own sources."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="case_sources"
    )
    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="case_links"
    )

    objects = CaseSourceQuerySet.as_manager()

    PUBLIC_FIELDS = ()
    INTERNAL_FIELDS = ("id", "created_at", "updated_at", "case", "source")
    CONFIDENTIAL_FIELDS = ()

    class Meta:
        ordering = ["case", "source__title"]
        verbose_name = _("source of the case")
        verbose_name_plural = _("sources of the case")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "source"],
                name="casesource_unique",
                violation_error_message=_("This source is already on the case."),
            )
        ]

    def __str__(self):
        return str(self.source)
