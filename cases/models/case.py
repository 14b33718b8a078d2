"""A case and the people it concerns."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.urls import reverse
from django_countries.fields import CountryField

from core.models import (
    ArchivableModel,
    ArchivableQuerySet,
    TimeStampedModel,
    VisibilityQuerySet,
    unique_on_each_side,
    visibility_field,
)


class CaseStatus(models.TextChoices):
    AT_RISK = "at_risk", "At risk"
    DETAINED = "detained", "Detained"
    EXTRADITED = "extradited", "Extradited or deported"
    RELEASED = "released", "Released"
    PROTECTED = "protected", "Protected (asylum granted or resettled)"
    DISAPPEARED = "disappeared", "Whereabouts unknown"
    CLOSED = "closed", "Closed"


class PublicationState(models.TextChoices):
    """draft → in review → published → withdrawn; the moves are in cases/services.py."""

    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class CaseQuerySet(ArchivableQuerySet):
    def public(self):
        """The only definition of a case the public may see: published and not archived."""
        return self.filter(publication_state=PublicationState.PUBLISHED, archived_at__isnull=True)


class CaseSubjectQuerySet(VisibilityQuerySet):
    def public(self):
        """A person's public part in a published case (the person's own visibility is
        checked where the person is read)."""
        return super().public().filter(case__in=Case.objects.public())


class Case(ArchivableModel, TimeStampedModel):
    title = models.CharField(max_length=300, help_text="Public once the case is published.")
    slug = models.SlugField(
        max_length=320,
        unique=True,
        help_text="The case's permanent public address; do not change it once published.",
    )
    summary = models.TextField(blank=True, help_text="Public summary, shown on the case page.")
    internal_notes = models.TextField(blank=True, help_text="Staff only; never shown publicly.")
    status = models.CharField(max_length=20, choices=CaseStatus.choices, default=CaseStatus.AT_RISK)
    host_country = CountryField(help_text="Where the people are (or were) when at risk.")
    origin_country = CountryField(blank=True, help_text="The country they fled or are wanted by.")
    people_count = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="How many people the case concerns, named or not (e.g. 29 for '29 men').",
    )
    charges = models.TextField(
        blank=True,
        help_text="Allegations or charges against them, as stated by the authorities. Public.",
    )
    tags = ArrayField(
        models.CharField(max_length=50),
        blank=True,
        default=list,
        help_text="Comma-separated keywords, e.g. extradition, religious extremism. Public.",
    )
    publication_state = models.CharField(
        max_length=12,
        choices=PublicationState.choices,
        default=PublicationState.DRAFT,
        db_index=True,
        help_text="Only published cases, and only their public records, appear on the public site.",
    )
    # Set by cases.services.case_transition only; see PublicationState for the workflow.
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the case was first published; from then on its address is permanent.",
    )
    state_changed_at = models.DateTimeField(
        "publication state changed at", null=True, blank=True, editable=False
    )
    state_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="publication state changed by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = CaseQuerySet.as_manager()

    PUBLIC_FIELDS = (
        "title",
        "slug",
        "summary",
        "status",
        "host_country",
        "origin_country",
        "people_count",
        "charges",
        "tags",
    )
    # updated_at moves with internal edits too: the public reads search.public_updated_at.
    INTERNAL_FIELDS = (
        "id", "archived_at", "created_at", "updated_at", "internal_notes", "publication_state",
        "published_at", "state_changed_at", "state_changed_by",
    )  # fmt: skip
    CONFIDENTIAL_FIELDS = ()

    class Meta:
        ordering = ["-updated_at"]
        # Roles (accounts/migrations) combine these with the default permissions.
        permissions = [
            ("publish_case", "Can publish and withdraw cases"),
            ("view_confidential", "Can see and edit confidential records and fields"),
            ("restore_archived", "Can restore archived cases, people and organizations"),
        ]
        indexes = [
            GinIndex(fields=["tags"], name="case_tags_gin"),
            # The staff home's "Recently changed" and the admin's case list read the
            # latest first.
            models.Index(fields=["-updated_at"], name="case_updated_at"),
            # The staff home's "Cases in review", the longest-waiting first.
            models.Index(
                fields=["state_changed_at", "id"],
                name="case_review_queue",
                condition=models.Q(publication_state="in_review"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(people_count__isnull=True) | models.Q(people_count__gte=1),
                name="case_people_count_positive",
                violation_error_message="The number of people must be at least 1, or left empty.",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("cases:detail", args=[self.slug])


class SubjectRole(models.TextChoices):
    DETAINEE = "detainee", "Detainee"
    ASYLUM_SEEKER = "asylum_seeker", "Asylum seeker"
    COMPLAINANT = "complainant", "Complainant"
    RELATIVE = "relative", "Relative"
    LAWYER = "lawyer", "Lawyer or counsel"
    OFFICIAL = "official", "Official"
    WITNESS = "witness", "Witness"
    OTHER = "other", "Other"


class CaseSubject(TimeStampedModel):
    """A person's part in a case, with a visibility of its own."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="subjects")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="case_roles")
    role = models.CharField(max_length=20, choices=SubjectRole.choices)
    description = models.CharField(
        max_length=300,
        blank=True,
        help_text="E.g. 'first-named complainant'. Public if the link is public.",
    )
    visibility = visibility_field()

    objects = CaseSubjectQuerySet.as_manager()

    PUBLIC_FIELDS = ("case", "person", "role", "description")
    INTERNAL_FIELDS = ("id", "created_at", "updated_at", "visibility")
    CONFIDENTIAL_FIELDS = ()

    class Meta:
        ordering = ["case", "role", "person__display_name"]
        constraints = unique_on_each_side(
            ["case", "person", "role"],
            "casesubject_unique_role",
            "This person already has this role in the case.",
        )

    def __str__(self):
        return f"{self.person} ({self.get_role_display().lower()})"
