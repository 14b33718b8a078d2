"""Reading the sitemap as a crawler does: the index, then each of its pages."""

from xml.etree import ElementTree

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE = "http://testserver"


def _xml(client, url: str) -> ElementTree.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)


def sitemap_pages(client) -> list[str]:
    """The addresses (paths) of the pages the index lists."""
    index = _xml(client, "/sitemap.xml")
    assert index.tag == f"{SITEMAP}sitemapindex"
    locs = [element.text for element in index.iter(f"{SITEMAP}loc")]
    assert all(loc.startswith(SITE) for loc in locs)
    return [loc.removeprefix(SITE) for loc in locs]


def sitemap_entries(client) -> list[tuple[str, str | None]]:
    """(path, lastmod) of every URL on every page, in order, duplicates kept."""
    entries = []
    for page in sitemap_pages(client):
        urlset = _xml(client, page)
        assert urlset.tag == f"{SITEMAP}urlset"
        for url in urlset.iter(f"{SITEMAP}url"):
            lastmod = url.find(f"{SITEMAP}lastmod")
            loc = url.find(f"{SITEMAP}loc").text
            entries.append((loc.removeprefix(SITE), None if lastmod is None else lastmod.text))
    return entries
