"""Importing a file: dry run, all or nothing, upsert, messy files, the models' rules."""

import datetime

import openpyxl
import pytest
from django.db import IntegrityError, transaction

from cases.models import Detention, Statement
from cases.spreadsheets.catalog import BY_NAME, kind_from_filename
from cases.spreadsheets.importer import import_file
from cases.spreadsheets.report import Sample
from core.models import DatePrecision, Visibility
from history.models import EVENT_MODELS
from organizations.models import Organization
from people.models import NameVariant, Person

pytestmark = pytest.mark.django_db

D = datetime.date
PEOPLE = BY_NAME["people"]
PEOPLE_HEADER = ["slug", "display_name", "sex", "nationality", "visibility"]


def people_rows(count):
    return [PEOPLE_HEADER] + [
        [f"person-{n}", f"Person {n}", "male", "UZ", "internal"] for n in range(count)
    ]


def test_a_dry_run_writes_nothing_and_reports_what_it_would_do(write_csv, make_person):
    make_person("Rafshan Turaev", slug="rafshan-turaev", sex="male", visibility="public")
    make_person("Dilbek Karimov", slug="dilbek-karimov", sex="male", visibility="public")
    path = write_csv(
        "people.csv",
        [
            PEOPLE_HEADER,
            ["rafshan-turaev", "Rafshan Turaev", "male", "", "public"],  # unchanged
            ["dilbek-karimov", "Dilbek Karimov", "Male", "Uzbekistan", "Public"],  # updated
            ["toirjon-abdussamatov", "Toirjon Abdussamatov", "male", "UZ", "public"],
        ],
    )

    report = import_file(path, PEOPLE, dry_run=True)

    assert report.ok and not report.written
    assert dict(report.counts) == {"unchanged": 1, "updated": 1, "created": 1}
    assert [s.row for s in report.samples["created"]] == [4]
    assert report.samples["created"][0].key == "toirjon-abdussamatov"
    (updated,) = report.samples["updated"]
    assert (updated.row, updated.changes) == (3, (("nationality", "", "UZ"),))
    assert Person.objects.count() == 2
    assert Person.objects.get(slug="dilbek-karimov").nationality == ""
    assert not EVENT_MODELS[Person].objects.filter(pgh_label="update").exists()


def test_an_invalid_row_anywhere_means_nothing_is_written(write_csv):
    rows = people_rows(10_000)
    rows[9_999][3] = "Narnia"  # spreadsheet row 10,000
    path = write_csv("people.csv", rows)

    report = import_file(path, PEOPLE, dry_run=False)

    assert not report.ok and not report.written
    assert report.rows == 10_000
    assert [str(p) for p in report.problems] == [
        "Row 10000, column nationality: 'Narnia' is not a country we know; write its "
        "two-letter code (KZ) or its English name (Kazakhstan)"
    ]
    assert Person.objects.count() == 0


def test_upsert_updates_the_row_with_the_key_instead_of_duplicating_it(write_csv, make_person):
    make_person("Rafshan Turaev", slug="rafshan-turaev", visibility="internal")
    path = write_csv(
        "people.csv",
        [PEOPLE_HEADER, ["rafshan-turaev", "Рафшан Тураев", "male", "KZ", "public"]],
    )

    report = import_file(path, PEOPLE, dry_run=False)

    assert report.written and dict(report.counts) == {"updated": 1}
    (person,) = Person.objects.all()
    assert (person.display_name, person.nationality.code, person.visibility) == (
        "Рафшан Тураев",
        "KZ",
        "public",
    )
    again = import_file(path, PEOPLE, dry_run=False)
    assert dict(again.counts) == {"unchanged": 1}
    assert Person.objects.count() == 1


def test_a_column_left_out_of_the_file_keeps_its_values(write_csv, make_person):
    make_person("Rafshan Turaev", slug="rafshan-turaev", internal_notes="keep me")
    path = write_csv("people.csv", [["slug", "display_name"], ["rafshan-turaev", "R. Turaev"]])

    assert import_file(path, PEOPLE, dry_run=False).written
    person = Person.objects.get()
    assert (person.display_name, person.internal_notes) == ("R. Turaev", "keep me")


def test_semicolon_csv_with_bom_cyrillic_and_messy_cells(write_csv, make_case, make_person):
    case = make_case(slug="almaty-2010")
    make_person("Рафшан Тураев", slug="rafshan-turaev")
    make_person("Дильбек Каримов", slug="dilbek-karimov")
    path = write_csv(
        "detentions.csv",
        [
            ["Case", "Started on", "place", "ended_on", "end_reason", "people", "visibility"],
            [" almaty-2010 ", "June 2010", "СИЗО Алматы", "9 June 2011", "Extradited or deported",
             "rafshan-turaev | dilbek-karimov", "PUBLIC"],
            ["almaty-2010", "c. 2005", "  ", "NA", "—", "-", "Internal (all staff)"],
        ],
        delimiter=";",
        bom=True,
    )  # fmt: skip

    report = import_file(path, kind_from_filename(path.name), dry_run=False)

    assert report.ok, report.problems
    first, second = Detention.objects.order_by("started_on").reverse()
    assert (first.case, first.place, first.started_on, first.started_on_precision) == (
        case,
        "СИЗО Алматы",
        D(2010, 6, 1),
        DatePrecision.MONTH,
    )
    assert (first.ended_on, first.end_reason, first.visibility) == (
        D(2011, 6, 9),
        "extradited",
        "public",
    )
    assert {p.slug for p in first.people.all()} == {"rafshan-turaev", "dilbek-karimov"}
    assert (second.started_on, second.started_on_precision) == (D(2005, 1, 1), "approximate")
    assert (second.place, second.ended_on, second.visibility) == ("", None, "internal")
    assert not second.people.exists()


def test_xlsx_with_typed_dates_numbers_and_cyrillic(tmp_path, make_person):
    make_person("Toirjon Abdussamatov", slug="toirjon-abdussamatov")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["slug", "display_name", "birth_date", "sex"])
    sheet.append(["toirjon-abdussamatov", "Тоиржон Абдусаматов", 1979, "Male"])
    sheet.append(["suhrob-bazarov", "Сухроб Бозоров", datetime.datetime(1979, 3, 1), "male"])
    sheet.append(["dilbek-karimov", "Дильбек Каримов", datetime.datetime(1988, 6, 1), None])
    sheet["C4"].number_format = "mmm-yy"  # shown as Jun-88: a month
    sheet.append([None, None, None, None])  # blank rows are skipped
    path = tmp_path / "people.xlsx"
    workbook.save(path)

    report = import_file(path, PEOPLE, dry_run=False)

    assert report.ok, report.problems
    assert dict(report.counts) == {"updated": 1, "created": 2}
    people = {p.slug: p for p in Person.objects.all()}
    assert people["toirjon-abdussamatov"].display_name == "Тоиржон Абдусаматов"
    assert people["toirjon-abdussamatov"].birth_date_precision == "year"
    assert (people["suhrob-bazarov"].birth_date, people["suhrob-bazarov"].birth_date_precision) == (
        D(1979, 3, 1),
        "day",
    )
    assert people["dilbek-karimov"].birth_date_precision == "month"
    assert people["dilbek-karimov"].sex == "unknown"  # empty cell: the default


def test_unknown_and_missing_columns_are_reported_once(write_csv):
    path = write_csv(
        "people.csv",
        [["slug", "nickname", "sex"], ["a", "x", "male"], ["b", "y", "female"]],
    )

    report = import_file(path, PEOPLE)

    assert [str(p) for p in report.problems] == [
        "Column nickname: this is not a column of people files; the columns are: slug, "
        "display_name, sex, birth_date, nationality, visibility, internal_notes. Rename or "
        "delete it (the docs list every column).",
        "Column display_name: this required column is missing from the header row",
    ]


def test_an_unknown_column_alone_stops_the_import_but_rows_are_still_checked(write_csv):
    path = write_csv(
        "people.csv",
        [["slug", "display_name", "nickname"], ["a", "A", "x"], ["b b", "B", "y"]],
    )

    report = import_file(path, PEOPLE, dry_run=False)

    assert [(p.row, p.column) for p in report.problems] == [(None, "nickname"), (3, "slug")]
    assert str(report.problems[1]) == (
        "Row 3, column slug: Enter a valid “slug” consisting of letters, numbers, "
        "underscores or hyphens."
    )
    assert Person.objects.count() == 0


def test_the_models_rules_apply_with_the_admins_messages(write_csv, make_case, make_organization):
    make_case(slug="almaty-2010")
    make_organization(slug="hrw")
    path = write_csv(
        "statements.csv",
        [
            ["case", "organization", "made_on", "speaker", "quote", "summary"],
            ["almaty-2010", "hrw", "9 June 2011", "", "", ""],
            ["almaty-2010", "amnesty", "31.02.2011", "nobody", "a quote", ""],
            ["almaty-2010", "hrw", "", "", "a quote", ""],
            ["almaty-2010", "hrw", "2011-06-10", "", "a quote", ""],
            ["almaty-2010", "hrw", "2011-06-10", "", "the same statement again", ""],
        ],
    )

    report = import_file(path, BY_NAME["statements"], dry_run=False)

    assert [str(p) for p in report.problems] == [
        "Row 2, column quote: Enter the quote, a summary, or both.",
        "Row 3, column organization: no organization has the slug 'amnesty'; check the "
        "spelling, or import organizations first",
        "Row 3, column made_on: '31.02.2011' is not a date; write it like 2011-06-09, "
        "09.06.2011, 9 June 2011, June 2011, 2011 or about 2011",
        "Row 3, column speaker: no person has the slug 'nobody'; check the spelling, or "
        "import people first",
        "Row 4, column made_on: this column may not be empty",
        "Row 6: this row has the same case, organization, made_on, speaker as row 5; a file "
        "may list each statement only once",
    ]
    assert not Statement.objects.exists()


def test_date_order_rules_and_unique_constraints(write_csv, make_case, make_person):
    make_case(slug="almaty-2010")
    person = make_person("Rafshan Turaev", slug="rafshan-turaev")
    NameVariant.objects.create(person=person, text="Рафшан Тураев", script="cyrillic")
    detentions = write_csv(
        "detentions.csv",
        [["case", "started_on", "place", "ended_on"], ["almaty-2010", "2011", "x", "2010"]],
    )
    report = import_file(detentions, BY_NAME["detentions"])
    assert [str(p) for p in report.problems] == [
        "Row 2, column ended_on: The release date cannot be before the arrest date."
    ]


def test_permissions_of_the_importing_user(write_csv, make_staff, make_person):
    make_person("Rafshan Turaev", slug="rafshan-turaev")
    path = write_csv("people.csv", [["slug", "display_name"], ["rafshan-turaev", "R. T."]])

    viewer = make_staff("viewer", codenames=["view_person"])
    report = import_file(path, PEOPLE, user=viewer)
    assert [str(p) for p in report.problems] == ["Your account may not add people."]

    adder = make_staff("adder", codenames=["add_person"])
    report = import_file(path, PEOPLE, user=adder, dry_run=False)
    assert [str(p) for p in report.problems] == [
        "Your account may add people but not change them; 1 row(s) would change existing "
        "ones (rows 2…)."
    ]
    assert Person.objects.get().display_name == "Rafshan Turaev"


def test_confidential_columns_and_rows_are_out_of_reach_without_access(
    write_csv, make_staff, make_person
):
    make_person("Secret", slug="secret", visibility=Visibility.CONFIDENTIAL)
    staff = make_staff()
    with_birth = write_csv("people.csv", [["slug", "display_name", "birth_date"], ["a", "A", ""]])
    report = import_file(with_birth, PEOPLE, user=staff)
    assert [str(p) for p in report.problems] == [
        "Column birth_date: only staff with confidential access may import this column; "
        "delete the column (existing values are kept)"
    ]
    # A confidential person is not found, and not overwritten: the file's row is a new
    # person, as if no one had the slug, and the hidden person's slug gives way unseen.
    hidden = Person.objects.get()
    reports = []
    for slug in ("secret", "nobody"):
        clash = write_csv("people.csv", [["slug", "display_name"], [slug, "Overwritten"]])
        for dry_run in (True, False):
            report = import_file(clash, PEOPLE, user=staff, dry_run=dry_run)
            reports.append((report.problems, dict(report.counts), report.samples["created"]))
    assert reports[0:2] == [([], {"created": 1}, [Sample(2, "secret")])] * 2
    assert [r[:2] for r in reports[2:]] == [([], {"created": 1})] * 2
    hidden.refresh_from_db()
    assert (hidden.display_name, hidden.visibility) == ("Secret", Visibility.CONFIDENTIAL)
    assert hidden.slug.startswith("confidential-")
    assert Person.objects.get(slug="secret").display_name == "Overwritten"
    # Staff who see every row are told, as before.
    reader = make_staff("reader", confidential=True)
    clash = write_csv("people.csv", [["slug", "display_name"], [hidden.slug, "Other"]])
    report = import_file(clash, PEOPLE, user=reader)
    assert report.counts == {"updated": 1}


def test_confidential_spellings_and_roles_do_not_answer_already_exists(
    write_csv, make_staff, make_person, make_case, make_subject
):
    from cases.models import CaseSubject

    person = make_person("Rafshan Turaev", visibility=Visibility.INTERNAL)
    NameVariant.objects.create(person=person, text="Hidden Alias", visibility="confidential")
    case = make_case()
    make_subject(case, person, role="witness", visibility=Visibility.CONFIDENTIAL)
    staff = make_staff()
    names = write_csv(
        "name_variants.csv",
        [["person", "text", "visibility"], [person.slug, "Hidden Alias", "internal"]],
    )
    subjects = write_csv(
        "case_subjects.csv",
        [["case", "person", "role", "visibility"], [case.slug, person.slug, "witness", "public"]],
    )
    for path, kind in ((names, "name_variants"), (subjects, "case_subjects")):
        report = import_file(path, BY_NAME[kind], user=staff)
        assert (report.problems, dict(report.counts)) == ([], {"created": 1}), kind
        assert import_file(path, BY_NAME[kind], user=staff, dry_run=False).written
    assert person.name_variants.filter(text="Hidden Alias").count() == 2
    assert CaseSubject.objects.filter(case=case, person=person, role="witness").count() == 2
    # Within one side, the rule holds, with its message.
    report = import_file(names, BY_NAME["name_variants"], user=staff)
    assert report.counts == {"unchanged": 1}
    again = NameVariant.objects.filter(visibility="internal").get()
    again.visibility = Visibility.CONFIDENTIAL
    with (
        pytest.raises(IntegrityError, match="namevariant_unique_text_per_person_confidential"),
        transaction.atomic(),
    ):
        again.save()


def test_staff_without_confidential_access_cannot_mark_a_row_confidential(
    write_csv, make_staff, make_person, make_case, make_subject
):
    """As in the admin, where the choice is not offered. A confidential row is unique only
    among confidential rows, so such a row could only be checked against rows they may not
    see: the answer would tell whether one matches ("already has this spelling")."""
    person = make_person("Rafshan Turaev", visibility=Visibility.INTERNAL)
    NameVariant.objects.create(person=person, text="Hidden Alias", visibility="confidential")
    case = make_case()
    make_subject(case, person, role="witness", visibility=Visibility.CONFIDENTIAL)
    staff = make_staff()
    files = {
        "name_variants": (["person", "text", "visibility"], [person.slug, "{}", "confidential"]),
        "case_subjects": (["case", "person", "role", "visibility"],
                          [case.slug, person.slug, "{}", "confidential"]),
        "people": (["slug", "display_name", "visibility"], ["{}", "Someone", "confidential"]),
    }  # fmt: skip
    guesses = {
        "name_variants": ("Hidden Alias", "Nobody"),
        "case_subjects": ("witness", "lawyer"),
        "people": (person.slug, "nobody"),
    }
    refused = (
        "Row 2, column visibility: only staff with confidential access may mark a row "
        "confidential; choose public or internal"
    )
    for kind, (header, row) in files.items():
        answers = []
        for guess in guesses[kind]:
            path = write_csv(f"{kind}.csv", [header, [cell.format(guess) for cell in row]])
            report = import_file(path, BY_NAME[kind], user=staff)
            answers.append(([str(p) for p in report.problems], dict(report.counts)))
        assert answers == [([refused], {})] * 2, kind
    # Staff with confidential access may, and are told of clashes as usual.
    reader = make_staff("reader", confidential=True)
    header, row = files["name_variants"]
    path = write_csv("name_variants.csv", [header, [c.format("Hidden Alias") for c in row]])
    report = import_file(path, BY_NAME["name_variants"], user=reader)
    assert report.counts == {"unchanged": 1}


def test_history_records_who_imported_which_file(write_csv, make_staff):
    staff = make_staff()
    path = write_csv("people.csv", [["slug", "display_name"], ["a", "A"]])

    assert import_file(path, PEOPLE, user=staff, dry_run=False, filename="people.csv").written

    event = EVENT_MODELS[Person].objects.get(pgh_label="insert")
    assert event.pgh_context["user"] == staff.pk
    assert event.pgh_context["import_file"] == "people.csv"


def test_organizations_with_labels_and_country_names(write_csv):
    path = write_csv(
        "organisations.csv",
        [
            ["slug", "name", "acronym", "kind", "country"],
            ["hrw", "Human Rights Watch", "HRW", "NGO", ""],
            ["almaty-city-court", "Алматинский городской суд", "", "court", "Kazakhstan"],
        ],
    )

    report = import_file(path, kind_from_filename(path.name), dry_run=False)

    assert report.written, report.problems
    court = Organization.objects.get(slug="almaty-city-court")
    assert (court.kind, court.country.code) == ("court", "KZ")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("people.csv", "people"),
        ("People 2024.xlsx", "people"),
        ("case_subjects.csv", "case_subjects"),
        ("cases-export.csv", "cases"),
        ("asylum-decisions.csv", "asylum_decisions"),
        ("random.csv", None),
    ],
)
def test_the_kind_comes_from_the_file_name(name, kind):
    found = kind_from_filename(name)
    assert (found.name if found else None) == kind


def test_a_file_that_is_not_utf8_is_explained(tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes("slug,display_name\nturaev,Рафшан Тураев\n".encode("cp1251"))

    report = import_file(path, PEOPLE)

    assert report.problems[0].message.startswith("The file is not saved as UTF-8 text.")


def test_an_editor_s_file_may_not_change_what_a_published_case_shows(write_csv, story, staff_user):
    """Showing waits for a publisher (issue 13): the same file imports for a publisher."""
    from accounts.roles import EDITOR, PUBLISHER

    editor, publisher = staff_user([EDITOR]).user, staff_user([PUBLISHER]).user
    man = Person.objects.get(display_name="Toirjon Abdussamatov")
    path = write_csv(
        "people.csv", [PEOPLE_HEADER, [man.slug, "Toirjon Renamed", "male", "UZ", "public"]]
    )
    report = import_file(path, PEOPLE, user=editor, dry_run=False)
    assert not report.written
    assert any("waits for a publisher" in p.message for p in report.problems)
    man.refresh_from_db()
    assert man.display_name == "Toirjon Abdussamatov"
    # Internal-only rows and taking a row off the public site go through.
    hide = write_csv(
        "hide-people.csv", [PEOPLE_HEADER, [man.slug, man.display_name, "male", "UZ", "internal"]]
    )
    assert import_file(hide, PEOPLE, user=editor, dry_run=False).written
    assert import_file(path, PEOPLE, user=publisher, dry_run=False).written
    man.refresh_from_db()
    assert man.display_name == "Toirjon Renamed"
