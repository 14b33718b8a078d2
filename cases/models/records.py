"""What happens in a case: each kind of fact record, with its dates, rules and sources.

Every record has its own visibility, names the people it concerns, cites its sources,
and yields the timeline entries the public case page is built from. Each model's rules
are listed once, at module level, so Meta.constraints and clean() share them.
"""

import datetime
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
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

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="%(class)ss"
    )
    summary = models.TextField(
        verbose_name=_("summary"),
        blank=True,
        help_text=_("What happened, in words fit for the public if the record is public."),
    )
    people = models.ManyToManyField(
        "people.Person",
        verbose_name=_("people"),
        blank=True,
        related_name="%(class)s_records",
        help_text=_("People this record concerns (only public people are ever shown)."),
    )
    sources = models.ManyToManyField(
        "cases.Source",
        verbose_name=_("sources"),
        blank=True,
        related_name="%(class)s_records",
        help_text=_("The sources that support this record."),
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
    UNKNOWN = "", _("Not known or not ended")
    RELEASED = "released", _("Released")
    EXTRADITED = "extradited", _("Extradited or deported")
    TRANSFERRED = "transferred", _("Transferred")


DETENTION_RULES = (
    DateOrder("started_on", "ended_on", _("The release date cannot be before the arrest date.")),
)


class Detention(CaseRecord):
    place = models.CharField(
        verbose_name=_("place"),
        max_length=300,
        blank=True,
        help_text=_("E.g. 'Almaty pre-trial detention centre'."),
    )
    authority = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("authority"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="detentions",
    )
    started_on = models.DateField(verbose_name=_("started on"))
    started_on_precision = precision_field(_("start precision"))
    ended_on = models.DateField(
        verbose_name=_("ended on"),
        null=True,
        blank=True,
        help_text=_("Leave empty while detention continues."),
    )
    ended_on_precision = precision_field(_("end precision"))
    end_reason = models.CharField(
        verbose_name=_("end reason"),
        max_length=12,
        choices=DetentionEnd.choices,
        blank=True,
        default=DetentionEnd.UNKNOWN,
        help_text=_("How the detention ended."),
    )
    basis = models.TextField(
        verbose_name=_("basis"), blank=True, help_text=_("Legal basis given for the detention.")
    )

    PUBLIC_FIELDS = (
        *CaseRecord.PUBLIC_FIELDS,
        *("place", "authority", "started_on", "ended_on", "end_reason", "basis"),
    )
    NAME_FIELDS = ("place",)
    rules = DETENTION_RULES

    class Meta:
        verbose_name = _("detention")
        verbose_name_plural = _("detentions")
        ordering = ["started_on"]
        constraints = rule_constraints("detention", DETENTION_RULES)

    def __str__(self):
        if self.place:
            return gettext("Detention from %(date)s at %(place)s") % {
                "date": self.started_on,
                "place": self.place,
            }
        return gettext("Detention from %(date)s") % {"date": self.started_on}

    primary_date = "started_on"

    def timeline_labels(self):
        # Called while a page renders: gettext, in the reader's language.
        if self.place:
            started = gettext("Detained at %(place)s") % {"place": self.place}
        else:
            started = pgettext("timeline", "Detained")
        ended = {
            DetentionEnd.RELEASED: pgettext("timeline", "Released"),
            DetentionEnd.EXTRADITED: gettext("Detention ended with extradition"),
            DetentionEnd.TRANSFERRED: pgettext("timeline", "Transferred"),
        }.get(self.end_reason) or gettext("Detention ended")
        return [("started_on", started), ("ended_on", ended)]


class AsylumKind(models.TextChoices):
    REFUGEE_STATUS = "refugee_status", _("Refugee status")
    MANDATE_REFUGEE = "mandate_refugee", _("UNHCR mandate recognition")
    TEMPORARY_ASYLUM = "temporary_asylum", _("Temporary asylum")
    COMPLEMENTARY = "complementary", _("Complementary or humanitarian protection")


class DecisionOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")
    REVOKED = "revoked", _("Revoked")
    DISCONTINUED = "discontinued", _("Discontinued")


OUTCOME_NEEDS_DATE = _(
    "An outcome needs a decision date: enter the date or set the outcome to pending."
)

ASYLUM_DECISION_RULES = (
    DateOrder("applied_on", "decided_on", _("The decision cannot be before the application.")),
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
        verbose_name=_("authority"),
        on_delete=models.PROTECT,
        related_name="asylum_decisions",
        help_text=_("The body that decided (migration service, refugee commission, UNHCR)."),
    )
    kind = models.CharField(
        verbose_name=_("kind"),
        max_length=20,
        choices=AsylumKind.choices,
        default=AsylumKind.REFUGEE_STATUS,
    )
    applied_on = models.DateField(verbose_name=_("applied on"), null=True, blank=True)
    applied_on_precision = precision_field(_("application date precision"))
    decided_on = models.DateField(verbose_name=_("decided on"), null=True, blank=True)
    decided_on_precision = precision_field(_("decision date precision"))
    outcome = models.CharField(
        verbose_name=_("outcome"),
        max_length=15,
        choices=DecisionOutcome.choices,
        default=DecisionOutcome.PENDING,
    )
    grounds = models.TextField(
        verbose_name=_("grounds"),
        blank=True,
        help_text=_("Reasons given for the decision, if any."),
    )

    PUBLIC_FIELDS = (
        *CaseRecord.PUBLIC_FIELDS,
        *("authority", "kind", "applied_on", "decided_on", "outcome", "grounds"),
    )
    rules = ASYLUM_DECISION_RULES

    class Meta:
        verbose_name = _("asylum decision")
        verbose_name_plural = _("asylum decisions")
        ordering = ["decided_on", "applied_on"]
        constraints = rule_constraints("asylumdecision", ASYLUM_DECISION_RULES)

    def __str__(self):
        return gettext("%(kind)s: %(outcome)s (%(date)s)") % {
            "kind": self.get_kind_display(),
            "outcome": self.get_outcome_display().lower(),
            "date": self.decided_on or gettext("no date"),
        }

    primary_date = "decided_on"

    def timeline_labels(self):
        kind, outcome = self.get_kind_display(), self.get_outcome_display().lower()
        by = public_value(self, "authority")
        values = {"kind": kind, "outcome": outcome, "authority": by}
        if by:
            decided = gettext("%(kind)s: %(outcome)s by %(authority)s") % values
        else:
            decided = gettext("%(kind)s: %(outcome)s") % values
        return [("applied_on", gettext("Application: %(kind)s") % values), ("decided_on", decided)]


class ExtraditionStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ORDERED = "ordered", _("Ordered")
    SUSPENDED = "suspended", _("Suspended")
    REFUSED = "refused", _("Refused")
    CARRIED_OUT = "carried_out", _("Carried out")


EXTRADITION_RULES = (
    DateOrder("ordered_on", "carried_out_on", _("The transfer cannot be before the order.")),
    RequiredWhen(
        "carried_out_on",
        "status",
        (ExtraditionStatus.CARRIED_OUT,),
        _("A carried-out extradition needs the date it was carried out."),
    ),
)


class Extradition(CaseRecord):
    from_country = CountryField(
        verbose_name=_("from country"), help_text=_("The country that hands the people over.")
    )
    to_country = CountryField(
        verbose_name=_("to country"), help_text=_("The country they are sent to.")
    )
    requesting_state = CountryField(verbose_name=_("requesting state"), blank=True)
    ordered_by = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("ordered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="extraditions_ordered",
    )
    charges = models.TextField(
        verbose_name=_("charges"), blank=True, help_text=_("Charges named in the request.")
    )
    legal_basis = models.TextField(
        verbose_name=_("legal basis"), blank=True, help_text=_("Treaties or laws cited.")
    )
    assurances = models.TextField(
        verbose_name=_("assurances"),
        blank=True,
        help_text=_("Diplomatic assurances given by the requesting state."),
    )
    ordered_on = models.DateField(verbose_name=_("ordered on"), null=True, blank=True)
    ordered_on_precision = precision_field(_("order date precision"))
    carried_out_on = models.DateField(verbose_name=_("carried out on"), null=True, blank=True)
    carried_out_on_precision = precision_field(_("transfer date precision"))
    status = models.CharField(
        verbose_name=_("status"),
        max_length=12,
        choices=ExtraditionStatus.choices,
        default=ExtraditionStatus.REQUESTED,
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
        verbose_name = _("extradition")
        verbose_name_plural = _("extraditions")
        ordering = ["ordered_on"]
        constraints = rule_constraints("extradition", EXTRADITION_RULES)

    def __str__(self):
        status = self.get_status_display().lower()
        return gettext("Extradition %(from)s → %(to)s (%(status)s)") % {
            "from": self.from_country,
            "to": self.to_country,
            "status": status,
        }

    primary_date = "carried_out_on"

    def timeline_labels(self):
        to = self.to_country.name
        return [
            ("ordered_on", gettext("Extradition to %(country)s ordered") % {"country": to}),
            ("carried_out_on", gettext("Extradited to %(country)s") % {"country": to}),
        ]


class AppealLevel(models.TextChoices):
    DOMESTIC_COURT = "domestic_court", _("Domestic court (first instance)")
    APPEAL_COURT = "appeal_court", _("Domestic appeal court")
    SUPREME_COURT = "supreme_court", _("Supreme or constitutional court")
    UN_TREATY_BODY = "un_treaty_body", _("UN treaty body")
    REGIONAL_COURT = "regional_court", _("Regional human-rights court")
    OTHER = "other", _("Other")


class AppealOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    UPHELD = "upheld", _("Upheld (in the person's favour)")
    REJECTED = "rejected", _("Rejected")
    PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
    INADMISSIBLE = "inadmissible", _("Inadmissible")
    ADMISSIBLE = "admissible", _("Declared admissible")
    VIOLATION_FOUND = "violation_found", _("Violation found")
    NO_VIOLATION = "no_violation", _("No violation found")
    WITHDRAWN = "withdrawn", pgettext_lazy("appeal outcome", "Withdrawn")


class InterimMeasures(models.TextChoices):
    NONE = "none", _("Not requested")
    REQUESTED = "requested", _("Requested, no answer yet")
    GRANTED = "granted", _("Granted and respected")
    REFUSED = "refused", _("Refused")
    IGNORED = "ignored", _("Granted but ignored by the state")


APPEAL_RULES = (
    DateOrder("filed_on", "decided_on", _("The decision cannot be before the filing.")),
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
        verbose_name=_("contests decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals",
        help_text=_("The asylum decision it contests: this case's, saved or entered above."),
    )
    contests_extradition = models.ForeignKey(
        Extradition,
        verbose_name=_("contests extradition"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals",
        help_text=_("Or the extradition order it contests."),
    )
    body = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        related_name="appeals_heard",
        help_text=_("The court or international body that hears it."),
    )
    level = models.CharField(verbose_name=_("level"), max_length=20, choices=AppealLevel.choices)
    reference = models.CharField(
        verbose_name=_("reference"),
        max_length=100,
        blank=True,
        help_text=_("Case or communication number."),
    )
    filed_on = models.DateField(verbose_name=_("filed on"), null=True, blank=True)
    filed_on_precision = precision_field(_("filing date precision"))
    decided_on = models.DateField(verbose_name=_("decided on"), null=True, blank=True)
    decided_on_precision = precision_field(_("decision date precision"))
    outcome = models.CharField(
        verbose_name=_("outcome"),
        max_length=20,
        choices=AppealOutcome.choices,
        default=AppealOutcome.PENDING,
    )
    interim_measures = models.CharField(
        verbose_name=_("interim measures"),
        max_length=10,
        choices=InterimMeasures.choices,
        default=InterimMeasures.NONE,
        help_text=_("E.g. a UN committee's request not to extradite while it examines the case."),
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
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["filed_on", "decided_on"]
        constraints = [
            *rule_constraints("appeal", APPEAL_RULES),
            models.CheckConstraint(
                condition=models.Q(contests_decision__isnull=True)
                | models.Q(contests_extradition__isnull=True),
                name="appeal_contests_one_thing",
                violation_error_message=(
                    _("An appeal contests either an asylum decision or an extradition, not both.")
                ),
            ),
        ]

    def __str__(self):
        return gettext("Appeal to %(body)s (%(outcome)s)") % {
            "body": self.body,
            "outcome": self.get_outcome_display().lower(),
        }

    def clean(self):
        super().clean()
        errors = {}
        if self.contests_decision_id and self.contests_extradition_id:
            errors["contests_extradition"] = gettext(
                "An appeal contests either an asylum decision or an extradition, not both."
            )
        for field in ("contests_decision", "contests_extradition"):
            contested = getattr(self, field)
            if contested is not None and self.case_id and contested.case_id != self.case_id:
                errors.setdefault(field, gettext("Choose a decision or order of this same case."))
        if errors:
            raise ValidationError(errors)

    primary_date = "decided_on"

    def timeline_labels(self):
        body = public_value(self, "body") or self.get_level_display().lower()
        outcome = self.get_outcome_display().lower()
        values = {"body": body, "outcome": outcome}
        return [
            ("filed_on", gettext("Appeal filed with %(body)s") % values),
            ("decided_on", gettext("%(body)s: %(outcome)s") % values),
        ]


STATEMENT_NEEDS_CONTENT = _("Enter the quote, a summary, or both.")


class Statement(CaseRecord):
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="statements",
    )
    speaker = models.ForeignKey(
        "people.Person",
        verbose_name=_("speaker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        help_text=_("Who spoke for the organization, if anyone in particular."),
    )
    made_on = models.DateField(verbose_name=_("made on"))
    made_on_precision = precision_field(_("date precision"))
    language = language_field(help_text=_("Language of the quote."))
    quote = models.TextField(
        verbose_name=_("quote"),
        blank=True,
        help_text=_("Exact words, in quotation; keep it short."),
    )

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
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
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
        return gettext("%(organization)s statement of %(date)s") % {
            "organization": self.organization,
            "date": self.made_on,
        }

    def clean(self):
        super().clean()
        if not self.quote.strip() and not self.summary.strip():
            raise ValidationError({"quote": STATEMENT_NEEDS_CONTENT})

    def timeline_labels(self):
        by = public_value(self, "organization")
        if by:
            return [("made_on", gettext("Statement by %(organization)s") % {"organization": by})]
        return [("made_on", pgettext("timeline", "Statement"))]


class EventKind(models.TextChoices):
    PROTEST = "protest", _("Protest")
    ARREST = "arrest", _("Arrest or raid")
    RELATIVES_ARRESTED = "relatives_arrested", _("Relatives detained or harassed")
    HEARING = "hearing", _("Hearing")
    RELEASE = "release", _("Release")
    TRANSFER = "transfer", _("Transfer")
    LEGAL_CHANGE = "legal_change", _("Change of law")
    OTHER = "other", _("Other")


EVENT_RULES = (DateOrder("started_on", "ended_on", _("The end cannot be before the start.")),)


class Event(CaseRecord):
    """Anything else that happened: a protest, the arrest of relatives, a hearing, a release."""

    kind = models.CharField(verbose_name=_("kind"), max_length=20, choices=EventKind.choices)
    title = models.CharField(verbose_name=_("title"), max_length=300)
    place = models.CharField(verbose_name=_("place"), max_length=300, blank=True)
    started_on = models.DateField(verbose_name=_("started on"))
    started_on_precision = precision_field(_("date precision"))
    ended_on = models.DateField(
        verbose_name=_("ended on"),
        null=True,
        blank=True,
        help_text=_("Only for events that lasted several days."),
    )
    ended_on_precision = precision_field(_("end precision"))

    PUBLIC_FIELDS = (
        *CaseRecord.PUBLIC_FIELDS,
        *("kind", "title", "place", "started_on", "ended_on"),
    )
    NAME_FIELDS = ("place",)
    rules = EVENT_RULES
    DATE_SPANS = (("started_on", "ended_on"),)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["started_on"]
        constraints = rule_constraints("event", EVENT_RULES)

    def __str__(self):
        return self.title

    def timeline_labels(self):
        return [("started_on", self.title)]


RECORD_MODELS = (Detention, AsylumDecision, Appeal, Extradition, Statement, Event)
