"""Saves of published data by staff without the publish permission become proposals.

Every admin page that edits something a public surface shows carries
ProposalAdminMixin (the case page, each record, people, name variants, organizations,
affiliations, sources). The save runs as always, in a savepoint; when it changed the
public state (cases.proposals.snapshot) in any way but taking rows off the public site,
the savepoint is rolled back and the POST is kept as the user's open proposal. The
user's next visit shows the form filled with their proposal, so they go on editing it.
"""

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cases.admin.applied_now import apply_internal_now
from cases.hiding import hide
from cases.models import ChangeProposal, ProposalState
from cases.proposals import (
    may_publish,
    open_proposals,
    posted_data,
    record_proposal,
    still_applies,
    withdraw_own,
)
from cases.public_state import compare, scope_for, snapshot
from core.models import Visibility

PROPOSED = _(
    "Your change to “%(obj)s” is saved as a proposal: the public site shows it once a "
    "publisher approves it."
)
ADD_NEEDS_REVIEW = _(
    "Nothing was saved: this would add to what the public sees of a published case, which "
    "waits for a publisher. Add it from the case's own page, where it is kept as a "
    "proposal, or save it as internal."
)
WAITING = _("Proposed by %(user)s on %(date)s, waiting for review.")
STALE = _(
    "Your proposal was made on a version that has changed since, so the form shows the "
    "current version: saving replaces your proposal. What changed: %(errors)s"
)
SENT_BACK = _("Your last proposal here was sent back by %(user)s on %(date)s: %(comment)s")
YOURS = _("The form below shows your proposal: saving it again edits it.")
WRITTEN_NOW = _("Your changes that the public does not see (internal fields) are saved now.")
REVIEW = _("Review it")
SEE = _("See what it changes")


class ProposalAdminMixin:
    """First in an admin's bases: its save_related runs after every other one."""

    @staticmethod
    def _gated(request) -> bool:
        return (
            request.method == "POST"
            and not may_publish(request.user)
            and getattr(request, "applying_proposal", None) is None
        )

    def save_model(self, request, obj, form, change):
        if self._gated(request):
            # Read from the tables (the form changed only `obj` in memory so far).
            request._public_before = snapshot(scope_for(obj))
            request._proposal_savepoint = transaction.savepoint()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        savepoint = getattr(request, "_proposal_savepoint", None)
        if savepoint is None:
            return
        obj = form.instance
        diff = compare(request._public_before, snapshot(scope_for(obj)))
        if not diff.shows_more:
            transaction.savepoint_commit(savepoint)
            if change:
                withdraw_own(obj=obj, user=request.user)
            return
        transaction.savepoint_rollback(savepoint)
        if not change:
            request._proposal_refused = True
            return
        data = posted_data(request.POST)
        hidden = hide_now(request.user, form, formsets, diff.removed, data)
        diff.entries = [entry for entry in diff.entries if entry["key"] not in hidden]
        request._hidden_now = len(hidden)
        request._written_now = apply_internal_now(
            _rows_of(form, formsets),
            data,
            public_before=request._public_before,
            skip=hidden,
            public_now=lambda: snapshot(scope_for(obj)),
        )
        request._proposal = record_proposal(obj=obj, user=request.user, data=data, diff=diff)

    def log_change(self, request, obj, message):
        if getattr(request, "_proposal", None) is None:
            return super().log_change(request, obj, message)
        return None

    def log_addition(self, request, obj, message):
        if not getattr(request, "_proposal_refused", False):
            return super().log_addition(request, obj, message)
        return None

    def response_change(self, request, obj):
        if getattr(request, "_proposal", None) is None:
            return super().response_change(request, obj)
        self.message_user(request, PROPOSED % {"obj": obj}, messages.WARNING)
        if getattr(request, "_hidden_now", 0):
            count = request._hidden_now
            message = ngettext(
                "%(count)d row was taken off the public site at once.",
                "%(count)d rows were taken off the public site at once.",
                count,
            ) % {"count": count}
            self.message_user(request, message, messages.SUCCESS)
        if getattr(request, "_written_now", 0):
            self.message_user(request, WRITTEN_NOW, messages.SUCCESS)
        opts = self.opts
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        return HttpResponseRedirect(url)

    def response_add(self, request, obj, post_url_continue=None):
        if not getattr(request, "_proposal_refused", False):
            return super().response_add(request, obj, post_url_continue)
        self.message_user(request, ADD_NEEDS_REVIEW, messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())

    # The form of a user with an open proposal shows it: drawn from its POST, with the
    # row snapshots it was made on, so saving again edits it and approval still checks
    # what changed since.

    def _own_proposal(self, request, obj):
        """The user's open proposal, to fill the form with, if it still applies: one made
        on rows changed since would refuse every save of the form it fills."""
        if obj is None or obj.pk is None or request.method != "GET":
            return None
        proposal = open_proposals(obj).filter(proposed_by=request.user).first()
        if proposal is None:
            return None
        errors = still_applies(proposal)
        if errors:
            message = STALE % {"errors": " ".join(errors)}
            self.message_user(request, message, messages.WARNING)
            return None
        return proposal

    def _tell_sent_back(self, request, obj) -> None:
        latest = (
            ChangeProposal.objects.filter(
                content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
                object_id=obj.pk,
                proposed_by=request.user,
            )
            .select_related("reviewed_by")
            .order_by("-created_at", "-id")
            .first()
        )
        if latest is not None and latest.state == ProposalState.SENT_BACK:
            text = SENT_BACK % {
                "user": latest.reviewed_by.get_username() if latest.reviewed_by else "",
                "date": date_format(latest.reviewed_at, "DATETIME_FORMAT"),
                "comment": latest.review_comment or "—",
            }
            self.message_user(request, text, messages.WARNING)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        proposal = getattr(request, "_shown_proposal", None)
        if proposal is None:
            return form
        data = _query_dict(proposal.data)

        def __init__(self, *args, **kwargs):
            if not args and "data" not in kwargs:
                kwargs["data"] = data
            form.__init__(self, *args, **kwargs)

        return type(form.__name__, (form,), {"__init__": __init__})

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        proposal = getattr(request, "_shown_proposal", None)
        if proposal is not None:
            kwargs = {**kwargs, "data": _query_dict(proposal.data), "files": {}}
        return kwargs

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            obj = self.get_object(request, object_id)
            request._shown_proposal = self._own_proposal(request, obj)
            if obj is not None and request._shown_proposal is None:
                self._tell_sent_back(request, obj)
            for proposal in open_proposals(obj) if obj is not None else ():
                self._tell_waiting(request, proposal)
        return super().change_view(request, object_id, form_url, extra_context)

    def _tell_waiting(self, request, proposal) -> None:
        text = WAITING % {
            "user": proposal.proposed_by.get_username(),
            "date": date_format(proposal.created_at, "DATETIME_FORMAT"),
        }
        yours = proposal.proposed_by_id == request.user.pk
        if yours:
            text = f"{text} {YOURS}"
        if not (yours or may_publish(request.user)):
            # Its page is for publishers and its author (cases/admin/review.py).
            self.message_user(request, text, messages.WARNING)
            return
        url = reverse("review-proposal", args=[proposal.pk])
        link = SEE if yours else REVIEW
        message = format_html('{} <a href="{}">{}</a>', text, url, link)
        self.message_user(request, message, messages.WARNING)


def _rows_of(form, formsets) -> dict:
    """The page's forms of saved rows, by the key cases.proposals.snapshot gives a row."""
    forms = {}
    for row_form in [form, *(row for formset in formsets for row in formset.forms)]:
        instance = row_form.instance
        if instance.pk is not None:
            forms[f"{instance._meta.concrete_model._meta.label_lower}:{instance.pk}"] = row_form
    return forms


def _taken_off(row_form) -> str | None:
    """The visibility a form takes its row off the public site with, if it does: made
    internal or confidential, or deleted (internal until the deletion is approved)."""
    cleaned = getattr(row_form, "cleaned_data", None) or {}
    if cleaned.get("DELETE"):
        return Visibility.INTERNAL
    visibility = cleaned.get("visibility")
    if visibility and visibility != Visibility.PUBLIC:
        return visibility
    return None


def _hide(row, user, visibility: str) -> None:
    """The immediate hiding (cases/hiding.py): its history label, its record and the
    publishers' email, in this save's transaction."""
    hide(row, user, how=visibility)


def hide_now(user, form, formsets, removed: list[str], data: dict) -> set[str]:
    """Apply at once the part of a held save that takes rows off the public site, and
    give those rows' forms in the kept POST their new snapshot (core.locking), so that
    approving the rest is not refused for a change this same save made. The keys of
    the rows hidden."""
    forms = _rows_of(form, formsets)
    hidden = set()
    for key in removed:
        row_form = forms.get(key)
        visibility = _taken_off(row_form) if row_form is not None else None
        if visibility is None or "row_state" not in row_form.fields:
            continue
        fresh = type(row_form.instance)._base_manager.get(pk=row_form.instance.pk)
        _hide(fresh, user, visibility)
        fresh.refresh_from_db()
        drawn, row_form.instance = row_form.instance, fresh
        try:
            data[row_form.add_prefix("row_state")] = [row_form._snapshot()]
        finally:
            row_form.instance = drawn
        hidden.add(key)
    return hidden


def _query_dict(data: dict):
    from django.http import QueryDict

    post = QueryDict(mutable=True)
    for key, values in data.items():
        post.setlist(key, values)
    return post


def gate(site: admin.AdminSite, models) -> None:
    """Put the mixin on the admins of other apps' models (which may not import cases)."""
    for model in models:
        admin_class = type(site.get_model_admin(model))
        if issubclass(admin_class, ProposalAdminMixin):
            continue
        site.unregister(model)
        site.register(model, type(admin_class.__name__, (ProposalAdminMixin, admin_class), {}))
