"""Organizations (NGOs, courts, authorities, UN bodies, media) and people's roles in them."""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import Func
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.models import (
    ArchivableModel,
    DateOrder,
    RuleCheckedModel,
    ShownQuerySet,
    TimeStampedModel,
    Visibility,
    VisibilityQuerySet,
    precision_field,
    rule_constraints,
    visibility_field,
)


class OrganizationKind(models.TextChoices):
    NGO = "ngo", _("NGO")
    COURT = "court", _("Court")
    PROSECUTOR = "prosecutor", _("Prosecutor's office")
    MIGRATION_AUTHORITY = "migration_authority", _("Migration or refugee authority")
    POLICE = "police", _("Police or security service")
    MINISTRY = "ministry", _("Ministry or government")
    UN_BODY = "un_body", _("UN body")
    UNHCR = "unhcr", _("UNHCR")
    MEDIA = "media", _("Media")
    OTHER = "other", _("Other")


class Organization(ArchivableModel, TimeStampedModel):
    name = models.CharField(verbose_name=_("name"), max_length=300)
    acronym = models.CharField(verbose_name=_("acronym"), max_length=30, blank=True)
    slug = models.SlugField(
        verbose_name=_("slug"),
        max_length=320,
        unique=True,
        help_text=_("Part of the public address."),
    )
    kind = models.CharField(verbose_name=_("kind"), max_length=30, choices=OrganizationKind.choices)
    country = CountryField(
        verbose_name=_("country"),
        blank=True,
        help_text=_("Leave empty for international organizations."),
    )
    website = models.URLField(verbose_name=_("website"), blank=True)
    internal_notes = models.TextField(
        verbose_name=_("internal notes"), blank=True, help_text=_("Never shown publicly.")
    )
    visibility = visibility_field()

    objects = ShownQuerySet.as_manager()

    PUBLIC_FIELDS = ("name", "acronym", "slug", "kind", "country", "website")
    INTERNAL_FIELDS = (
        "id",
        "archived_at",
        "created_at",
        "updated_at",
        "internal_notes",
        "visibility",
    )
    CONFIDENTIAL_FIELDS = ()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        indexes = [
            # Pickers match the folded name (organizations.pickers), as people's search_key.
            GinIndex(
                OpClass(Func("name", function="fold_name"), name="gin_trgm_ops"),
                name="organization_folded_name_trgm",
            ),
            # The public list in its order (as people's person_public_name_order).
            models.Index(
                fields=["name", "slug"],
                condition=models.Q(visibility=Visibility.PUBLIC, archived_at__isnull=True),
                name="organization_public_name_order",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("organization-detail", args=[self.slug])


AFFILIATION_RULES = (
    DateOrder("started_on", "ended_on", _("The end of the role cannot be before its start.")),
)


class Affiliation(RuleCheckedModel, TimeStampedModel):
    """A person's role in an organization, e.g. HRW's advocacy director for Europe."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="affiliations",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="affiliations",
    )
    role_title = models.CharField(verbose_name=_("role title"), max_length=300)
    started_on = models.DateField(verbose_name=_("started on"), null=True, blank=True)
    started_on_precision = precision_field(_("start precision"))
    ended_on = models.DateField(verbose_name=_("ended on"), null=True, blank=True)
    ended_on_precision = precision_field(_("end precision"))
    visibility = visibility_field()

    objects = VisibilityQuerySet.as_manager()
    rules = AFFILIATION_RULES

    PUBLIC_FIELDS = ("person", "organization", "role_title", "started_on", "ended_on")
    INTERNAL_FIELDS = ("id", "created_at", "updated_at", "visibility")
    CONFIDENTIAL_FIELDS = ()

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        ordering = ["organization", "person"]
        constraints = rule_constraints("affiliation", AFFILIATION_RULES)

    def __str__(self):
        return f"{self.person}, {self.role_title}, {self.organization}"
