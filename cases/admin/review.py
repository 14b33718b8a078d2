"""The publishers' review of proposed changes: a queue, and one page per proposal with the
public page as it is and as it would be side by side, the field diff, Approve / Send back.

"As it would be" is the real public view rendered inside a transaction that applies the
proposal and is then rolled back (cases.proposals.public_page_as_it_would_be): what the
reviewer sees is what the public would get, and nothing of it is ever committed.
"""

from django.contrib import messages
from django.contrib.admin import site
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods

from cases import views as public_views
from cases.models import RECORD_MODELS, Case, CaseSubject, ChangeProposal, ProposalState
from cases.proposals import (
    ProposalRefused,
    anonymous_request,
    may_publish,
    proposal_approve,
    proposal_send_back,
    public_page_as_it_would_be,
    shown_errors,
    still_applies,
    target_of,
)
from organizations.models import Affiliation, Organization
from people.models import NameVariant, Person

try:  # django-csp 4: the panes may be framed by the review page only
    from csp.constants import SELF
    from csp.decorators import csp_replace

    same_origin_frames = csp_replace({"frame-ancestors": [SELF]})
except ImportError:  # pragma: no cover

    def same_origin_frames(view):
        return view


QUEUE_LENGTH = 100
APPROVED = _("The proposal on “%(obj)s” is approved and on the public site.")
SENT_BACK = _("The proposal on “%(obj)s” is sent back to %(user)s.")
NOT_SHOWN = _("Not on the public site.")


def public_page(obj, host: str) -> str:
    """The HTML the public gets for the page that shows `obj`, or a line saying there is
    none (a person no published case shows yet answers 404 to the public)."""
    request = anonymous_request(host)
    if isinstance(obj, (CaseSubject, *RECORD_MODELS)):
        obj = obj.case
    if isinstance(obj, NameVariant | Affiliation):
        obj = obj.person
    views = {
        Case: public_views.case_detail,
        Person: public_views.person_detail,
        Organization: public_views.organization_detail,
    }
    view = views.get(type(obj)._meta.concrete_model)
    if view is None:
        return ""
    try:
        return view(request, obj.slug).content.decode()
    except Http404:
        return f"<!doctype html><title>{NOT_SHOWN}</title><p>{NOT_SHOWN}</p>"


def _check_staff(request) -> None:
    if not (request.user.is_active and request.user.is_staff):
        raise PermissionDenied


def _may_see(request, proposal) -> bool:
    return may_publish(request.user) or proposal.proposed_by_id == request.user.pk


def queue_view(request):
    """Open proposals, the longest-waiting first: publishers only."""
    _check_staff(request)
    if not may_publish(request.user):
        raise PermissionDenied
    proposals = (
        ChangeProposal.objects.filter(state=ProposalState.OPEN)
        .select_related("proposed_by", "content_type")
        .order_by("created_at", "id")[:QUEUE_LENGTH]
    )
    context = {
        **site.each_context(request),
        "title": _("Proposed changes waiting for review"),
        "proposals": proposals,
    }
    return TemplateResponse(request, "admin/review/queue.html", context)


@require_http_methods(["GET", "POST"])
def proposal_view(request, pk: int):
    _check_staff(request)
    proposal = get_object_or_404(
        ChangeProposal.objects.select_related("proposed_by", "reviewed_by", "content_type"),
        pk=pk,
    )
    if not _may_see(request, proposal):
        raise PermissionDenied
    if request.method == "POST":
        return _review(request, proposal)
    target = target_of(proposal)
    opts = target._meta
    # Said before the buttons: approving would refuse it (a base changed since).
    stale = still_applies(proposal) if proposal.is_open else []
    context = {
        "stale": shown_errors(stale, proposal, request.user) if stale else [],
        **site.each_context(request),
        "title": _("Proposed change: %(obj)s") % {"obj": proposal.object_repr},
        "proposal": proposal,
        "may_review": may_publish(request.user) and proposal.is_open,
        "edit_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[target.pk]),
        "current_url": reverse("review-pane", args=[proposal.pk, "current"]),
        "proposed_url": reverse("review-pane", args=[proposal.pk, "proposed"]),
    }
    return TemplateResponse(request, "admin/review/proposal.html", context)


def _review(request, proposal):
    if not may_publish(request.user):
        raise PermissionDenied
    action = request.POST.get("action")
    try:
        if action == "approve":
            proposal_approve(proposal=proposal, user=request.user)
            message = APPROVED % {"obj": proposal.object_repr}
        elif action == "send_back":
            comment = request.POST.get("comment", "").strip()
            proposal_send_back(proposal=proposal, user=request.user, comment=comment)
            message = SENT_BACK % {
                "obj": proposal.object_repr,
                "user": proposal.proposed_by.get_username(),
            }
        else:
            raise ProposalRefused(_("Choose Approve or Send back."))
    except ProposalRefused as error:
        messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(reverse("review-proposal", args=[proposal.pk]))
    messages.success(request, message)
    return HttpResponseRedirect(reverse("review-queue"))


@xframe_options_sameorigin
@same_origin_frames
def pane_view(request, pk: int, which: str):
    """One side of the comparison: the public page as it is, or as it would be."""
    _check_staff(request)
    proposal = get_object_or_404(ChangeProposal, pk=pk)
    if not _may_see(request, proposal) or which not in ("current", "proposed"):
        raise PermissionDenied
    host = request.get_host()
    if which == "current" or not proposal.is_open:
        html = public_page(target_of(proposal), host)
    else:
        html, errors = public_page_as_it_would_be(proposal, lambda obj: public_page(obj, host))
        errors = shown_errors(errors, proposal, request.user)
        if html is None:
            html = format_html(
                "<!doctype html><title>{}</title><ul>{}</ul>",
                _("Cannot be applied"),
                format_html_join("", "<li>{}</li>", ((error,) for error in errors)),
            )
    return HttpResponse(html)


def urls(prefix: str) -> list:
    return [
        path(f"{prefix}review/", site.admin_view(queue_view), name="review-queue"),
        path(f"{prefix}review/<int:pk>/", site.admin_view(proposal_view), name="review-proposal"),
        path(
            f"{prefix}review/<int:pk>/<slug:which>/",
            site.admin_view(pane_view),
            name="review-pane",
        ),
    ]
