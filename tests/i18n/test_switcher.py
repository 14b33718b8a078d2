"""Every public page links to itself in every language, keeping the query string."""

import re
from html.parser import HTMLParser

import pytest


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.alternates, self.switcher, self.html_lang = {}, {}, None
        self._in_switcher = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            self.alternates[attrs["hreflang"]] = attrs["href"]
        if tag == "nav" and "languages" in attrs.get("class", ""):
            self._in_switcher = True
        if tag == "a" and self._in_switcher:
            self.switcher[attrs["lang"]] = attrs["href"]

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_switcher = False


def links(response) -> Links:
    parser = Links()
    parser.feed(response.content.decode())
    return parser


QUERY = "?q=extradition&host_country=KZ&page=2"


@pytest.mark.parametrize("prefix", ["", "/ru", "/kk", "/uz"])
def test_the_switcher_keeps_the_page_and_its_query(client, make_case, prefix):
    make_case()
    found = links(client.get(f"{prefix}/cases/{QUERY}"))
    assert found.switcher == {
        "en": f"/cases/{QUERY}",
        "ru": f"/ru/cases/{QUERY}",
        "kk": f"/kk/cases/{QUERY}",
        "uz": f"/uz/cases/{QUERY}",
    }
    assert found.html_lang == (prefix.strip("/") or "en")


def test_every_language_and_x_default_are_alternates(client, make_case):
    case = make_case()
    for prefix in ["", "/ru", "/kk", "/uz"]:
        found = links(client.get(f"{prefix}/cases/{case.slug}/"))
        site = "http://testserver"
        assert found.alternates == {
            "en": f"{site}/cases/{case.slug}/",
            "ru": f"{site}/ru/cases/{case.slug}/",
            "kk": f"{site}/kk/cases/{case.slug}/",
            "uz": f"{site}/uz/cases/{case.slug}/",
            "x-default": f"{site}/cases/{case.slug}/",
        }


def test_alternates_use_the_sites_own_name(client, make_case, settings):
    settings.SITE_URL = "https://cases.example.org"
    found = links(client.get("/ru/people/"))
    assert found.alternates["x-default"] == "https://cases.example.org/people/"


def test_a_missing_page_leads_to_each_languages_home(client, db):
    """A 404 names no address of its own (a hidden case answers as a missing one)."""
    response = client.get("/ru/cases/no-such-case/")
    assert response.status_code == 404
    found = links(response)
    assert found.switcher == {"en": "/", "ru": "/ru/", "kk": "/kk/", "uz": "/uz/"}
    assert found.alternates == {}
    assert found.html_lang == "ru"
    assert "no-such-case" not in response.content.decode()


def test_the_switcher_names_each_language_in_itself(client, db):
    body = client.get("/kk/").content.decode()
    for name in ["English", "Русский", "Қазақша", "Oʻzbekcha"]:
        assert name in body
    assert re.search(r'<a href="/kk/" lang="kk" aria-current="page">Қазақша</a>', body)
