"""The example files of docs/examples import, in the documented order, into an empty database."""

from pathlib import Path

import pytest

from cases.models import Appeal, Case, Detention
from cases.spreadsheets.catalog import kind_from_filename
from cases.spreadsheets.importer import import_file
from people.models import NameVariant

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
ORDER = (
    "organizations", "people", "name_variants", "cases", "case_subjects", "sources",
    "asylum_decisions", "extraditions", "appeals", "detentions", "statements", "events",
)  # fmt: skip


def test_there_is_an_example_for_every_kind_and_the_docs_list_the_order():
    assert {path.stem for path in EXAMPLES.glob("*.csv")} == set(ORDER)
    docs = (EXAMPLES.parent / "import-format.md").read_text()
    assert ", ".join(ORDER) in docs


@pytest.mark.django_db
def test_the_examples_import_in_order_then_change_nothing():
    for name in ORDER:
        path = EXAMPLES / f"{name}.csv"
        report = import_file(path, kind_from_filename(path.name), dry_run=False)
        assert report.written, (name, [str(p) for p in report.problems])
        assert set(report.counts) == {"created"}, name

    case = Case.objects.get()
    assert (case.host_country.code, case.status, case.publication_state) == (
        "KZ",
        "extradited",
        "draft",
    )
    assert NameVariant.objects.filter(text="Тоиржон Абдусаматов").exists()
    detention = Detention.objects.get()
    assert (str(detention.started_on), detention.end_reason) == ("2010-06-09", "extradited")
    un = Appeal.objects.get(body__slug="un-committee-against-torture")
    assert un.contests_extradition.to_country.code == "UZ"
    assert Appeal.objects.get(body__slug="almaty-city-court").contests_decision is not None

    for name in ORDER:
        path = EXAMPLES / f"{name}.csv"
        report = import_file(path, kind_from_filename(path.name), dry_run=False)
        assert set(report.counts) == {"unchanged"}, name
