"""The sitemap: an index (/sitemap.xml) of pages that each list the public cases of one
range of case ids.

Django's sitemap framework pages its items with COUNT and OFFSET and renders every URL
through a template (some 250 µs each): at a million cases a page took seconds. Here a
page is a fixed range of ids, read through the case table's primary key, and written
directly: a page stays fast at any size and keeps its address while cases are added.
"""

from xml.sax.saxutils import escape

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cases.models import Case, CaseSearch

# Ids per page: at most this many URLs (the protocol allows 50,000), few enough that a
# page is read and written in well under 100 ms.
CASES_PER_PAGE = 5_000
XMLNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
# Each case page's versions in the other languages (hreflang alternates, as Google reads).
XHTML = "http://www.w3.org/1999/xhtml"
BIGGEST_ID = 2**63 - 1

# The pages that hold at least one public case, skipping through the documents' primary
# key one probe per page (a document exists only while its case is public).
PAGES_SQL = f"""
WITH RECURSIVE pages (number) AS (
    (SELECT case_id / %(size)s FROM {CaseSearch._meta.db_table} ORDER BY case_id LIMIT 1)
    UNION ALL
    SELECT (SELECT case_id / %(size)s FROM {CaseSearch._meta.db_table}
            WHERE case_id >= (pages.number + 1) * %(size)s ORDER BY case_id LIMIT 1)
    FROM pages WHERE pages.number IS NOT NULL
)
SELECT number FROM pages WHERE number IS NOT NULL
"""


def page_numbers() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(PAGES_SQL, {"size": CASES_PER_PAGE})
        return [number for (number,) in cursor.fetchall()]


def page_cases(number: int) -> list[tuple[str, object]]:
    """(slug, last public change) of the public cases whose ids fall in page `number`."""
    start, end = number * CASES_PER_PAGE, (number + 1) * CASES_PER_PAGE
    # The range on both tables lets PostgreSQL merge two index range scans (casesearch_
    # sitemap covers the dates); on the cases alone it would hash every document.
    return list(
        Case.objects.public()
        .filter(pk__gte=start, pk__lt=end, search__pk__gte=start, search__pk__lt=end)
        .order_by("pk")
        .values_list("slug", "search__public_updated_at")  # public content only
    )


def _xml(root: str, entries, namespaces: str = "") -> HttpResponse:
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<{root} xmlns="{XMLNS}"{namespaces}>'
    body = "".join([head, *entries, f"</{root}>\n"])
    response = HttpResponse(body, content_type="application/xml; charset=utf-8")
    # As Django's sitemap views: the sitemap is for crawlers, not a result to show.
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


def sitemap_index(request):
    """/sitemap.xml: every page's address (no lastmod: it would read every case)."""
    entries = (
        f"<sitemap><loc>{escape(request.build_absolute_uri(page_url(number)))}</loc></sitemap>"
        for number in page_numbers()
    )
    return _xml("sitemapindex", entries)


def page_url(number: int) -> str:
    return reverse("sitemap-cases", kwargs={"number": number})


def sitemap_page(request, number: int):
    if (number + 1) * CASES_PER_PAGE > BIGGEST_ID:  # ids are bigint: past them, no case
        raise Http404(_("No public case in this part of the sitemap."))
    cases = page_cases(number)
    if not cases:
        raise Http404(_("No public case in this part of the sitemap."))
    # One reverse() per language for the whole page: the case address with the slug as a
    # placeholder. Each URL is the English page (x-default), with every language's version.
    site = request.build_absolute_uri("/").rstrip("/")
    addresses = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            before, after = reverse("cases:detail", args=["0"]).rsplit("0", 1)
        addresses[code] = (f"{site}{before}", after)

    def address(code, slug):
        before, after = addresses[code]
        return escape(f"{before}{slug}{after}")

    def alternates(slug):
        links = [(code, address(code, slug)) for code in addresses]
        links.append(("x-default", address(settings.LANGUAGE_CODE, slug)))
        return "".join(
            f'<xhtml:link rel="alternate" hreflang="{code}" href="{href}"/>' for code, href in links
        )

    entries = (
        f"<url><loc>{address(settings.LANGUAGE_CODE, slug)}</loc>"
        + (f"<lastmod>{changed.isoformat(timespec='seconds')}</lastmod>" if changed else "")
        + alternates(slug)
        + "</url>"
        for slug, changed in cases
    )
    return _xml("urlset", entries, f' xmlns:xhtml="{XHTML}"')
