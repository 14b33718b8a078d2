"""The sitemap names every case page's version in each language, without a query per URL."""

from xml.etree import ElementTree

from tests.cases.sitemap_entries import SITEMAP, sitemap_pages

XHTML = "{http://www.w3.org/1999/xhtml}"


def test_every_case_lists_its_versions_in_every_language(
    client, make_case, django_assert_max_num_queries
):
    cases = [make_case(f"Case {n}", slug=f"case-{n}") for n in range(5)]
    (page,) = sitemap_pages(client)
    with django_assert_max_num_queries(3):
        response = client.get(page)
    urls = ElementTree.fromstring(response.content).findall(f"{SITEMAP}url")
    assert len(urls) == len(cases)
    for url, case in zip(urls, cases, strict=True):
        site = "http://testserver"
        assert url.find(f"{SITEMAP}loc").text == f"{site}/cases/{case.slug}/"
        links = {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
        assert links == {
            "en": f"{site}/cases/{case.slug}/",
            "ru": f"{site}/ru/cases/{case.slug}/",
            "kk": f"{site}/kk/cases/{case.slug}/",
            "uz": f"{site}/uz/cases/{case.slug}/",
            "x-default": f"{site}/cases/{case.slug}/",
        }
