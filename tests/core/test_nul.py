"""A NUL character (which PostgreSQL refuses in text) answers 400 wherever it is sent."""

import io
import json

import pytest

from accounts.roles import EDITOR

pytestmark = pytest.mark.django_db

URLS = [
    "/", "/cases/", "/cases/feed/", "/cases/export.csv", "/people/anyone/", "/api/cases/",
    "/api/people/", "/api/statements/", "/admin/", "/admin/people/person/",
    "/admin/cases/case/", "/admin/cases/detention/", "/admin/organizations/organization/",
    "/admin/autocomplete/", "/admin/import/", "/admin/export/people.csv",
]  # fmt: skip
QUERIES = [
    "visibility=%00", "host_country__exact=%00", "q=%00", "q=Almaty%00", "%00=1",
    "visibility__exact=public&sex=%00",
    "app_label=cases&model_name=detention&field_name=people&term=%00",
]  # fmt: skip


@pytest.fixture
def editor(staff_user):
    return staff_user([EDITOR])


@pytest.mark.parametrize("url", URLS)
def test_a_nul_in_the_query_string_is_a_bad_request(admin_client, editor, client, url, story):
    for visitor in (admin_client, editor, client):
        for query in QUERIES:
            assert visitor.get(f"{url}?{query}").status_code == 400, (url, query)


def test_the_admin_urls_that_failed_with_a_nul(admin_client, story):
    for url in (
        "/admin/people/person/?visibility=%00",
        "/admin/cases/extradition/?from_country__exact=%00",
        "/admin/cases/case/?host_country__exact=%00",
        "/admin/autocomplete/?app_label=cases&model_name=casesubject&field_name=person&term=%00",
    ):
        assert admin_client.get(url).status_code == 400, url


def test_a_nul_in_a_path_cookie_or_header_is_a_bad_request(admin_client, story):
    assert admin_client.get("/cases/uzbek%00/").status_code == 400
    assert admin_client.get("/admin/people/person/1%00/change/").status_code == 400
    assert admin_client.get("/api/cases/", HTTP_USER_AGENT="x\x00y").status_code == 400
    admin_client.cookies["sessionid"] = "abcdefghij\x00"
    assert admin_client.get("/admin/").status_code == 400


def test_a_nul_in_a_form_field_is_refused_by_its_form(admin_client, editor, story):
    """Beside the field, with the rest of what was typed kept on the page."""
    from people.models import Person

    for visitor in (admin_client, editor):
        response = visitor.post(
            "/admin/people/person/add/", {"display_name": "a\x00b", "slug": "kept-slug"}
        )
        assert response.status_code == 200
        assert "Null characters are not allowed." in response.text
        assert 'value="kept-slug"' in response.text
        assert not Person.objects.filter(slug="kept-slug").exists()
        response = visitor.post("/admin/login/", {"username": "x\x00", "password": "y"})
        assert response.status_code == 200


def test_a_nul_in_an_upload_form_is_refused_by_the_form_but_not_in_its_bytes(admin_client):
    def upload(name, content, **fields):
        file = io.BytesIO(content)
        file.name = name
        return admin_client.post("/admin/import/", {"file": file, **fields})

    response = upload("people.csv", b"slug,display_name\r\n", kind="\x00")
    assert response.status_code == 200
    assert "errorlist" in response.text
    # The bytes of a file are not text fields (an XLSX is binary): the import view reads them.
    response = upload("people.xlsx", b"PK\x03\x04\x00\x00not really a workbook")
    assert response.status_code == 200


def test_the_api_names_the_parameter_holding_a_nul_in_json(client, story):
    response = client.get("/api/cases/", {"q": "a\x00b", "sort": "date"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"q"}


def test_a_nul_answers_a_page_that_says_what_is_wrong(client, story):
    response = client.get("/cases/", {"q": "Almaty\x00"})
    assert response.status_code == 400
    assert "NUL character" in response.text
    assert "Search the public cases" in response.text


def test_a_nul_in_a_json_body_is_a_bad_request(admin_client):
    for body in ('{"q": "\\u0000"}', '{"q": "a\x00"}'):
        response = admin_client.post("/api/cases/", body, content_type="application/json")
        assert response.status_code == 400
    response = admin_client.post("/api/cases/", json.dumps({"q": "x"}), "application/json")
    assert response.status_code == 405  # the API is read-only: refused, but not for a NUL


def test_malformed_form_data_is_a_bad_request(admin_client):
    response = admin_client.generic(
        "POST", "/admin/import/", b"--x\r\nbroken", content_type="multipart/form-data"
    )
    assert response.status_code == 400
