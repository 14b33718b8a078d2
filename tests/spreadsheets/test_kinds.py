"""Kind-specific keys and columns: sources, appeals, asylum decisions, the publication state."""

import datetime

import pytest

from cases.models import Appeal, AsylumDecision, Case, CaseSource, Detention, Extradition, Source
from cases.spreadsheets.catalog import BY_NAME
from cases.spreadsheets.importer import import_file
from history.models import EVENT_MODELS

pytestmark = pytest.mark.django_db
D = datetime.date


def run(path, name, **options):
    options.setdefault("dry_run", False)
    return import_file(path, BY_NAME[name], **options)


def test_sources_match_by_url_else_by_title(write_csv, make_source):
    make_source("HRW release", url="https://hrw.org/a")
    make_source("Amnesty urgent action", url="")
    path = write_csv(
        "sources.csv",
        [
            ["title", "url", "reliability"],
            ["HRW release, retitled", "https://hrw.org/a", "Official document (court, UN "
             "body, authority)"],
            ["Amnesty urgent action", "https://amnesty.org/ua", "established"],
            ["A new report", "", "secondary"],
        ],
    )  # fmt: skip

    report = run(path, "sources")

    assert dict(report.counts) == {"updated": 2, "created": 1}, report.problems
    assert Source.objects.get(url="https://hrw.org/a").title == "HRW release, retitled"
    assert Source.objects.get(title="Amnesty urgent action").url == "https://amnesty.org/ua"
    assert Source.objects.count() == 3


def test_an_empty_choice_in_a_key_means_its_default(write_csv, make_case, make_organization):
    case = make_case(slug="almaty-2010")
    commission = make_organization("Commission", slug="commission", kind="migration_authority")
    AsylumDecision.objects.create(
        case=case, authority=commission, decided_on=D(2010, 8, 11), outcome="refused"
    )
    path = write_csv(
        "asylum_decisions.csv",
        [
            ["case", "authority", "kind", "decided_on", "outcome", "grounds"],
            ["almaty-2010", "commission", "", "11.08.2010", "Refused", "None given."],
        ],
    )

    report = run(path, "asylum_decisions")

    assert dict(report.counts) == {"updated": 1}
    assert AsylumDecision.objects.get().grounds == "None given."


def test_appeals_name_the_record_they_contest_by_its_key(write_csv, make_case, make_organization):
    case = make_case(slug="almaty-2010")
    make_organization("UN CAT", slug="un-cat", kind="un_body")
    commission = make_organization("Commission", slug="commission", kind="migration_authority")
    for day in (11, 27):
        AsylumDecision.objects.create(
            case=case, authority=commission, decided_on=D(2010, 8, day), outcome="refused"
        )
    extradition = Extradition.objects.create(case=case, from_country="KZ", to_country="UZ")
    header = [
        "case", "body", "level", "decided_on", "outcome", "contests_decision_authority",
        "contests_decision_decided_on", "contests_extradition_to",
    ]  # fmt: skip
    path = write_csv(
        "appeals.csv",
        [
            header,
            ["almaty-2010", "un-cat", "UN treaty body", "", "", "", "", "Uzbekistan"],
            ["almaty-2010", "un-cat", "other", "", "", "commission", "", ""],
            ["almaty-2010", "un-cat", "domestic_court", "", "", "commission", "2010-08-01", ""],
            ["almaty-2010", "un-cat", "appeal_court", "", "", "commission", "2010-08-27",
             "Uzbekistan"],
        ],
    )  # fmt: skip

    report = run(path, "appeals")

    assert [str(p) for p in report.problems] == [
        "Row 3, column contests_decision_authority: several asylum decisions of this case "
        "match (contests_decision_authority commission); fill in more of the contests "
        "columns to say which",
        "Row 4, column contests_decision_authority: no asylum decision of this case matches "
        "(contests_decision_authority commission, contests_decision_decided_on 2010-08-01); "
        "import asylum decisions first, or check the values",
        "Row 5, column contests_extradition_to: An appeal contests either an asylum decision "
        "or an extradition, not both.",
    ]
    fixed = path.read_text().splitlines()[:2]
    path.write_text("\n".join(fixed) + "\n")
    assert run(path, "appeals").written
    assert Appeal.objects.get().contests_extradition == extradition


def test_the_publication_state_changes_only_through_its_workflow(write_csv, make_case):
    make_case(slug="almaty-2010", state="published")
    header = ["slug", "title", "host_country", "publication_state"]
    same = write_csv(
        "cases.csv",
        [header, ["almaty-2010", "Almaty", "KZ", "Published"], ["new", "New", "KZ", ""]],
    )
    assert run(same, "cases").written
    assert Case.objects.get(slug="new").publication_state == "draft"

    moved = write_csv("cases.csv", [header, ["almaty-2010", "Almaty", "KZ", "withdrawn"]])
    assert [str(p) for p in run(moved, "cases").problems] == [
        "Row 2, column publication_state: the publication state changes only through its "
        "workflow on the admin page, not by import; leave this cell empty or as it is "
        "('published')"
    ]


def test_tags_and_people_count(write_csv):
    path = write_csv(
        "cases.csv",
        [
            ["slug", "title", "host_country", "people_count", "tags"],
            ["a", "A", "KZ", "29", "extradition | asylum;  religious extremism "],
            ["b", "B", "KZ", "0", ""],
        ],
    )

    report = run(path, "cases")

    assert [str(p) for p in report.problems] == [
        "Row 3: The number of people must be at least 1, or left empty."
    ]
    path.write_text("slug,title,host_country,people_count,tags\na,A,KZ,29,x| y ;z\n")
    assert run(path, "cases").written
    assert Case.objects.get().tags == ["x", "y", "z"]


def test_updates_write_every_kind_of_value_including_empty_ones(
    write_csv, make_case, make_organization
):
    police = make_organization("Police", slug="police", kind="police")
    case = make_case(slug="almaty-2010", people_count=29, tags=["asylum"], origin_country="UZ")
    Detention.objects.create(
        case=case, started_on=D(2010, 6, 9), place="Almaty", authority=police,
        ended_on=D(2011, 6, 9), end_reason="extradited",
    )  # fmt: skip
    cases = write_csv(
        "cases.csv",
        [
            ["slug", "title", "host_country", "origin_country", "people_count", "tags"],
            ["almaty-2010", "Almaty", "Tajikistan", "", "", ""],
        ],
    )
    detentions = write_csv(
        "detentions.csv",
        [
            ["case", "started_on", "place", "authority", "ended_on", "end_reason"],
            ["almaty-2010", "2010-06-09", "Almaty", "", "about 2012", ""],
        ],
    )

    assert run(cases, "cases").counts == {"updated": 1}
    assert run(detentions, "detentions").counts == {"updated": 1}

    case.refresh_from_db()
    assert (case.host_country.code, case.origin_country, case.people_count, case.tags) == (
        "TJ",
        "",
        None,
        [],
    )
    detention = Detention.objects.get()
    assert (detention.authority, detention.ended_on, detention.ended_on_precision) == (
        None,
        D(2012, 1, 1),
        "approximate",
    )
    assert detention.end_reason == ""
    update = EVENT_MODELS[Detention].objects.get(pgh_label="update")
    assert update.authority_id is None and update.pgh_context["import_file"]


def test_a_cited_source_goes_on_the_records_case(write_csv, make_case, make_source):
    """One definition with the case page: citing a source puts it among the case's sources."""
    case = make_case(slug="almaty-2010")
    make_source("HRW release", url="https://hrw.org/a")
    path = write_csv(
        "detentions.csv",
        [
            ["case", "place", "started_on", "sources"],
            ["almaty-2010", "Almaty", "2010-06-09", "https://hrw.org/a"],
        ],
    )

    report = run(path, "detentions")

    assert dict(report.counts) == {"created": 1}, report.problems
    assert [link.source.url for link in CaseSource.objects.filter(case=case)] == [
        "https://hrw.org/a"
    ]
