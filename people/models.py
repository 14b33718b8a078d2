"""People concerned by cases, their names in every script, relations and contacts."""

from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django_countries.fields import CountryField

from core.languages import language_field
from core.models import (
    ArchivableModel,
    ShownQuerySet,
    TimeStampedModel,
    Visibility,
    VisibilityQuerySet,
    precision_field,
    unique_on_each_side,
    visibility_field,
)


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other"
    UNKNOWN = "unknown", "Unknown"


class Person(ArchivableModel, TimeStampedModel):
    display_name = models.CharField(
        max_length=200, help_text="The name shown to the public when the person is public."
    )
    slug = models.SlugField(max_length=220, unique=True, help_text="Part of the public address.")
    sex = models.CharField(max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    birth_date = models.DateField(null=True, blank=True)
    birth_date_precision = precision_field("birth date")
    nationality = CountryField(blank=True)
    internal_notes = models.TextField(blank=True, help_text="Never shown publicly.")
    search_key = models.GeneratedField(
        expression=models.Func("display_name", function="fold_name"),
        output_field=models.TextField(),
        db_persist=True,
        help_text="The display name folded across scripts and spellings (people/names.py).",
    )
    visibility = visibility_field()

    objects = ShownQuerySet.as_manager()

    # Birth dates stay private: with a name they identify a person too precisely.
    PUBLIC_FIELDS = ("display_name", "slug", "sex", "nationality")
    INTERNAL_FIELDS = (
        "id", "archived_at", "created_at", "updated_at", "internal_notes", "search_key",
        "visibility",
    )  # fmt: skip
    CONFIDENTIAL_FIELDS = ("birth_date",)

    class Meta:
        ordering = ["display_name"]
        verbose_name_plural = "people"
        indexes = [
            GinIndex(
                fields=["search_key"], opclasses=["gin_trgm_ops"], name="person_search_key_trgm"
            ),
            # The public list in its order: a page walks it and checks, row by row, that a
            # published case shows each person (ShownQuerySet), stopping after a page.
            models.Index(
                fields=["display_name", "slug"],
                condition=models.Q(visibility=Visibility.PUBLIC, archived_at__isnull=True),
                name="person_public_name_order",
            ),
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("person-detail", args=[self.slug])


class Script(models.TextChoices):
    LATIN = "latin", "Latin"
    CYRILLIC = "cyrillic", "Cyrillic"
    ARABIC = "arabic", "Arabic"
    OTHER = "other", "Other"


class NameKind(models.TextChoices):
    OFFICIAL = "official", "Official"
    TRANSLITERATION = "transliteration", "Transliteration"
    ALIAS = "alias", "Alias"


class NameVariant(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_variants")
    text = models.CharField(max_length=200)
    script = models.CharField(max_length=10, choices=Script.choices, default=Script.LATIN)
    kind = models.CharField(
        max_length=20, choices=NameKind.choices, default=NameKind.TRANSLITERATION
    )
    language = language_field(help_text="Language of the document the spelling comes from.")
    folded = models.GeneratedField(
        expression=models.Func("text", function="fold_name"),
        output_field=models.TextField(),
        db_persist=True,
    )
    visibility = visibility_field()

    objects = VisibilityQuerySet.as_manager()

    PUBLIC_FIELDS = ("text", "script", "kind", "language")
    INTERNAL_FIELDS = ("id", "person", "folded", "visibility")
    CONFIDENTIAL_FIELDS = ()

    class Meta:
        ordering = ["person", "script", "text"]
        indexes = [
            GinIndex(fields=["folded"], opclasses=["gin_trgm_ops"], name="namevariant_folded_trgm")
        ]
        constraints = unique_on_each_side(
            ["person", "text"],
            "namevariant_unique_text_per_person",
            "This person already has this spelling.",
        )

    def __str__(self):
        return self.text


class RelationKind(models.TextChoices):
    SPOUSE = "spouse", "Spouse"
    PARENT = "parent", "Parent"
    CHILD = "child", "Child"
    SIBLING = "sibling", "Sibling"
    OTHER = "other", "Other relative"


class Relation(TimeStampedModel):
    """A family tie: confidential by default, since it can expose relatives to reprisals."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relations")
    relative = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="relations_as_relative"
    )
    kind = models.CharField(max_length=10, choices=RelationKind.choices)
    notes = models.TextField(blank=True)
    visibility = visibility_field(default=Visibility.CONFIDENTIAL)

    objects = VisibilityQuerySet.as_manager()

    # Never shown publicly: a family tie can expose relatives to reprisals.
    PUBLIC_FIELDS = ()
    INTERNAL_FIELDS = ("id", "created_at", "updated_at", "visibility")
    CONFIDENTIAL_FIELDS = ("person", "relative", "kind", "notes")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(person=models.F("relative")),
                name="relation_not_to_self",
                violation_error_message="A person cannot be their own relative.",
            ),
            models.UniqueConstraint(
                fields=["person", "relative", "kind"],
                name="relation_unique",
                violation_error_message="This relation is already recorded.",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_kind_display().lower()} – {self.relative}"

    def clean(self):
        super().clean()
        if self.person_id and self.person_id == self.relative_id:
            raise ValidationError({"relative": "A person cannot be their own relative."})


class ContactKind(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    ADDRESS = "address", "Address"
    MESSENGER = "messenger", "Messenger"
    OTHER = "other", "Other"


class ContactDetail(TimeStampedModel):
    """How to reach a person: confidential by default."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(max_length=10, choices=ContactKind.choices)
    value = models.CharField(max_length=300)
    notes = models.CharField(max_length=300, blank=True)
    visibility = visibility_field(default=Visibility.CONFIDENTIAL)

    objects = VisibilityQuerySet.as_manager()

    PUBLIC_FIELDS = ()
    INTERNAL_FIELDS = ("id", "created_at", "updated_at", "person", "visibility")
    CONFIDENTIAL_FIELDS = ("kind", "value", "notes")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"
