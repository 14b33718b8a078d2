"""Public pages. Each reads through cases.selectors, which reads through public()."""

from django.shortcuts import render

from cases.search.results import search
from cases.selectors import public_case_list, public_case_page


def home(request):
    cases = public_case_list()
    return render(
        request,
        "home.html",
        {"latest_cases": cases[:5], "case_count": cases.count()},
    )


def case_list(request):
    """The public search: every filter and the page number live in the URL."""
    return render(request, "cases/case_list.html", {"results": search(request.GET)})


def case_detail(request, slug):
    return render(request, "cases/case_detail.html", {"page": public_case_page(slug)})
