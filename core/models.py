"""Pieces every app shares: visibility, precise dates, timestamps, date-order rules."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import dateformat
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal (all staff)")
    CONFIDENTIAL = "confidential", _("Confidential (named roles only)")


VISIBILITY_HELP = _(
    "Public: shown on the public site once the case is published. Internal: all staff. "
    "Confidential: only staff with confidential access."
)


def visibility_field(default: str = Visibility.INTERNAL) -> models.CharField:
    return models.CharField(
        _("visibility"),
        max_length=12,
        choices=Visibility.choices,
        default=default,
        db_index=True,
        help_text=VISIBILITY_HELP,
    )


def unique_on_each_side(fields: list[str], name: str, message: str) -> list:
    """A unique rule kept separately among confidential rows and among the others.

    One rule across both would answer "already exists" to staff who may not see the
    confidential row, confirming what they guessed; kept apart, a row they add can only
    clash with rows they see. (Rows naming a confidential row through a foreign key are
    confidential to staff too, but they cannot name that row, so cannot clash with them.)
    """
    confidential = Q(visibility=Visibility.CONFIDENTIAL)
    return [
        models.UniqueConstraint(
            fields=fields, condition=~confidential, name=name, violation_error_message=message
        ),
        models.UniqueConstraint(
            fields=fields,
            condition=confidential,
            name=f"{name}_confidential",
            violation_error_message=message,
        ),
    ]


class VisibilityQuerySet(models.QuerySet):
    """Rows whose own visibility allows the public to see them."""

    def public(self):
        return self.filter(visibility=Visibility.PUBLIC)


class ArchivableQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)

    def archived(self):
        return self.filter(archived_at__isnull=False)

    def archive(self) -> int:
        """Archive the rows not archived yet, in one statement; returns how many."""
        from django.utils import timezone

        now = timezone.now()
        return self.active().update(archived_at=now, updated_at=now)

    def restore(self) -> int:
        from django.utils import timezone

        return self.archived().update(archived_at=None, updated_at=timezone.now())


class ArchivableVisibilityQuerySet(ArchivableQuerySet, VisibilityQuerySet):
    """Public rows are public by their visibility and not archived."""

    def public(self):
        return super().public().filter(archived_at__isnull=True)


class Appearance(NamedTuple):
    """Rows through which a published case shows a person or an organization."""

    rows: models.QuerySet  # public rows of published cases, e.g. Statement.objects.public()
    shows: str  # the lookup from such a row to the person or organization, e.g. "speaker"
    case: str = "case"  # the lookup from such a row to its case


# Model label → a callable returning its Appearances. Filled by the app that shows people
# and organizations (cases/models/appearances.py), which their own apps may not import.
APPEARANCES: dict[str, Callable[[], tuple[Appearance, ...]]] = {}


class RowByRowExists(Exists):
    """EXISTS evaluated for each outer row, never hashed whole.

    PostgreSQL turns a correlated EXISTS under OR into a choice between probing it per
    row and hashing the entire subquery, and picks hashing when it expects many outer
    rows, unaware that a LIMIT (a page of 20) or a slug will stop it after a few: it
    would then read every public record of every case. OFFSET 0 keeps the subquery as
    written, so each row costs a few index probes.
    """

    template = "EXISTS(%(subquery)s OFFSET 0)"


class ShownQuerySet(ArchivableVisibilityQuerySet):
    """People and organizations: public only through a published case that shows them.

    Marking someone public before their case is published must not tell the world that
    a case is being prepared, so their own visibility (`visible()`) is not enough.
    """

    def visible(self):
        """Public by their own visibility and not archived: the half of public() that is
        theirs. Only for rows already reached through a public row of a published case."""
        return super().public()

    def public(self):
        """Visible, and shown by a published case: the apps' Appearances, compiled into a
        database function after each migrate (core.shown)."""
        from core.shown import condition

        return self.visible().filter(condition(self.model))

    def points_public(self, field: str) -> RowByRowExists:
        """A condition on other rows: their `field` points at a public row of this model,
        checked row by row (a person's few affiliations, not every public organization)."""
        return RowByRowExists(self.public().filter(pk=OuterRef(field)))


class ArchivableModel(models.Model):
    """Deleting archives: the row stays (restorable) but disappears from every public surface."""

    archived_at = models.DateTimeField(
        verbose_name=_("archived at"), null=True, blank=True, editable=False, db_index=True
    )

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def archive(self):
        from django.utils import timezone

        self.archived_at = timezone.now()
        self.save(update_fields=["archived_at", "updated_at"])

    def restore(self):
        self.archived_at = None
        self.save(update_fields=["archived_at", "updated_at"])


class DatePrecision(models.TextChoices):
    DAY = "day", _("Exact day")
    MONTH = "month", _("Month only")
    YEAR = "year", _("Year only")
    APPROXIMATE = "approximate", _("Approximate year")


PRECISION_HELP = _(
    "How precisely the date is known. For a month or a year, enter its first day "
    "(June 2010 → 2010-06-01)."
)


def precision_field(verbose_name) -> models.CharField:
    """`verbose_name` whole (e.g. _("start precision")): translators see the phrase, not
    a fragment glued to "precision"."""
    return models.CharField(
        verbose_name,
        max_length=12,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=PRECISION_HELP,
    )


# How a date is written at each precision, as Django date formats (translated: the
# language decides the order and its words, e.g. ru "j E Y г." → "9 июня 2011 г.").
DATE_PATTERNS = {
    # Translators: a Django date format (j day, F month, E month in a date, Y year);
    # other Latin letters need a backslash. Example: 9 June 2011.
    DatePrecision.DAY: pgettext_lazy("date known to the day", "j F Y"),
    # Translators: a Django date format (F month, Y year). Example: June 2010.
    DatePrecision.MONTH: pgettext_lazy("date known to the month", "F Y"),
    # Translators: a Django date format (Y year). Example: 2011.
    DatePrecision.YEAR: pgettext_lazy("date known to the year", "Y"),
}
# Translators: a year known only approximately. Example: about 2005.
ABOUT_YEAR = _("about %(year)s")
# Languages that write month names with a capital inside a sentence.
CAPITALIZED_MONTHS = {"en"}


def _in_language(text: str) -> str:
    """Django's month names are capitalized; Russian, Kazakh and Uzbek write them lower."""
    return text if get_language() in CAPITALIZED_MONTHS else text.lower()


def format_precise_date(value: datetime.date | None, precision: str) -> str:
    """A date as precisely as it is known, in the active language: '9 June 2011',
    'June 2010', '2011', 'about 2005' ('9 июня 2011 г.', 'июнь 2010 г.', 'около 2005 г.')."""
    if value is None:
        return ""
    if precision == DatePrecision.APPROXIMATE:
        return ABOUT_YEAR % {"year": value.year}
    pattern = DATE_PATTERNS.get(precision, DATE_PATTERNS[DatePrecision.DAY])
    return _in_language(dateformat.format(value, str(pattern)))


def format_precise_span(
    start: datetime.date | None,
    start_precision: str,
    end: datetime.date | None,
    end_precision: str,
) -> str:
    """A start and an end as one span, saying once what they share: '9–11 June 2010',
    '9 June – 2 July 2010', 'June–July 2010', '2010–2012'; without an end, the start alone.
    Sharing needs the day and month first (English, Russian); otherwise both in full."""
    first = format_precise_date(start, start_precision)
    last = format_precise_date(end, end_precision)
    if not last or last == first:
        return first
    if not first:
        return last
    same_year = start.year == end.year
    day, month = DatePrecision.DAY, DatePrecision.MONTH
    day_first = str(DATE_PATTERNS[day]).startswith("j ")
    month_first = str(DATE_PATTERNS[month]).startswith("F ")
    if start_precision == end_precision == day and same_year and day_first:
        if start.month == end.month:
            return f"{start.day}–{last}"
        return f"{_in_language(dateformat.format(start, 'j E'))} – {last}"
    if start_precision == end_precision == month and same_year and month_first:
        return f"{_in_language(dateformat.format(start, 'F'))}–{last}"
    if start_precision == end_precision == DatePrecision.YEAR and first == str(start.year):
        return f"{first}–{last}"
    if start_precision == end_precision == DatePrecision.APPROXIMATE:
        return ABOUT_YEAR % {"year": f"{start.year}–{end.year}"}  # about 2005–2007
    return f"{first} – {last}"


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(verbose_name=_("updated at"), auto_now=True)

    class Meta:
        abstract = True


@dataclass(frozen=True)
class DateOrder:
    """`later` may not come before `earlier`: a database constraint and a form message."""

    earlier: str
    later: str
    message: str

    def constraint(self, model_name: str) -> models.CheckConstraint:
        return models.CheckConstraint(
            condition=Q(**{f"{self.earlier}__isnull": True})
            | Q(**{f"{self.later}__isnull": True})
            | Q(**{f"{self.later}__gte": F(self.earlier)}),
            name=f"{model_name}_{self.later}_not_before_{self.earlier}",
            violation_error_message=self.message,
        )

    def errors(self, instance) -> dict[str, str]:
        earlier, later = getattr(instance, self.earlier), getattr(instance, self.later)
        if earlier and later and later < earlier:
            return {self.later: self.message}
        return {}


@dataclass(frozen=True)
class RequiredWhen:
    """`field` must be filled when `when_field` has one of `values` (outcome needs a date)."""

    field: str
    when_field: str
    values: tuple[str, ...]
    message: str

    def constraint(self, model_name: str) -> models.CheckConstraint:
        return models.CheckConstraint(
            condition=~Q(**{f"{self.when_field}__in": self.values})
            | Q(**{f"{self.field}__isnull": False}),
            name=f"{model_name}_{self.field}_required",
            violation_error_message=self.message,
        )

    def errors(self, instance) -> dict[str, str]:
        if (
            getattr(instance, self.field) is None
            and getattr(instance, self.when_field) in self.values
        ):
            return {self.field: self.message}
        return {}


class RuleCheckedModel(models.Model):
    """A model whose `rules` become both database constraints and field-level messages.

    Each concrete model lists its rules once in `rules` and calls `rule_constraints`
    in its Meta, so the database and the forms can never disagree.
    """

    rules: tuple = ()
    # Names of other check constraints that the model's clean() refuses by the same test.
    CHECKED_IN_CLEAN: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors: dict[str, str] = {}
        for rule in self.rules:
            for field, message in rule.errors(self).items():
                errors.setdefault(field, message)
        if errors:
            raise ValidationError(errors)

    def get_constraints(self):
        """Without the check constraints clean() already tests in Python: Django's model
        validation would ask the database each one again, a savepoint and a query per
        row and per rule (CheckConstraint.validate), which a page of fifty records
        multiplies. The database still holds them, as the last guard."""
        checked = {rule.constraint(self._meta.model_name).name for rule in self.rules}
        checked |= set(self.CHECKED_IN_CLEAN)
        return [
            (model, [c for c in constraints if c.name not in checked])
            for model, constraints in super().get_constraints()
        ]


def rule_constraints(model_name: str, rules) -> list[models.CheckConstraint]:
    return [rule.constraint(model_name) for rule in rules]
