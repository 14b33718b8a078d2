"""Public pages. Each reads through cases.selectors, which reads through public()."""

from django.core.paginator import Paginator
from django.shortcuts import render

from cases.selectors import public_case_list, public_case_page

CASES_PER_PAGE = 25


def home(request):
    cases = public_case_list()
    return render(
        request,
        "home.html",
        {"latest_cases": cases[:5], "case_count": cases.count()},
    )


def case_list(request):
    page = Paginator(public_case_list(), CASES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "cases/case_list.html", {"page": page})


def case_detail(request, slug):
    return render(request, "cases/case_detail.html", {"page": public_case_page(slug)})
