"""Every kind of file staff can import and export, found by name or by file name."""

from pathlib import PurePath

from cases.models import (
    Appeal,
    AsylumDecision,
    Case,
    CaseSubject,
    Detention,
    Event,
    Extradition,
    Source,
    Statement,
)
from cases.spreadsheets.columns import (
    ChoiceColumn,
    Column,
    CountryColumn,
    DateColumn,
    IntegerColumn,
    RefColumn,
    TagsColumn,
    WorkflowColumn,
)
from cases.spreadsheets.contests import AppealKind, contest_columns
from cases.spreadsheets.kinds import Kind, SourceKind, case, record_columns, visibility
from cases.spreadsheets.values import normal_name
from organizations.models import Organization
from people.models import NameVariant, Person

KINDS = [
    Kind(
        "people",
        Person,
        [
            Column("slug"),
            Column("display_name", required=True),
            ChoiceColumn("sex"),
            DateColumn("birth_date"),
            CountryColumn("nationality"),
            visibility(),
            Column("internal_notes"),
        ],
        key=("slug",),
        aliases=("persons", "person"),
    ),
    Kind(
        "organizations",
        Organization,
        [
            Column("slug"),
            Column("name", required=True),
            Column("acronym"),
            ChoiceColumn("kind", required=True),
            CountryColumn("country"),
            Column("website"),
            visibility(),
            Column("internal_notes"),
        ],
        key=("slug",),
        aliases=("organisations", "organization", "organisation"),
    ),
    Kind(
        "cases",
        Case,
        [
            Column("slug"),
            Column("title", required=True),
            ChoiceColumn("status"),
            CountryColumn("host_country", required=True),
            CountryColumn("origin_country"),
            IntegerColumn("people_count"),
            Column("charges"),
            TagsColumn("tags"),
            Column("summary"),
            WorkflowColumn("publication_state"),
            Column("internal_notes"),
        ],
        key=("slug",),
        aliases=("case",),
    ),
    Kind(
        "name_variants",
        NameVariant,
        [
            RefColumn("person"),
            Column("text"),
            ChoiceColumn("script"),
            ChoiceColumn("kind"),
            ChoiceColumn("language"),
            visibility(),
        ],
        key=("person", "text"),
        aliases=("name_variant", "names", "spellings"),
    ),
    Kind(
        "case_subjects",
        CaseSubject,
        [
            case(),
            RefColumn("person"),
            ChoiceColumn("role"),
            Column("description"),
            visibility(),
        ],
        key=("case", "person", "role"),
        aliases=("case_subject", "subjects", "subject"),
    ),
    SourceKind(
        "sources",
        Source,
        [
            Column("title"),
            Column("url"),
            RefColumn("publisher"),
            Column("archived_url"),
            DateColumn("published_on"),
            ChoiceColumn("language"),
            ChoiceColumn("reliability"),
            visibility(),
            Column("internal_notes"),
        ],
        key=("url", "title"),
        aliases=("source",),
    ),
    Kind(
        "detentions",
        Detention,
        [
            case(),
            DateColumn("started_on"),
            Column("place"),
            RefColumn("authority"),
            DateColumn("ended_on"),
            ChoiceColumn("end_reason"),
            Column("basis"),
            *record_columns(),
        ],
        key=("case", "started_on", "place"),
        aliases=("detention",),
    ),
    Kind(
        "asylum_decisions",
        AsylumDecision,
        [
            case(),
            RefColumn("authority"),
            ChoiceColumn("kind"),
            DateColumn("decided_on"),
            DateColumn("applied_on"),
            ChoiceColumn("outcome"),
            Column("grounds"),
            *record_columns(),
        ],
        key=("case", "authority", "kind", "decided_on"),
        aliases=("asylum_decision", "decisions", "asylum"),
    ),
    AppealKind(
        "appeals",
        Appeal,
        [
            case(),
            RefColumn("body"),
            ChoiceColumn("level"),
            DateColumn("decided_on"),
            DateColumn("filed_on"),
            ChoiceColumn("outcome"),
            ChoiceColumn("interim_measures"),
            Column("reference"),
            *contest_columns(),
            *record_columns(),
        ],
        key=("case", "body", "level", "decided_on"),
        aliases=("appeal",),
    ),
    Kind(
        "extraditions",
        Extradition,
        [
            case(),
            CountryColumn("from_country"),
            CountryColumn("to_country"),
            DateColumn("ordered_on"),
            CountryColumn("requesting_state"),
            RefColumn("ordered_by"),
            ChoiceColumn("status"),
            DateColumn("carried_out_on"),
            Column("charges"),
            Column("legal_basis"),
            Column("assurances"),
            *record_columns(),
        ],
        key=("case", "from_country", "to_country", "ordered_on"),
        aliases=("extradition",),
    ),
    Kind(
        "statements",
        Statement,
        [
            case(),
            RefColumn("organization"),
            DateColumn("made_on"),
            RefColumn("speaker"),
            ChoiceColumn("language"),
            Column("quote"),
            *record_columns(),
        ],
        key=("case", "organization", "made_on", "speaker"),
        aliases=("statement",),
    ),
    Kind(
        "events",
        Event,
        [
            case(),
            ChoiceColumn("kind"),
            DateColumn("started_on"),
            Column("title"),
            Column("place"),
            DateColumn("ended_on"),
            *record_columns(),
        ],
        key=("case", "kind", "started_on", "title"),
        aliases=("event",),
    ),
]
BY_NAME = {kind.name: kind for kind in KINDS}


def kind_named(name: str) -> Kind | None:
    """A kind by its name or an alias ('people', 'Case subjects', 'asylum-decisions')."""
    name = normal_name(name)
    for kind in KINDS:
        if name == kind.name or name in kind.aliases:
            return kind
    return None


def kind_from_filename(filename: str) -> Kind | None:
    """The kind a file name starts with: 'detentions.csv', 'People 2024.xlsx'."""
    stem = normal_name(PurePath(filename).stem)
    names = sorted(
        ((name, kind) for kind in KINDS for name in (kind.name, *kind.aliases)),
        key=lambda item: -len(item[0]),
    )
    for name, kind in names:
        if stem == name or stem.startswith(f"{name}_"):
            return kind
    return None
