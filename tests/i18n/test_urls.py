"""Public pages in every language at their own address; the rest at one address."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

PREFIXED = {"ru": "/ru", "kk": "/kk", "uz": "/uz"}


def test_the_four_languages_are_named_in_themselves():
    assert settings.LANGUAGES == [
        ("en", "English"),
        ("ru", "Русский"),
        ("kk", "Қазақша"),
        ("uz", "Oʻzbekcha"),
    ]
    assert settings.LOCALE_PATHS[0] == settings.BASE_DIR / "locale"
    middleware = settings.MIDDLEWARE
    locale = middleware.index("config.languages.LocaleMiddleware")
    assert middleware.index("django.contrib.sessions.middleware.SessionMiddleware") < locale
    assert locale < middleware.index("django.middleware.common.CommonMiddleware")


@pytest.mark.parametrize("code", ["ru", "kk", "uz"])
def test_public_pages_are_prefixed_and_english_keeps_todays_addresses(client, make_case, code):
    case = make_case()
    assert case.get_absolute_url() == f"/cases/{case.slug}/"
    with translation.override(code):
        assert case.get_absolute_url() == f"/{code}/cases/{case.slug}/"
        assert reverse("home") == f"/{code}/"
    for path in ["/", "/cases/", f"/cases/{case.slug}/", "/people/", "/organizations/"]:
        english = client.get(path)
        assert english.status_code == 200, path
        assert english["Content-Language"] == "en"
        prefixed = client.get(f"/{code}{path}")
        assert prefixed.status_code == 200, path
        assert prefixed["Content-Language"] == code
        assert f'<html lang="{code}">' in prefixed.content.decode()


def test_an_english_address_is_english_whatever_the_browser_asks(client, make_case):
    """Never a redirect: the address names the page and its language."""
    response = client.get("/cases/", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.parametrize("path", ["/robots.txt", "/sitemap.xml", "/api/cases/"])
def test_machine_addresses_stay_unprefixed(client, db, path):
    assert client.get(path).status_code == 200
    assert client.get(f"/ru{path}").status_code == 404
    assert reverse("sitemap") == "/sitemap.xml"
    with translation.override("ru"):
        assert reverse("sitemap") == "/sitemap.xml"
        assert reverse("admin:index") == settings.ADMIN_PATH


def test_the_api_answers_in_the_language_the_client_asks_for(client, db):
    english = client.delete("/api/cases/")
    russian = client.delete("/api/cases/", HTTP_ACCEPT_LANGUAGE="ru")
    assert english.status_code == russian.status_code == 405
    assert english.json() != russian.json()
    assert re.search("[а-яА-Я]", str(russian.json())), russian.json()
    assert "accept-language" in russian["Vary"].lower()


def test_validators_differ_between_languages(client, make_case):
    """One ETag per page and language, so no cache answers a page in the wrong one."""
    make_case()
    english, russian = client.get("/cases/"), client.get("/ru/cases/")
    assert english["ETag"] != russian["ETag"]
    again = client.get("/ru/cases/", HTTP_IF_NONE_MATCH=russian["ETag"])
    assert again.status_code == 304
    assert client.get("/cases/", HTTP_IF_NONE_MATCH=russian["ETag"]).status_code == 200
    api_en = client.get("/api/cases/")
    api_ru = client.get("/api/cases/", HTTP_ACCEPT_LANGUAGE="ru")
    assert api_en["ETag"] != api_ru["ETag"]
    assert "accept-language" in api_ru["Vary"].lower()
    assert (
        client.get(
            "/api/cases/", HTTP_ACCEPT_LANGUAGE="ru", HTTP_IF_NONE_MATCH=api_en["ETag"]
        ).status_code
        == 200
    )


def test_a_missing_slash_redirects_within_the_language(client, db):
    response = client.get("/ru/cases")
    assert response.status_code == 301
    assert response["Location"] == "/ru/cases/"
