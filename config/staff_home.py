"""The staff home (the admin index) and its one search box: reads that start from the work.

Every list reads through the model admin's own queryset, so what the admin hides from a
user (confidential rows, core/confidential.py) is hidden here too, and the search is the
admin's own search of each model (a person by a name folded across scripts), so "all
results" in a changelist shows the same rows. Each list is one bounded query.
"""

from dataclasses import dataclass

from django.contrib.admin import AdminSite, ModelAdmin
from django.db.models import Exists, JSONField, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_administrator
from cases.hiding_mail import admin_url, kind_of
from cases.models import (
    Case,
    CaseSubject,
    ChangeProposal,
    Hiding,
    ProposalState,
    PublicationState,
)
from core.access import can_see_confidential
from core.confidential import without_confidential
from history.models import EVENT_MODELS
from organizations.models import Organization
from people.models import Person

# The apps whose models are case work, each with its main list; every other app's models
# are administration.
CASE_WORK_APPS = {"cases": "Case", "people": "Person", "organizations": "Organization"}
LIST_LENGTH = 10  # rows in each list of the home
RESULTS_PER_KIND = 10  # rows of each kind on the search page; the changelist has the rest
PUBLISH_PERMISSION = "cases.publish_case"


def case_admin(site: AdminSite) -> ModelAdmin:
    return site.get_model_admin(Case)


def staff_cases(site: AdminSite, request) -> QuerySet:
    """The cases this user may see in the admin, not archived."""
    return case_admin(site).get_queryset(request).filter(archived_at__isnull=True)


def my_drafts(site: AdminSite, request) -> list[Case]:
    """Drafts the user created, last changed, or last moved between publication states,
    as the history triggers recorded them (each event's context names the acting user).

    It starts from the user's own case events (history 0007 indexes the context's user)
    and the cases they moved, so it reads what the user touched, not every draft.
    """
    user = request.user
    case_events = EVENT_MODELS[Case].objects
    touched = (
        case_events.filter(pgh_context__user=user.pk)
        .values("pgh_obj")
        .union(Case.objects.filter(state_changed_by=user).values("pk"))
    )
    events = case_events.filter(pgh_obj=OuterRef("pk"))
    last_user = Subquery(
        events.order_by("-pgh_id").values("pgh_context__user")[:1], output_field=JSONField()
    )
    created = Exists(events.filter(pgh_label="insert", pgh_context__user=user.pk))
    drafts = (
        staff_cases(site, request)
        .filter(publication_state=PublicationState.DRAFT, pk__in=touched)
        .alias(last_user=last_user, created=created)
        .filter(Q(created=True) | Q(last_user=user.pk) | Q(state_changed_by=user))
        .order_by("-updated_at")
    )
    return list(drafts[:LIST_LENGTH])


def in_review(site: AdminSite, request) -> list[Case]:
    """Cases waiting for a publisher, the longest-waiting first."""
    cases = (
        staff_cases(site, request)
        .filter(publication_state=PublicationState.IN_REVIEW)
        .select_related("state_changed_by")
        .order_by("state_changed_at", "pk")
    )
    return list(cases[: LIST_LENGTH + 1])


def recently_hidden(request) -> list[Hiding]:
    """What was last taken off the public site (cases/hiding.py), for publishers: one
    query, confidential hidings only for staff with confidential access."""
    hidings = Hiding.objects.select_related("hidden_by", "case", "content_type")
    if not can_see_confidential(request.user):
        hidings = without_confidential(hidings)
    return list(hidings.order_by("-hidden_at", "-id")[:LIST_LENGTH])


def proposed_changes(request) -> list[ChangeProposal]:
    """Proposed changes to published data waiting for a publisher (cases/proposals.py),
    the longest-waiting first, read through the queue's partial index."""
    proposals = (
        ChangeProposal.objects.filter(state=ProposalState.OPEN)
        .select_related("proposed_by")
        .order_by("created_at", "id")
    )
    return list(proposals[: LIST_LENGTH + 1])


def recently_changed(site: AdminSite, request) -> list[Case]:
    return list(staff_cases(site, request).order_by("-updated_at")[:LIST_LENGTH])


def changelist_url(model, **query) -> str:
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return f"{url}?{urlencode(query)}" if query else url


def sections(app_list: list[dict], request) -> tuple[list[dict], list[dict]]:
    """The app list split into case work (for all staff, cases first) and administration
    (accounts, sign-in attempts, authenticator devices: for administrators only)."""
    browse = [app for app in app_list if app["app_label"] in CASE_WORK_APPS]
    browse.sort(key=lambda app: list(CASE_WORK_APPS).index(app["app_label"]))
    for app in browse:  # each app's main list first: Cases, People, Organizations
        app["models"].sort(
            key=lambda model: model["object_name"] != CASE_WORK_APPS[app["app_label"]]
        )
    administration = [app for app in app_list if app["app_label"] not in CASE_WORK_APPS]
    if administration and not is_administrator(request.user):
        administration = []
    return browse, administration


def home_context(site: AdminSite, request, app_list: list[dict]) -> dict:
    user = request.user
    browse, administration = sections(app_list, request)
    may_publish = user.has_perm(PUBLISH_PERMISSION)
    review = in_review(site, request) if may_publish else []
    proposals = proposed_changes(request) if may_publish else []
    return {
        "title": _("Staff home"),
        "may_add_case": case_admin(site).has_add_permission(request),
        "my_drafts": my_drafts(site, request),
        "may_publish": may_publish,
        "in_review": review[:LIST_LENGTH],
        "more_in_review": len(review) > LIST_LENGTH,
        "in_review_url": changelist_url(Case, publication_state__exact=PublicationState.IN_REVIEW),
        "recently_hidden": [hidden_row(h) for h in recently_hidden(request)] if may_publish else [],
        "proposals": proposals[:LIST_LENGTH],
        "more_proposals": len(proposals) > LIST_LENGTH,
        "review_queue_url": reverse("review-queue"),
        "recently_changed": recently_changed(site, request),
        "all_cases_url": changelist_url(Case),
        "browse": browse,
        "administration": administration,
    }


@dataclass
class HiddenRow:
    """One line of "Recently hidden": what, how, by whom, when, why, and its staff page."""

    hiding: Hiding
    kind: str
    url: str


def hidden_row(hiding: Hiding) -> HiddenRow:
    return HiddenRow(hiding, kind_of(hiding), admin_url(hiding))


@dataclass
class Found:
    """One search result: its admin page, its name, and what tells it apart."""

    url: str
    name: str
    detail: str


@dataclass
class Results:
    """The first matches of one kind of row, and where the admin lists all of them."""

    label: str
    rows: list[Found]
    more: bool
    url: str


def _details(*parts) -> str:
    return ", ".join(str(part) for part in parts if part)


def found(row) -> Found:
    opts = row._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk])
    if isinstance(row, Case):
        detail = _details(row.get_publication_state_display(), row.host_country.name)
        return Found(url, row.title, detail)
    if isinstance(row, Person):
        return Found(url, row.display_name, _details(row.nationality.name))
    return Found(url, str(row), _details(row.get_kind_display(), row.country.name))


# What the one search box searches, in the order the page shows them.
SEARCHED = (
    (Case, _("Cases")),
    (Person, _("People")),
    (Organization, _("Organizations")),
)


def matches(site: AdminSite, request, model, term: str) -> QuerySet | None:
    """The admin's own search of `model` through the rows this user may see (not archived),
    or None when the user may not view that model."""
    model_admin = site.get_model_admin(model)
    if not model_admin.has_view_permission(request):
        return None
    queryset = model_admin.get_queryset(request).filter(archived_at__isnull=True)
    queryset, may_have_duplicates = model_admin.get_search_results(request, queryset, term)
    return queryset.distinct() if may_have_duplicates else queryset


def search(site: AdminSite, request, term: str) -> list[Results]:
    """The matches of `term` among cases (title, summary, people named), people (names in
    any script or spelling) and organizations (name, acronym), at most RESULTS_PER_KIND of
    each."""
    found_rows = {model: matches(site, request, model, term) for model, _label in SEARCHED}
    people, cases = found_rows[Person], found_rows[Case]
    if people is not None and cases is not None:
        # A case also matches through its people, by any spelling of their names (the
        # case list's search reads names as typed): through the parts this user may see.
        parts = site.get_model_admin(CaseSubject).get_queryset(request).filter(person__in=people)
        found_rows[Case] = staff_cases(site, request).filter(
            Q(pk__in=cases.values("pk")) | Q(pk__in=parts.values("case_id"))
        )
    results = []
    for model, label in SEARCHED:
        if found_rows[model] is None:
            continue
        rows = list(found_rows[model].order_by(*ORDER[model])[: RESULTS_PER_KIND + 1])
        results.append(
            Results(
                label=label,
                rows=[found(row) for row in rows[:RESULTS_PER_KIND]],
                more=len(rows) > RESULTS_PER_KIND,
                url=changelist_url(model, q=term),
            )
        )
    return results


ORDER = {
    Case: ("-updated_at", "pk"),
    Person: ("display_name", "pk"),
    Organization: ("name", "pk"),
}
