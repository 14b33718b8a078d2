"""Proposed changes: what staff without the publish permission change on published data
waits for a publisher, while the live tables keep the approved state.

The public reads only the live tables (every `public()` queryset, the search documents
their triggers keep, the public version): an unapproved value is simply not there. A
save through the admin is applied in a savepoint, the public state of what it touches is
read before and after (`snapshot`), and when a public value would appear or change the
savepoint is rolled back and the page's POST is kept as a ChangeProposal instead.
Approving replays that POST through the same admin forms, formsets, rules, constraints
and optimistic locks (`replay`), in one transaction: a row changed since the proposal
was drawn refuses it with what changed (core.locking), and nothing is half-applied.
Taking something off the public site (a row gone from the public state) is never held.
"""

import pghistory
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.forms.formsets import all_valid
from django.http import HttpRequest, QueryDict
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from cases.models import (
    Case,
    ChangeProposal,
    ProposalState,
)
from cases.public_state import Diff
from cases.services import PUBLISH_PERMISSION
from core.access import can_see_confidential

# Posted keys that are not the page's data: the proposal replays the page, not the click.
NOT_DATA = {"csrfmiddlewaretoken", "_save", "_continue", "_addanother", "_saveasnew"}
NOT_APPLIED = _("This proposal cannot be applied as it stands, and nothing was changed: %(errors)s")
CHANGED_UNSEEN = _(
    "Rows it changes were changed since it was proposed. Send it back so that its author, "
    "who may see what changed, makes it again."
)


def shown_errors(errors: list[str], proposal: ChangeProposal, reader) -> list[str]:
    """The refusal as `reader` may read it: the forms were drawn for the proposer, whose
    lock messages may quote confidential fields a reader without that access may not see."""
    if can_see_confidential(reader) or not can_see_confidential(proposal.proposed_by):
        return errors
    return [str(CHANGED_UNSEEN)]


class ProposalRefused(ValidationError):
    """Approval refused (a base changed, a rule broken): nothing was applied."""


def may_publish(user) -> bool:
    return bool(user and user.is_active and user.has_perm(PUBLISH_PERMISSION))


# Capture.


def posted_data(post: QueryDict) -> dict:
    return {key: post.getlist(key) for key in post if key not in NOT_DATA}


def record_proposal(*, obj, user, data: dict, diff: Diff) -> ChangeProposal:
    """The user's open proposal on `obj`, created or replaced by this save."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    proposal, _created = ChangeProposal.objects.update_or_create(
        content_type=content_type,
        object_id=obj.pk,
        proposed_by=user,
        state=ProposalState.OPEN,
        defaults={
            "case": obj if isinstance(obj, Case) else None,
            "object_repr": str(obj)[:300],
            "data": data,
            "diff": diff.entries,
        },
    )
    return proposal


def withdraw_own(*, obj, user) -> int:
    """A save that no longer changes anything public ends the user's open proposal."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    return ChangeProposal.objects.filter(
        content_type=content_type, object_id=obj.pk, proposed_by=user, state=ProposalState.OPEN
    ).update(state=ProposalState.SUPERSEDED, updated_at=timezone.now())


def open_proposals(obj) -> models.QuerySet:
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    return ChangeProposal.objects.filter(
        content_type=content_type, object_id=obj.pk, state=ProposalState.OPEN
    ).select_related("proposed_by")


# Applying: the same admin forms as the save that made it.


class _Messages:
    """The admin's messages during a replay: kept, not shown (the reviewer sees the
    review page's own)."""

    def __init__(self):
        self.messages = []

    def add(self, level, message, extra_tags=""):
        self.messages.append(message)


def _replay_request(proposal: ChangeProposal) -> HttpRequest:
    request = HttpRequest()
    request.method = "POST"
    # The forms are drawn for the proposer (what they may see shapes every formset), as
    # when they saved; the gate lets this one through (`applying_proposal`).
    request.user = proposal.proposed_by
    post = QueryDict(mutable=True)
    for key, values in proposal.data.items():
        post.setlist(key, values)
    request.POST = post
    request.FILES = MultiValueDict()
    request.META = {"SERVER_NAME": "localhost", "SERVER_PORT": "80"}
    request._messages = _Messages()
    request.applying_proposal = proposal
    return request


def _form_errors(form) -> list[str]:
    errors = []
    for name, messages in form.errors.items():
        prefix = "" if name == "__all__" else f"{form.fields[name].label or name}: "
        errors += [f"{prefix}{message}" for message in messages]
    return errors


def _errors(form, formsets) -> list[str]:
    errors = _form_errors(form)
    for formset in formsets:
        errors += [str(e) for e in formset.non_form_errors()]
        for row in formset.forms:
            errors += _form_errors(row)
    return list(dict.fromkeys(errors))


def replay(proposal: ChangeProposal, *, save: bool = True) -> list[str]:
    """Apply the proposal's POST through its model admin's forms, in the caller's
    transaction; the errors that refuse it (nothing written then), else []. Without
    `save`, only checks it (the locks compare the rows as they are now)."""
    model = proposal.content_type.model_class()
    model_admin = admin.site.get_model_admin(model)
    request = _replay_request(proposal)
    obj = model_admin.get_object(request, str(proposal.object_id))
    if obj is None or not model_admin.has_change_permission(request, obj):
        return [str(_("The row is gone, or its author may no longer change it."))]
    fieldsets = model_admin.get_fieldsets(request, obj)
    form_class = model_admin.get_form(
        request, obj, change=True, fields=flatten_fieldsets(fieldsets)
    )
    form = form_class(request.POST, request.FILES, instance=obj)
    formsets, _inlines = model_admin._create_formsets(request, form.instance, change=True)
    form_valid = form.is_valid()
    if not (all_valid(formsets) and form_valid):
        return _errors(form, formsets) or [str(_("The form is no longer valid."))]
    if not save:
        return []
    obj = model_admin.save_form(request, form, change=True)
    model_admin.save_model(request, obj, form, True)
    model_admin.save_related(request, form, formsets, True)
    message = model_admin.construct_change_message(request, form, formsets, False)
    model_admin.log_change(request, obj, message)
    return []


def still_applies(proposal: ChangeProposal) -> list[str]:
    """What would refuse approving it now ([] if nothing), writing nothing."""
    with transaction.atomic():
        return replay(proposal, save=False)


def target_of(proposal: ChangeProposal):
    return proposal.content_type.model_class()._base_manager.get(pk=proposal.object_id)


@transaction.atomic
def proposal_approve(*, proposal: ChangeProposal, user) -> ChangeProposal:
    """Apply the whole proposal in one transaction, or nothing (ProposalRefused)."""
    if not may_publish(user):
        raise PermissionDenied
    proposal = ChangeProposal.objects.select_for_update().get(pk=proposal.pk)
    if not proposal.is_open:
        raise ProposalRefused(_("This proposal was already reviewed."))
    with pghistory.context(user=user.pk, proposal=proposal.pk, proposed_by=proposal.proposed_by_id):
        sid = transaction.savepoint()
        errors = replay(proposal)
        if errors:
            transaction.savepoint_rollback(sid)
            errors = shown_errors(errors, proposal, user)
            raise ProposalRefused(NOT_APPLIED % {"errors": " ".join(errors)})
        transaction.savepoint_commit(sid)
        proposal.state = ProposalState.APPROVED
        proposal.reviewed_by, proposal.reviewed_at = user, timezone.now()
        proposal.save(update_fields=["state", "reviewed_by", "reviewed_at", "updated_at"])
    return proposal


@transaction.atomic
def proposal_send_back(*, proposal: ChangeProposal, user, comment: str) -> ChangeProposal:
    """Back to its proposer with a comment; nothing of it reaches the live tables."""
    if not may_publish(user):
        raise PermissionDenied
    proposal = ChangeProposal.objects.select_for_update().get(pk=proposal.pk)
    if not proposal.is_open:
        raise ProposalRefused(_("This proposal was already reviewed."))
    proposal.state = ProposalState.SENT_BACK
    proposal.reviewed_by, proposal.reviewed_at = user, timezone.now()
    proposal.review_comment = comment
    proposal.save()
    return proposal


class _Rollback(Exception):
    pass


def public_page_as_it_would_be(proposal: ChangeProposal, render) -> tuple[str | None, list[str]]:
    """`render(obj)` (the public page's HTML) with the proposal applied, then rolled back:
    nothing of it is committed, and no public request can read it meanwhile."""
    result: dict = {}
    try:
        with transaction.atomic():
            result["errors"] = replay(proposal)
            if not result["errors"]:
                result["html"] = render(target_of(proposal))
            raise _Rollback
    except _Rollback:
        pass
    return result.get("html"), result["errors"]


def anonymous_request(host: str) -> HttpRequest:
    request = HttpRequest()
    request.method = "GET"
    request.user = AnonymousUser()
    request.META = {"HTTP_HOST": host, "SERVER_NAME": host, "SERVER_PORT": "80"}
    return request
