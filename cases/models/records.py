"""What happens in a case: each kind of fact record, with its dates, rules and sources.

Every record has its own visibility, names the people it concerns, cites its sources,
and yields the timeline entries the public case page is built from. Each model's rules
are listed once, at module level, so Meta.constraints and clean() share them.
"""

import datetime
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.db import models
from django_countries.fields import CountryField

from core.languages import language_field
from core.models import (
    DateOrder,
    DatePrecision,
    RequiredWhen,
    RuleCheckedModel,
    TimeStampedModel,
    Visibility,
    VisibilityQuerySet,
    format_precise_span,
    precision_field,
    rule_constraints,
    visibility_field,
)
from core.public import public_value

from .case import Case


@dataclass(frozen=True)
class TimelineEntry:
    date: datetime.date
    precision: str
    label: str
    record: "CaseRecord"
    # The entry that carries the record's summary and details; the others are milestones.
    primary: bool = False
    # The end of a span that starts here (Event.DATE_SPANS): one entry, shown as a range.
    end: datetime.date | None = None
    end_precision: str = DatePrecision.DAY

    @property
    def display_date(self) -> str:
        """How the public reads the entry's date: 'June 2010', '9–11 June 2010'."""
        return format_precise_span(self.date, self.precision, self.end, self.end_precision)


class RecordQuerySet(VisibilityQuerySet):
    def public(self):
        """The only definition of a record the public may see: public itself, on a
        published case, and by public related rows where the model requires them."""
        records = super().public().filter(case__in=Case.objects.public())
        for name in self.model.PUBLIC_REQUIRES:
            related = self.model._meta.get_field(name).related_model
            records = records.filter(**{f"{name}__in": related.objects.visible()})
        return records


class CaseRecord(RuleCheckedModel, TimeStampedModel):
    """Fields and behaviour shared by every fact record of a case."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="%(class)ss")
    summary = models.TextField(
        blank=True, help_text="What happened, in words fit for the public if the record is public."
    )
    people = models.ManyToManyField(
        "people.Person",
        blank=True,
        related_name="%(class)s_records",
        help_text="People this record concerns (only public people are ever shown).",
    )
    sources = models.ManyToManyField(
        "cases.Source",
        blank=True,
        related_name="%(class)s_records",
        help_text="The sources that support this record.",
    )
    visibility = visibility_field()

    objects = RecordQuerySet.as_manager()

    # Related rows without which the record is not public at all (rather than shown
    # without naming them): cases/search/document_sql.py reads this too.
    PUBLIC_REQUIRES: tuple[str, ...] = ()

    # Public text fields that hold a name (of a place): the search matches them across
    # scripts and spellings like people's names (cases/search/document_sql.py folds them).
    NAME_FIELDS: tuple[str, ...] = ()

    # Shown publicly when the record is public; `people` and `sources` are filtered by
    # their own visibility. Subclasses extend PUBLIC_FIELDS with their own.
    PUBLIC_FIELDS = ("case", "summary", "people", "sources")
    INTERNAL_FIELDS = ("id", "created_at", "updated_at", "visibility")
    CONFIDENTIAL_FIELDS = ()

    class Meta:
        abstract = True

    def timeline_labels(self) -> list[tuple[str, str]]:
        """(date field, label) of each milestone; labels use public values only."""
        raise NotImplementedError

    # The date whose entry carries the summary (else the first dated entry does).
    primary_date: str = ""

    # (start, end) date fields that make one span: entered in one field ("9–11 June
    # 2010", core.date_fields) and shown as one range. A detention's end is not one:
    # its release is a fact of its own, with its own reason and timeline entry.
    DATE_SPANS: tuple[tuple[str, str], ...] = ()

    def _entry(self, name: str, label: str) -> TimelineEntry:
        end = dict(self.DATE_SPANS).get(name)
        ends = end is not None and getattr(self, end) is not None
        return TimelineEntry(
            getattr(self, name),
            getattr(self, f"{name}_precision"),
            label,
            self,
            primary=name == self.primary_date,
            end=getattr(self, end) if ends else None,
            end_precision=getattr(self, f"{end}_precision") if ends else DatePrecision.DAY,
        )

    def timeline_entries(self) -> list[TimelineEntry]:
        entries = [
            self._entry(name, label)
            for name, label in self.timeline_labels()
            if getattr(self, name) is not None
        ]
        if entries and not any(entry.primary for entry in entries):
            entries[0] = replace(entries[0], primary=True)
        return entries


class DetentionEnd(models.TextChoices):
    UNKNOWN = "", "Not known or not ended"
    RELEASED = "released", "Released"
    EXTRADITED = "extradited", "Extradited or deported"
    TRANSFERRED = "transferred", "Transferred"


DETENTION_RULES = (
    DateOrder("started_on", "ended_on", "The release date cannot be before the arrest date."),
)


class Detention(CaseRecord):
    place = models.CharField(
        max_length=300, blank=True, help_text="E.g. 'Almaty pre-trial detention centre'."
    )
    authority = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="detentions",
    )
    started_on = models.DateField()
    started_on_precision = precision_field("start")
    ended_on = models.DateField(
        null=True, blank=True, help_text="Leave empty while detention continues."
    )
    ended_on_precision = precision_field("end")
    end_reason = models.CharField(
        max_length=12,
        choices=DetentionEnd.choices,
        blank=True,
        default=DetentionEnd.UNKNOWN,
        help_text="How the detention ended.",
    )
    basis = models.TextField(blank=True, help_text="Legal basis given for the detention.")

    PUBLIC_FIELDS = (
        *CaseRecord.PUBLIC_FIELDS,
        *("place", "authority", "started_on", "ended_on", "end_reason", "basis"),
    )
    NAME_FIELDS = ("place",)
    rules = DETENTION_RULES

    class Meta:
        ordering = ["started_on"]
        constraints = rule_constraints("detention", DETENTION_RULES)

    def __str__(self):
        return f"Detention from {self.started_on}" + (f" at {self.place}" if self.place else "")

    primary_date = "started_on"

    def timeline_labels(self):
        where = f" at {self.place}" if self.place else ""
        ended = {
            DetentionEnd.RELEASED: "Released",
            DetentionEnd.EXTRADITED: "Detention ended with extradition",
            DetentionEnd.TRANSFERRED: "Transferred",
        }.get(self.end_reason, "Detention ended")
        return [("started_on", f"Detained{where}"), ("ended_on", ended)]


class AsylumKind(models.TextChoices):
    REFUGEE_STATUS = "refugee_status", "Refugee status"
    MANDATE_REFUGEE = "mandate_refugee", "UNHCR mandate recognition"
    TEMPORARY_ASYLUM = "temporary_asylum", "Temporary asylum"
    COMPLEMENTARY = "complementary", "Complementary or humanitarian protection"


class DecisionOutcome(models.TextChoices):
    PENDING = "pending", "Pending"
    GRANTED = "granted", "Granted"
    REFUSED = "refused", "Refused"
    REVOKED = "revoked", "Revoked"
    DISCONTINUED = "discontinued", "Discontinued"


OUTCOME_NEEDS_DATE = (
    "An outcome needs a decision date: enter the date or set the outcome to pending."
)

ASYLUM_DECISION_RULES = (
    DateOrder("applied_on", "decided_on", "The decision cannot be before the application."),
    RequiredWhen(
        "decided_on",
        "outcome",
        tuple(o for o in DecisionOutcome.values if o != DecisionOutcome.PENDING),
        OUTCOME_NEEDS_DATE,
    ),
)


class AsylumDecision(CaseRecord):
    authority = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="asylum_decisions",
        help_text="The body that decided (migration service, refugee commission, UNHCR).",
    )
    kind = models.CharField(
        max_length=20, choices=AsylumKind.choices, default=AsylumKind.REFUGEE_STATUS
    )
    applied_on = models.DateField(null=True, blank=True)
    applied_on_precision = precision_field("application date")
    decided_on = models.DateField(null=True, blank=True)
    decided_on_precision = precision_field("decision date")
    outcome = models.CharField(
        max_length=15, choices=DecisionOutcome.choices, default=DecisionOutcome.PENDING
    )
    grounds = models.TextField(blank=True, help_text="Reasons given for the decision, if any.")

    PUBLIC_FIELDS = (
        *CaseRecord.PUBLIC_FIELDS,
        *("authority", "kind", "applied_on", "decided_on", "outcome", "grounds"),
    )
    rules = ASYLUM_DECISION_RULES

    class Meta:
        ordering = ["decided_on", "applied_on"]
        constraints = rule_constraints("asylumdecision", ASYLUM_DECISION_RULES)

    def __str__(self):
        when = self.decided_on or "no date"
        return f"{self.get_kind_display()}: {self.get_outcome_display().lower()} ({when})"

    primary_date = "decided_on"

    def timeline_labels(self):
        kind, outcome = self.get_kind_display(), self.get_outcome_display().lower()
        by = public_value(self, "authority")
        decided = f"{kind}: {outcome}" + (f" by {by}" if by else "")
        return [("applied_on", f"Application: {kind}"), ("decided_on", decided)]


class ExtraditionStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    ORDERED = "ordered", "Ordered"
    SUSPENDED = "suspended", "Suspended"
    REFUSED = "refused", "Refused"
    CARRIED_OUT = "carried_out", "Carried out"


EXTRADITION_RULES = (
    DateOrder("ordered_on", "carried_out_on", "The transfer cannot be before the order."),
    RequiredWhen(
        "carried_out_on",
        "status",
        (ExtraditionStatus.CARRIED_OUT,),
        "A carried-out extradition needs the date it was carried out.",
    ),
)


class Extradition(CaseRecord):
    from_country = CountryField(help_text="The country that hands the people over.")
    to_country = CountryField(help_text="The country they are sent to.")
    requesting_state = CountryField(blank=True)
    ordered_by = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="extraditions_ordered",
    )
    charges = models.TextField(blank=True, help_text="Charges named in the request.")
    legal_basis = models.TextField(blank=True, help_text="Treaties or laws cited.")
    assurances = models.TextField(
        blank=True, help_text="Diplomatic assurances given by the requesting state."
    )
    ordered_on = models.DateField(null=True, blank=True)
    ordered_on_precision = precision_field("order date")
    carried_out_on = models.DateField(null=True, blank=True)
    carried_out_on_precision = precision_field("transfer date")
    status = models.CharField(
        max_length=12, choices=ExtraditionStatus.choices, default=ExtraditionStatus.REQUESTED
    )

    PUBLIC_FIELDS = (
        *CaseRecord.PUBLIC_FIELDS,
        *(
            "from_country",
            "to_country",
            "requesting_state",
            "ordered_by",
            "charges",
            "legal_basis",
            "assurances",
            "ordered_on",
            "carried_out_on",
            "status",
        ),
    )
    rules = EXTRADITION_RULES

    class Meta:
        ordering = ["ordered_on"]
        constraints = rule_constraints("extradition", EXTRADITION_RULES)

    def __str__(self):
        status = self.get_status_display().lower()
        return f"Extradition {self.from_country} → {self.to_country} ({status})"

    primary_date = "carried_out_on"

    def timeline_labels(self):
        to = self.to_country.name
        return [
            ("ordered_on", f"Extradition to {to} ordered"),
            ("carried_out_on", f"Extradited to {to}"),
        ]


class AppealLevel(models.TextChoices):
    DOMESTIC_COURT = "domestic_court", "Domestic court (first instance)"
    APPEAL_COURT = "appeal_court", "Domestic appeal court"
    SUPREME_COURT = "supreme_court", "Supreme or constitutional court"
    UN_TREATY_BODY = "un_treaty_body", "UN treaty body"
    REGIONAL_COURT = "regional_court", "Regional human-rights court"
    OTHER = "other", "Other"


class AppealOutcome(models.TextChoices):
    PENDING = "pending", "Pending"
    UPHELD = "upheld", "Upheld (in the person's favour)"
    REJECTED = "rejected", "Rejected"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    INADMISSIBLE = "inadmissible", "Inadmissible"
    ADMISSIBLE = "admissible", "Declared admissible"
    VIOLATION_FOUND = "violation_found", "Violation found"
    NO_VIOLATION = "no_violation", "No violation found"
    WITHDRAWN = "withdrawn", "Withdrawn"


class InterimMeasures(models.TextChoices):
    NONE = "none", "Not requested"
    REQUESTED = "requested", "Requested, no answer yet"
    GRANTED = "granted", "Granted and respected"
    REFUSED = "refused", "Refused"
    IGNORED = "ignored", "Granted but ignored by the state"


APPEAL_RULES = (
    DateOrder("filed_on", "decided_on", "The decision cannot be before the filing."),
    RequiredWhen(
        "decided_on",
        "outcome",
        tuple(o for o in AppealOutcome.values if o != AppealOutcome.PENDING),
        OUTCOME_NEEDS_DATE,
    ),
)


class Appeal(CaseRecord):
    contests_decision = models.ForeignKey(
        AsylumDecision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals",
        help_text="The asylum decision it contests: this case's, saved or entered above.",
    )
    contests_extradition = models.ForeignKey(
        Extradition,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals",
        help_text="Or the extradition order it contests.",
    )
    body = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="appeals_heard",
        help_text="The court or international body that hears it.",
    )
    level = models.CharField(max_length=20, choices=AppealLevel.choices)
    reference = models.CharField(
        max_length=100, blank=True, help_text="Case or communication number."
    )
    filed_on = models.DateField(null=True, blank=True)
    filed_on_precision = precision_field("filing date")
    decided_on = models.DateField(null=True, blank=True)
    decided_on_precision = precision_field("decision date")
    outcome = models.CharField(
        max_length=20, choices=AppealOutcome.choices, default=AppealOutcome.PENDING
    )
    interim_measures = models.CharField(
        max_length=10,
        choices=InterimMeasures.choices,
        default=InterimMeasures.NONE,
        help_text="E.g. a UN committee's request not to extradite while it examines the case.",
    )

    PUBLIC_FIELDS = (
        *CaseRecord.PUBLIC_FIELDS,
        *(
            "contests_decision",
            "contests_extradition",
            "body",
            "level",
            "reference",
            "filed_on",
            "decided_on",
            "outcome",
            "interim_measures",
        ),
    )
    rules = APPEAL_RULES
    CHECKED_IN_CLEAN = ("appeal_contests_one_thing",)

    class Meta:
        ordering = ["filed_on", "decided_on"]
        constraints = [
            *rule_constraints("appeal", APPEAL_RULES),
            models.CheckConstraint(
                condition=models.Q(contests_decision__isnull=True)
                | models.Q(contests_extradition__isnull=True),
                name="appeal_contests_one_thing",
                violation_error_message=(
                    "An appeal contests either an asylum decision or an extradition, not both."
                ),
            ),
        ]

    def __str__(self):
        return f"Appeal to {self.body} ({self.get_outcome_display().lower()})"

    def clean(self):
        super().clean()
        errors = {}
        if self.contests_decision_id and self.contests_extradition_id:
            errors["contests_extradition"] = (
                "An appeal contests either an asylum decision or an extradition, not both."
            )
        for field in ("contests_decision", "contests_extradition"):
            contested = getattr(self, field)
            if contested is not None and self.case_id and contested.case_id != self.case_id:
                errors.setdefault(field, "Choose a decision or order of this same case.")
        if errors:
            raise ValidationError(errors)

    primary_date = "decided_on"

    def timeline_labels(self):
        body = public_value(self, "body") or self.get_level_display().lower()
        outcome = self.get_outcome_display().lower()
        return [("filed_on", f"Appeal filed with {body}"), ("decided_on", f"{body}: {outcome}")]


STATEMENT_NEEDS_CONTENT = "Enter the quote, a summary, or both."


class Statement(CaseRecord):
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="statements"
    )
    speaker = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        help_text="Who spoke for the organization, if anyone in particular.",
    )
    made_on = models.DateField()
    made_on_precision = precision_field("date")
    language = language_field(help_text="Language of the quote.")
    quote = models.TextField(blank=True, help_text="Exact words, in quotation; keep it short.")

    PUBLIC_FIELDS = (
        *CaseRecord.PUBLIC_FIELDS,
        *("organization", "speaker", "made_on", "language", "quote"),
    )
    # A statement is its organization's words: by an organization the public may not
    # see, it is not public at all (its quote would name or betray it). A speaker who
    # is not public is simply not named.
    PUBLIC_REQUIRES = ("organization",)
    CHECKED_IN_CLEAN = ("statement_has_content",)

    class Meta:
        ordering = ["made_on"]
        indexes = [
            # /api/statements/ in its order (cases.profiles.public_statements(), latest
            # first): a page walks the public ones and checks each one's case and
            # organization, stopping after a page; a cursor starts inside it.
            models.Index(
                models.F("made_on").desc(),
                "id",
                name="statement_public_latest",
                condition=models.Q(visibility=Visibility.PUBLIC),
            ),
            # An organization's and a speaker's public statements, in the same order:
            # their pages and ?organization= / ?speaker= read one page, not them all.
            models.Index(
                "organization",
                models.F("made_on").desc(),
                "id",
                name="statement_organization_latest",
                condition=models.Q(visibility=Visibility.PUBLIC),
            ),
            models.Index(
                "speaker",
                models.F("made_on").desc(),
                "id",
                name="statement_speaker_latest",
                condition=models.Q(visibility=Visibility.PUBLIC, speaker__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(quote="") | ~models.Q(summary=""),
                name="statement_has_content",
                violation_error_message=STATEMENT_NEEDS_CONTENT,
            )
        ]

    def __str__(self):
        return f"{self.organization} statement of {self.made_on}"

    def clean(self):
        super().clean()
        if not self.quote.strip() and not self.summary.strip():
            raise ValidationError({"quote": STATEMENT_NEEDS_CONTENT})

    def timeline_labels(self):
        by = public_value(self, "organization")
        return [("made_on", f"Statement by {by}" if by else "Statement")]


class EventKind(models.TextChoices):
    PROTEST = "protest", "Protest"
    ARREST = "arrest", "Arrest or raid"
    RELATIVES_ARRESTED = "relatives_arrested", "Relatives detained or harassed"
    HEARING = "hearing", "Hearing"
    RELEASE = "release", "Release"
    TRANSFER = "transfer", "Transfer"
    LEGAL_CHANGE = "legal_change", "Change of law"
    OTHER = "other", "Other"


EVENT_RULES = (DateOrder("started_on", "ended_on", "The end cannot be before the start."),)


class Event(CaseRecord):
    """Anything else that happened: a protest, the arrest of relatives, a hearing, a release."""

    kind = models.CharField(max_length=20, choices=EventKind.choices)
    title = models.CharField(max_length=300)
    place = models.CharField(max_length=300, blank=True)
    started_on = models.DateField()
    started_on_precision = precision_field("date")
    ended_on = models.DateField(
        null=True, blank=True, help_text="Only for events that lasted several days."
    )
    ended_on_precision = precision_field("end")

    PUBLIC_FIELDS = (
        *CaseRecord.PUBLIC_FIELDS,
        *("kind", "title", "place", "started_on", "ended_on"),
    )
    NAME_FIELDS = ("place",)
    rules = EVENT_RULES
    DATE_SPANS = (("started_on", "ended_on"),)

    class Meta:
        ordering = ["started_on"]
        constraints = rule_constraints("event", EVENT_RULES)

    def __str__(self):
        return self.title

    def timeline_labels(self):
        return [("started_on", self.title)]


RECORD_MODELS = (Detention, AsylumDecision, Appeal, Extradition, Statement, Event)
