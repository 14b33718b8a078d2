"""The kinds of record a case can hold, as search filters, counts and names them.

Defined once here and read by the search documents' SQL (which kinds a document lists),
the "Records present" facet and its filter, the API's `kind` of a timeline entry and the
case page (which record tables to read). Adding a kind of record means adding its model
to RECORD_MODELS, a line here, and a generated migration (makesearchmigration).

An appeal is also listed by its level ('appeal:un_treaty_body'), so that the appeals to
international bodies, the ones that can stop an extradition, are a filter of their own.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from cases.models import (
    Appeal,
    AppealLevel,
    AsylumDecision,
    Detention,
    Event,
    Extradition,
    Statement,
)


@dataclass(frozen=True)
class RecordKind:
    value: str  # as in the URL and the documents' record_kinds
    label: str
    model: type
    level: str = ""  # an appeal level, for the kinds of one level of appeal


KINDS = (
    RecordKind("detention", _("Detention"), Detention),
    RecordKind("asylum_decision", _("Asylum decision"), AsylumDecision),
    RecordKind("appeal", _("Appeal"), Appeal),
    RecordKind(
        "appeal:un_treaty_body",
        _("Appeal to a UN treaty body"),
        Appeal,
        level=AppealLevel.UN_TREATY_BODY,
    ),
    RecordKind(
        "appeal:regional_court",
        _("Appeal to a regional court"),
        Appeal,
        level=AppealLevel.REGIONAL_COURT,
    ),
    RecordKind("extradition", _("Extradition"), Extradition),
    RecordKind("statement", _("Statement by an organization"), Statement),
    RecordKind("event", _("Other event"), Event),
)

CHOICES = [(kind.value, kind.label) for kind in KINDS]
_OF_MODEL = {kind.model: kind.value for kind in KINDS if not kind.level}
# The kinds of the record models themselves (levels aside).
MODEL_KINDS = tuple(_OF_MODEL.values())
# Models whose kinds also name a level: their documents list every level they hold.
BY_LEVEL = frozenset(kind.model for kind in KINDS if kind.level)


def record_kind(model) -> str:
    """The kind of a model's records: 'detention', 'asylum_decision', …"""
    return _OF_MODEL[model]
