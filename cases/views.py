"""Public pages. Each reads through cases.selectors, which reads through public()."""

from django.conf import settings
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from cases.models import CaseSearch
from cases.profiles import organization_page, person_page
from cases.search.results import search
from cases.selectors import public_case_list, public_case_page
from core.models import DatePrecision


def home(request):
    cases = public_case_list()
    return render(
        request,
        "home.html",
        {"latest_cases": cases[:8], "counts": _home_counts()},
    )


def _home_counts() -> dict:
    """A few figures about the public cases, in one query."""
    return CaseSearch.objects.public().aggregate(
        cases=Count("pk"),
        countries=Count("case__host_country", distinct=True),
        extraditions=Count("pk", filter=Q(record_kinds__contains=["extradition"])),
        un_appeals=Count("pk", filter=Q(record_kinds__contains=["appeal:un_treaty_body"])),
    )


def case_list(request):
    """The public search: every filter and the page number live in the URL."""
    return render(request, "cases/case_list.html", {"results": search(request.GET)})


def case_detail(request, slug):
    page = public_case_page(slug)
    permalink = request.build_absolute_uri(page.case.get_absolute_url())
    return render(
        request,
        "cases/case_detail.html",
        {"page": page, "permalink": permalink, "DAY": DatePrecision.DAY},
    )


def person_detail(request, slug):
    return render(request, "people/person_detail.html", {"page": person_page(slug)})


def organization_detail(request, slug):
    return render(
        request, "organizations/organization_detail.html", {"page": organization_page(slug)}
    )


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("django.contrib.sitemaps.views.sitemap"))
    lines = ["User-agent: *", f"Disallow: {settings.ADMIN_PATH}", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
