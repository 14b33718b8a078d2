"""Export writes what a role may see in the import format; importing it changes nothing."""

import csv
import io

import openpyxl
import pytest
from django.db.models import Max

from cases.models import Event
from cases.spreadsheets.catalog import BY_NAME, KINDS
from cases.spreadsheets.exporter import write_file
from cases.spreadsheets.importer import import_file
from history.models import EVENT_MODELS
from people.models import Person
from tests.conftest import verify_second_factor

MARKER = "CONFIDENTIAL-DEMO"
RELATIVE = "confidential-demo-relative"


def history_size() -> int:
    return sum(model.objects.count() for model in EVENT_MODELS.values())


def last_update(kind) -> object:
    if not any(field.name == "updated_at" for field in kind.model._meta.fields):
        return None
    return kind.model.objects.aggregate(last=Max("updated_at"))["last"]


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_export_then_import_changes_nothing_for_every_kind(demo, tmp_path, extension):
    for kind in KINDS:
        path = tmp_path / f"{kind.name}.{extension}"
        write_file(path, kind, reveal=True)
        events, updated, count = history_size(), last_update(kind), kind.model.objects.count()

        report = import_file(path, kind, dry_run=False)

        assert report.ok, (kind.name, report.problems)
        assert dict(report.counts) == {"unchanged": count}, kind.name
        assert kind.model.objects.count() == count, kind.name
        assert last_update(kind) == updated, kind.name
        assert history_size() == events, kind.name


def test_a_round_trip_without_confidential_access_keeps_what_it_could_not_see(
    demo, tmp_path, make_staff
):
    staff = make_staff()
    for kind in KINDS:
        path = tmp_path / f"{kind.name}.csv"
        write_file(path, kind, reveal=False)
        events, count = history_size(), kind.model.objects.count()

        report = import_file(path, kind, user=staff, dry_run=False)

        assert report.ok, (kind.name, report.problems)
        assert set(report.counts) <= {"unchanged"}, kind.name
        assert kind.model.objects.count() == count, kind.name
        assert history_size() == events, kind.name
        assert MARKER not in path.read_text(encoding="utf-8-sig"), kind.name


def test_confidential_links_survive_an_import_by_staff_who_cannot_see_them(
    demo, tmp_path, make_staff
):
    picket = Event.objects.get(people__slug=RELATIVE, visibility="public")
    path = tmp_path / "events.csv"
    write_file(path, BY_NAME["events"], reveal=False)
    text = path.read_text(encoding="utf-8-sig")
    assert RELATIVE not in text and picket.summary in text
    path.write_text(text.replace(picket.summary, "Edited."), encoding="utf-8-sig")

    report = import_file(path, BY_NAME["events"], user=make_staff(), dry_run=False)

    assert report.counts["updated"] == 1
    picket.refresh_from_db()
    assert picket.summary == "Edited."
    assert RELATIVE in {p.slug for p in picket.people.all()}


def test_staff_without_confidential_access_export_no_confidential_rows_or_fields(
    demo, client, make_staff
):
    client.force_login(make_staff())
    rows = csv_rows(client.get("/admin/export/people.csv"))
    header, body = rows[0], rows[1:]
    assert "birth_date" not in header
    assert RELATIVE not in {row[0] for row in body}
    assert len(body) == Person.objects.exclude(visibility="confidential").count()

    for name in ("case_subjects", "events", "name_variants"):
        response = client.get(f"/admin/export/{name}.csv")
        assert response.status_code == 200
        content = b"".join(response.streaming_content).decode("utf-8-sig")
        assert MARKER not in content and RELATIVE not in content


def test_staff_with_confidential_access_export_everything(demo, client, make_staff):
    staff = make_staff(confidential=True)
    client.force_login(staff)
    verify_second_factor(client, staff)  # confidential access needs two factors
    rows = csv_rows(client.get("/admin/export/people.csv"))
    assert "birth_date" in rows[0]
    assert RELATIVE in {row[0] for row in rows[1:]}
    assert "about 1979" in {row[rows[0].index("birth_date")] for row in rows[1:]}

    response = client.get("/admin/export/events.xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="events.xlsx"'
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = {str(cell) for row in workbook.active.iter_rows(values_only=True) for cell in row}
    assert any(MARKER in cell for cell in cells)


def test_export_needs_the_view_permission(demo, client, make_staff):
    client.force_login(make_staff(codenames=["view_case"]))
    assert client.get("/admin/export/cases.csv").status_code == 200
    assert client.get("/admin/export/people.csv").status_code == 403
    assert client.get("/admin/export/nothing.csv").status_code == 404
    client.logout()
    assert client.get("/admin/export/cases.csv").status_code == 302  # to the login page


def test_windows_line_ends_typed_in_the_admin_survive_an_xlsx_round_trip(make_case, tmp_path):
    make_case(summary="Held in Almaty.\r\n\r\nExtradited in June 2011.")
    path = tmp_path / "cases.xlsx"
    write_file(path, BY_NAME["cases"], reveal=True)

    report = import_file(path, BY_NAME["cases"], dry_run=False)

    assert dict(report.counts) == {"unchanged": 1}


def test_formula_like_text_is_exported_inert_and_imported_back_unchanged(make_case, tmp_path):
    make_case(summary="=1+1 is not a formula here", charges="-sedition", slug="formula-like")
    path = tmp_path / "cases.csv"
    write_file(path, BY_NAME["cases"], reveal=True)
    text = path.read_text(encoding="utf-8-sig")
    assert "'=1+1 is not a formula here" in text
    assert "'-sedition" in text

    report = import_file(path, BY_NAME["cases"], dry_run=False)

    assert dict(report.counts) == {"unchanged": 1}


def test_staff_exports_hold_exactly_the_rows_and_links_their_admin_shows(staff_user):
    """For every kind, as an Editor: the rows of the admin's own queryset for them (none
    confidential, none naming a confidential row), no confidential column, and lists of
    people and sources without confidential ones; no marker of the staff canary."""
    from django.contrib import admin
    from django.test import RequestFactory

    from accounts.roles import EDITOR
    from tests.test_staff_canary import Planted, build_world

    planted = Planted()
    build_world(planted)
    client = staff_user([EDITOR])
    request = RequestFactory().get("/admin/")
    request.user = client.user
    for kind in KINDS:
        shown = admin.site.get_model_admin(kind.model).get_queryset(request)
        rows = csv_rows(client.get(f"/admin/export/{kind.name}.csv"))
        header, body = rows[0], rows[1:]
        assert len(body) == shown.count(), kind.name
        assert not set(header) & {column.name for column in kind.columns if column.confidential}
        found = planted.found("\n".join(",".join(row) for row in rows))
        assert not found, (kind.name, found)
