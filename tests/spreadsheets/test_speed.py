"""A 10,000-row import finishes; its rate is printed (timings go in reports, not asserts)."""

import pytest

from cases.models import Case, Detention
from cases.spreadsheets.catalog import BY_NAME
from cases.spreadsheets.importer import import_file
from people.models import Person

ROWS = 10_000


@pytest.mark.django_db
def test_ten_thousand_people_then_ten_thousand_detentions(write_csv, capsys):
    people = [["slug", "display_name", "sex", "nationality", "visibility"]] + [
        [f"person-{n}", f"Тоиржон Абдусаматов {n}", "male", "Uzbekistan", "public"]
        for n in range(ROWS)
    ]
    Case.objects.bulk_create(
        Case(slug=f"case-{n}", title=f"Case {n}", host_country="KZ") for n in range(100)
    )
    detentions = [["case", "started_on", "place", "ended_on", "people", "visibility"]] + [
        [f"case-{n % 100}", f"{n % 28 + 1:02d}.06.2010", f"СИЗО {n}", "June 2011",
         f"person-{n}", "public"]
        for n in range(ROWS)
    ]  # fmt: skip

    first = import_file(write_csv("people.csv", people), BY_NAME["people"], dry_run=False)
    second = import_file(
        write_csv("detentions.csv", detentions), BY_NAME["detentions"], dry_run=False
    )

    assert first.written and second.written
    assert Person.objects.count() == Detention.objects.count() == ROWS
    with capsys.disabled():
        for report in (first, second):
            print(f"\n{report.kind}: {report.rows} rows in {report.seconds:.1f} s, "
                  f"{report.rate:,.0f} rows/s")  # fmt: skip
