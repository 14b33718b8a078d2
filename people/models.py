"""People concerned by cases, their names in every script, relations and contacts."""

from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
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
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class Person(ArchivableModel, TimeStampedModel):
    display_name = models.CharField(
        verbose_name=_("display name"),
        max_length=200,
        help_text=_("The name shown to the public when the person is public."),
    )
    slug = models.SlugField(
        verbose_name=_("slug"),
        max_length=220,
        unique=True,
        help_text=_("Part of the public address."),
    )
    sex = models.CharField(
        verbose_name=_("sex"), max_length=10, choices=Sex.choices, default=Sex.UNKNOWN
    )
    birth_date = models.DateField(verbose_name=_("birth date"), null=True, blank=True)
    birth_date_precision = precision_field(_("birth date precision"))
    nationality = CountryField(verbose_name=_("nationality"), blank=True)
    internal_notes = models.TextField(
        verbose_name=_("internal notes"), blank=True, help_text=_("Never shown publicly.")
    )
    search_key = models.GeneratedField(
        verbose_name=_("search key"),
        expression=models.Func("display_name", function="fold_name"),
        output_field=models.TextField(),
        db_persist=True,
        help_text=_("The display name folded across scripts and spellings (people/names.py)."),
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
        verbose_name = _("person")
        ordering = ["display_name"]
        verbose_name_plural = _("people")
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
    LATIN = "latin", _("Latin")
    CYRILLIC = "cyrillic", _("Cyrillic")
    ARABIC = "arabic", _("Arabic")
    OTHER = "other", _("Other")


class NameKind(models.TextChoices):
    OFFICIAL = "official", _("Official")
    TRANSLITERATION = "transliteration", _("Transliteration")
    ALIAS = "alias", _("Alias")


class NameVariant(models.Model):
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="name_variants"
    )
    text = models.CharField(verbose_name=_("text"), max_length=200)
    script = models.CharField(
        verbose_name=_("script"), max_length=10, choices=Script.choices, default=Script.LATIN
    )
    kind = models.CharField(
        verbose_name=_("kind"),
        max_length=20,
        choices=NameKind.choices,
        default=NameKind.TRANSLITERATION,
    )
    language = language_field(help_text=_("Language of the document the spelling comes from."))
    folded = models.GeneratedField(
        verbose_name=_("folded"),
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
        verbose_name = _("name variant")
        verbose_name_plural = _("name variants")
        ordering = ["person", "script", "text"]
        indexes = [
            GinIndex(fields=["folded"], opclasses=["gin_trgm_ops"], name="namevariant_folded_trgm")
        ]
        constraints = unique_on_each_side(
            ["person", "text"],
            "namevariant_unique_text_per_person",
            _("This person already has this spelling."),
        )

    def __str__(self):
        return self.text


class RelationKind(models.TextChoices):
    SPOUSE = "spouse", _("Spouse")
    PARENT = "parent", _("Parent")
    CHILD = "child", _("Child")
    SIBLING = "sibling", _("Sibling")
    OTHER = "other", _("Other relative")


class Relation(TimeStampedModel):
    """A family tie: confidential by default, since it can expose relatives to reprisals."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="relations"
    )
    relative = models.ForeignKey(
        Person,
        verbose_name=_("relative"),
        on_delete=models.CASCADE,
        related_name="relations_as_relative",
    )
    kind = models.CharField(verbose_name=_("kind"), max_length=10, choices=RelationKind.choices)
    notes = models.TextField(verbose_name=_("notes"), blank=True)
    visibility = visibility_field(default=Visibility.CONFIDENTIAL)

    objects = VisibilityQuerySet.as_manager()

    # Never shown publicly: a family tie can expose relatives to reprisals.
    PUBLIC_FIELDS = ()
    INTERNAL_FIELDS = ("id", "created_at", "updated_at", "visibility")
    CONFIDENTIAL_FIELDS = ("person", "relative", "kind", "notes")

    class Meta:
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(person=models.F("relative")),
                name="relation_not_to_self",
                violation_error_message=_("A person cannot be their own relative."),
            ),
            models.UniqueConstraint(
                fields=["person", "relative", "kind"],
                name="relation_unique",
                violation_error_message=_("This relation is already recorded."),
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_kind_display().lower()} – {self.relative}"

    def clean(self):
        super().clean()
        if self.person_id and self.person_id == self.relative_id:
            raise ValidationError({"relative": _("A person cannot be their own relative.")})


class ContactKind(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    ADDRESS = "address", _("Address")
    MESSENGER = "messenger", _("Messenger")
    OTHER = "other", _("Other")


class ContactDetail(TimeStampedModel):
    """How to reach a person: confidential by default."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="contacts"
    )
    kind = models.CharField(verbose_name=_("kind"), max_length=10, choices=ContactKind.choices)
    value = models.CharField(verbose_name=_("value"), max_length=300)
    notes = models.CharField(verbose_name=_("notes"), max_length=300, blank=True)
    visibility = visibility_field(default=Visibility.CONFIDENTIAL)

    objects = VisibilityQuerySet.as_manager()

    PUBLIC_FIELDS = ()
    INTERNAL_FIELDS = ("id", "created_at", "updated_at", "person", "visibility")
    CONFIDENTIAL_FIELDS = ("kind", "value", "notes")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"

    class Meta:
        verbose_name = _("contact detail")
        verbose_name_plural = _("contact details")
