"""The OpenAPI schema and its documentation page, served by the app itself."""

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command

pytestmark = pytest.mark.django_db

OPERATIONS = {
    "/api/cases/", "/api/cases/{slug}/", "/api/people/", "/api/people/{slug}/",
    "/api/organizations/", "/api/organizations/{slug}/", "/api/statements/",
    "/api/statements/{id}/", "/api/sources/", "/api/sources/{id}/",
}  # fmt: skip


def test_the_schema_is_openapi_3_with_every_operation(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == OPERATIONS
    for path, item in schema["paths"].items():
        assert set(item) == {"get"}, path
        responses = item["get"]["responses"]
        assert {"200", "404", "429"} <= set(responses), path
        assert "Retry-After" in responses["429"]["headers"]
    parameters = {p["name"] for p in schema["paths"]["/api/cases/"]["get"]["parameters"]}
    assert parameters == {
        "q", "host_country", "origin_country", "status", "kind", "organization", "tag",
        "date_from", "date_to", "sort", "cursor", "page_size",
    }  # fmt: skip
    assert "400" in schema["paths"]["/api/cases/"]["get"]["responses"]
    as_json = client.get("/api/schema/", {"format": "json"})
    assert as_json.json()["paths"].keys() == schema["paths"].keys()


def test_the_schema_names_no_private_field(client):
    text = client.get("/api/schema/").content.decode()
    for private in ("internal_notes", "birth_date", "publication_state", "visibility",
                    "archived_at", "search_key", "state_changed"):  # fmt: skip
        assert private not in text


def test_the_docs_page_loads_swagger_ui_from_our_own_static_files(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts and all('src="/static/' in attrs and not body.strip() for attrs, body in scripts)
    assert "http" not in " ".join(re.findall(r'(?:src|href)="([^"]*)"', html)).replace(
        "/api/schema/", ""
    )
    for path in re.findall(r'(?:src|href)="/static/([^"]+)"', html):
        assert finders.find(path), path
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert (
        "unsafe-inline"
        not in response["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    )


def test_the_root_lists_the_endpoints(client):
    body = client.get("/api/").json()
    assert body["cases"] == "http://testserver/api/cases/"
    assert body["docs"] == "http://testserver/api/docs/"


def test_the_schema_generates_without_warnings_and_validates(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "api.yaml")
    assert (tmp_path / "api.yaml").read_text().startswith("openapi: 3")
