"""Public pages. Each reads through cases.selectors, which reads through public()."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from cases.directories import organizations_directory, people_directory
from cases.invalid_filters import invalid_filters
from cases.profiles import organization_page, person_page
from cases.search import public_figures, search
from cases.selectors import latest_public_documents, public_case_page
from core.models import DatePrecision

LATEST_CASES = 8


def home(request):
    return render(
        request,
        "home.html",
        {"latest_cases": _latest_cases(), "counts": public_figures()},
    )


def _latest_cases() -> list:
    """The cases whose public content changed last."""
    return [document.case for document in latest_public_documents()[:LATEST_CASES]]


def case_list(request):
    """The public search: every filter and the page number live in the URL.

    A filter value the form refuses answers 400, like the API, with the valid choices and
    no results (cases/invalid_filters.py says why).
    """
    results = search(request.GET)
    invalid = invalid_filters(results.form, request.GET)
    return render(
        request,
        "cases/case_list.html",
        {"results": results, "invalid_filters": invalid},
        status=400 if invalid else 200,
    )


def case_detail(request, slug):
    page = public_case_page(slug)
    permalink = request.build_absolute_uri(page.case.get_absolute_url())
    return render(
        request,
        "cases/case_detail.html",
        {"page": page, "permalink": permalink, "DAY": DatePrecision.DAY},
    )


def person_list(request):
    directory = people_directory(request.GET)
    return render(request, "people/person_list.html", {"directory": directory})


def organization_list(request):
    directory = organizations_directory(request.GET)
    return render(request, "organizations/organization_list.html", {"directory": directory})


def person_detail(request, slug):
    page = person_page(slug, request.GET)
    return render(request, "people/person_detail.html", {"page": page})


def organization_detail(request, slug):
    page = organization_page(slug, request.GET)
    return render(request, "organizations/organization_detail.html", {"page": page})


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", f"Disallow: {settings.ADMIN_PATH}", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
