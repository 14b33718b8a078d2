"""A case and the people it concerns."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
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
    AT_RISK = "at_risk", _("At risk")
    DETAINED = "detained", _("Detained")
    EXTRADITED = "extradited", _("Extradited or deported")
    RELEASED = "released", _("Released")
    PROTECTED = "protected", _("Protected (asylum granted or resettled)")
    DISAPPEARED = "disappeared", _("Whereabouts unknown")
    CLOSED = "closed", _("Closed")


class PublicationState(models.TextChoices):
    """draft → in review → published → withdrawn; the moves are in cases/services.py."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


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
    title = models.CharField(
        verbose_name=_("title"), max_length=300, help_text=_("Public once the case is published.")
    )
    slug = models.SlugField(
        verbose_name=_("slug"),
        max_length=320,
        unique=True,
        help_text=_("The case's permanent public address; do not change it once published."),
    )
    summary = models.TextField(
        verbose_name=_("summary"),
        blank=True,
        help_text=_("Public summary, shown on the case page."),
    )
    internal_notes = models.TextField(
        verbose_name=_("internal notes"),
        blank=True,
        help_text=_("Staff only; never shown publicly."),
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=20,
        choices=CaseStatus.choices,
        default=CaseStatus.AT_RISK,
    )
    host_country = CountryField(
        verbose_name=_("host country"), help_text=_("Where the people are (or were) when at risk.")
    )
    origin_country = CountryField(
        verbose_name=_("origin country"),
        blank=True,
        help_text=_("The country they fled or are wanted by."),
    )
    people_count = models.PositiveIntegerField(
        verbose_name=_("people count"),
        null=True,
        blank=True,
        help_text=_("How many people the case concerns, named or not (e.g. 29 for '29 men')."),
    )
    charges = models.TextField(
        verbose_name=_("charges"),
        blank=True,
        help_text=_("Allegations or charges against them, as stated by the authorities. Public."),
    )
    tags = ArrayField(
        models.CharField(max_length=50),
        verbose_name=_("tags"),
        blank=True,
        default=list,
        help_text=_("Comma-separated keywords, e.g. extradition, religious extremism. Public."),
    )
    publication_state = models.CharField(
        verbose_name=_("publication state"),
        max_length=12,
        choices=PublicationState.choices,
        default=PublicationState.DRAFT,
        db_index=True,
        help_text=_(
            "Only published cases, and only their public records, appear on the public site."
        ),
    )
    # Set by cases.services.case_transition only; see PublicationState for the workflow.
    published_at = models.DateTimeField(
        verbose_name=_("published at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the case was first published; from then on its address is permanent."),
    )
    state_changed_at = models.DateTimeField(
        _("publication state changed at"), null=True, blank=True, editable=False
    )
    state_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("publication state changed by"),
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
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-updated_at"]
        # Roles (accounts/migrations) combine these with the default permissions.
        permissions = [
            ("publish_case", _("Can publish and withdraw cases")),
            ("view_confidential", _("Can see and edit confidential records and fields")),
            ("restore_archived", _("Can restore archived cases, people and organizations")),
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
                violation_error_message=_(
                    "The number of people must be at least 1, or left empty."
                ),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("cases:detail", args=[self.slug])


class SubjectRole(models.TextChoices):
    DETAINEE = "detainee", _("Detainee")
    ASYLUM_SEEKER = "asylum_seeker", _("Asylum seeker")
    COMPLAINANT = "complainant", _("Complainant")
    RELATIVE = "relative", _("Relative")
    LAWYER = "lawyer", _("Lawyer or counsel")
    OFFICIAL = "official", pgettext_lazy("case role", "Official")
    WITNESS = "witness", _("Witness")
    OTHER = "other", _("Other")


class CaseSubject(TimeStampedModel):
    """A person's part in a case, with a visibility of its own."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="subjects"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="case_roles",
    )
    role = models.CharField(verbose_name=_("role"), max_length=20, choices=SubjectRole.choices)
    description = models.CharField(
        verbose_name=_("description"),
        max_length=300,
        blank=True,
        help_text=_("E.g. 'first-named complainant'. Public if the link is public."),
    )
    visibility = visibility_field()

    objects = CaseSubjectQuerySet.as_manager()

    PUBLIC_FIELDS = ("case", "person", "role", "description")
    INTERNAL_FIELDS = ("id", "created_at", "updated_at", "visibility")
    CONFIDENTIAL_FIELDS = ()

    class Meta:
        verbose_name = _("case subject")
        verbose_name_plural = _("case subjects")
        ordering = ["case", "role", "person__display_name"]
        constraints = unique_on_each_side(
            ["case", "person", "role"],
            "casesubject_unique_role",
            _("This person already has this role in the case."),
        )

    def __str__(self):
        return f"{self.person} ({self.get_role_display().lower()})"
