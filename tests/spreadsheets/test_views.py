"""The staff page: upload, dry-run preview, then Import with the same stored file."""

import os
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.spreadsheets import views
from history.models import EVENT_MODELS
from people.models import Person

URL = "/admin/import/"
GOOD = "slug;display_name;sex\ntoirjon-abdussamatov;Тоиржон Абдусаматов;male\nx;X;female\n"


@pytest.fixture(autouse=True)
def _upload_dir(settings, tmp_path):
    settings.SPREADSHEET_UPLOAD_DIR = tmp_path / "uploads"


def upload(name, text):
    return SimpleUploadedFile(name, ("\ufeff" + text).encode(), content_type="text/csv")


def token_of(response) -> str:
    return re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)


def test_the_page_has_a_labelled_form_and_export_links(admin_client):
    page = admin_client.get(URL).content.decode()
    assert '<label for="id_file">Spreadsheet:</label>' in page
    assert 'aria-describedby="id_file_helptext"' in page
    assert '<label for="id_kind">What the file holds:</label>' in page
    assert 'href="/admin/export/people.xlsx"' in page
    assert "<script>" not in page  # CSP: no inline script


def test_preview_then_import(admin_client, admin_user, settings):
    preview = admin_client.post(URL, {"file": upload("people.csv", GOOD), "kind": ""})

    page = preview.content.decode()
    assert "Preview of people.csv: nothing has been written yet" in page
    assert "toirjon-abdussamatov" in page
    assert 'value="Import 2 rows"' in page
    assert not Person.objects.exists()
    assert len(list(settings.SPREADSHEET_UPLOAD_DIR.iterdir())) == 1

    done = admin_client.post(URL, {"token": token_of(preview)})

    assert "Imported people.csv" in done.content.decode()
    assert set(Person.objects.values_list("display_name", flat=True)) == {
        "Тоиржон Абдусаматов",
        "X",
    }
    assert not list(settings.SPREADSHEET_UPLOAD_DIR.iterdir())
    context = EVENT_MODELS[Person].objects.filter(pgh_label="insert").first().pgh_context
    assert context["user"] == admin_user.pk
    assert context["import_file"] == "people.csv"

    again = admin_client.post(URL, {"token": token_of(preview)})
    assert "This preview has expired or was already imported" in again.content.decode()
    assert Person.objects.count() == 2


def test_problems_are_listed_and_nothing_can_be_imported(admin_client):
    bad = "slug,display_name,nickname\nok,OK,x\nnot ok,Bad,y\n"
    response = admin_client.post(URL, {"file": upload("people.csv", bad), "kind": "people"})

    page = response.content.decode()
    assert 'role="alert" id="problems"' in page
    assert "2 problems: nothing" in page
    assert "Row 3, column slug: Enter a valid" in page
    assert 'name="token"' not in page
    assert not Person.objects.exists()


def test_a_token_is_for_its_own_user_only(admin_client, client, make_staff):
    preview = admin_client.post(URL, {"file": upload("people.csv", GOOD), "kind": ""})
    client.force_login(make_staff())
    response = client.post(URL, {"token": token_of(preview)})
    assert "expired" in response.content.decode()
    assert not Person.objects.exists()


def test_the_form_explains_what_is_missing(admin_client):
    response = admin_client.post(URL, {"file": upload("data.csv", GOOD), "kind": ""})
    page = response.content.decode()
    assert 'id="error-summary"' in page
    assert "does not say what the file holds; choose it here." in page
    assert 'href="#id_kind"' in page

    response = admin_client.post(URL, {"file": upload("people.pdf", GOOD), "kind": "people"})
    assert "Choose a .csv or .xlsx file." in response.content.decode()


def test_only_staff_who_may_add_the_kind(client, make_staff):
    client.force_login(make_staff("viewer", codenames=["view_person"]))
    assert client.get(URL).status_code == 403

    client.force_login(make_staff("case-editor", codenames=["add_case", "change_case"]))
    response = client.post(URL, {"file": upload("people.csv", GOOD), "kind": ""})
    assert "Your account may not add people." in response.content.decode()
    assert not Person.objects.exists()

    client.logout()
    assert client.get(URL).status_code == 302


def test_old_uploads_are_swept(settings, tmp_path):
    folder = views.upload_dir()
    old = folder / "old.upload"
    old.write_text("x")
    os.utime(old, (0, 0))
    views._sweep(folder)
    assert not old.exists()
