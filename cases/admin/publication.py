"""Publishing from the admin: buttons on the case page, actions on the case list.

The state is never a form field: the buttons ("Save and submit for review", "Save and
publish", "Save and withdraw", "Save and return to draft") save the page and then call
cases.services.case_transition, and each user sees only the moves their role allows. A
move the user may not make, even posted by hand, is refused with a form error and nothing
is saved.

Submitting for review and publishing check the saved case first (cases/checklist.py):
while items are open the page is saved but the case does not move, and the page comes
back with the checklist above the form (`?_checklist=<state>`), each record item with a
one-click "Make public" and each item with "I have checked this". The same button then
moves the case once every item is resolved or acknowledged.
"""

from functools import reduce
from operator import or_

from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cases.checklist import grouped, publication_checklist, rows_from_refs
from cases.models import RECORD_MODELS, Case, PublicationState, Source
from cases.services import (
    CHECKED_TARGETS,
    IN_REVIEW,
    PUBLISH_PERMISSION,
    PUBLISHED,
    WITHDRAWN,
    ChecklistOpen,
    available_transitions,
    case_transition,
    check_transition,
    set_visibility,
)
from core.models import Visibility

TRANSITION_VAR = "_transition"
# The checklist of the move to this state is shown (a query parameter, or posted back).
CHECKLIST_VAR = "_checklist"
ACKNOWLEDGE_VAR = "_acknowledge"  # an item's key, once per item checked
MAKE_PUBLIC_VAR = "_make_public"  # the rows ("cases.detention:12 …") to make public
CHANGE_FORM_TEMPLATE = "admin/cases/case/change_form.html"
PUBLICATION_FIELDS = ("publication_state", "published_at", "state_changed_at", "state_changed_by")
PUBLICATION_FIELDSET = (
    _("Publication"),
    {
        "fields": ("publication_state", "published_at", ("state_changed_at", "state_changed_by")),
        "description": _("Change the state with the buttons at the bottom of the page."),
    },
)


def _reason(error: Exception) -> str:
    if isinstance(error, ChecklistOpen):
        return f"{' '.join(error.messages)} {_('Open the case to check them.')}"
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or str(_("You do not have permission to do this."))


class TransitionForm:
    """Mixed into the case form: refuses a requested move before anything is saved."""

    user = None

    def clean(self):
        cleaned = super().clean()
        target = self.data.get(TRANSITION_VAR)
        if target:
            try:
                check_transition(case=self.instance, to_state=target, user=self.user)
            except (ValidationError, PermissionDenied) as error:
                raise ValidationError(_reason(error)) from None
        return cleaned


class _Refused(Exception):
    pass


class PublicationAdminMixin:
    """For the case admin: publication state, stamps and a published case's slug read-only."""

    actions = ["submit_for_review", "publish", "withdraw", "return_to_draft"]

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), *PUBLICATION_FIELDS]
        if obj is not None and obj.published_at is not None:
            fields.append("slug")  # the permanent public address
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and obj.published_at is not None:
            return {}
        return super().get_prepopulated_fields(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (TransitionForm, form), {"user": request.user})

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        may_edit = (
            self.has_change_permission(request, obj)
            if obj is not None
            else self.has_add_permission(request)
        )
        popup = IS_POPUP_VAR in request.GET or IS_POPUP_VAR in request.POST
        case = obj if obj is not None else Case()
        transitions = available_transitions(case=case, user=request.user)
        context["publication_transitions"] = transitions if may_edit and not popup else []
        context["transition_var"] = TRANSITION_VAR
        shown = request.GET.get(CHECKLIST_VAR) or request.POST.get(CHECKLIST_VAR)
        checked = [t for t in context["publication_transitions"] if t.target in CHECKED_TARGETS]
        transition = next((t for t in checked if t.target == shown), None)
        if obj is not None and obj.pk is not None and transition is not None:
            items = publication_checklist(obj, request.user)
            context.update(
                checklist_transition=transition,
                checklist_groups=grouped(items),
                checklist_var=CHECKLIST_VAR,
                acknowledge_var=ACKNOWLEDGE_VAR,
                make_public_var=MAKE_PUBLIC_VAR,
                acknowledged=set(request.POST.getlist(ACKNOWLEDGE_VAR)),
            )
        response = super().render_change_form(request, context, add, change, form_url, obj)
        # The case page with the checklist above the form (which the history's template,
        # chosen by HistoryAdminMixin, does not have).
        response.template_name = [CHANGE_FORM_TEMPLATE]
        return response

    def save_related(self, request, form, formsets, change):
        """After the case and every inline are saved: one-click fixes, then the move."""
        super().save_related(request, form, formsets, change)
        case = form.instance
        if MAKE_PUBLIC_VAR in request.POST:
            self._make_public(request, case, formsets)
        target = request.POST.get(TRANSITION_VAR)
        if target:
            acknowledged = request.POST.getlist(ACKNOWLEDGE_VAR)
            try:
                case_transition(
                    case=case, to_state=target, user=request.user, acknowledged=acknowledged
                )
            except ChecklistOpen as error:
                request._checklist_open = error

    def _make_public(self, request, case, formsets) -> None:
        """Make public the rows a checklist button names: this case's records and the
        sources they cite, but none whose visibility this same post sets."""
        set_here = {
            (type(f.instance), f.instance.pk)
            for formset in formsets
            for f in formset.forms
            if f.instance.pk is not None and "visibility" in f.changed_data
        }
        refs = request.POST.get(MAKE_PUBLIC_VAR, "").split()
        rows = []
        for model, pks in rows_from_refs(refs).items():
            pks = [pk for pk in pks if (model, pk) not in set_here]
            if model is Source:
                cited = reduce(
                    or_,
                    (
                        Q(pk__in=m.sources.through.objects.filter(
                            **{f"{m._meta.model_name}__case_id": case.pk}
                        ).values("source_id"))
                        for m in RECORD_MODELS
                    ),
                )  # fmt: skip
                rows.append(Source._base_manager.filter(cited, pk__in=pks))
            else:
                rows.append(model._base_manager.filter(case_id=case.pk, pk__in=pks))
        try:
            made = set_visibility(
                records=rows,
                visibility=Visibility.PUBLIC,
                user=request.user,
                expected=Visibility.INTERNAL,
            )
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, _reason(error), messages.ERROR)
            return
        message = ngettext("%(count)d row made public.", "%(count)d rows made public.", made)
        self.message_user(request, message % {"count": made}, messages.SUCCESS)

    def response_add(self, request, obj, post_url_continue=None):
        if self._checklist_answer(request) and IS_POPUP_VAR not in request.POST:
            return self._back_to_checklist(request, obj)
        if request.POST.get(TRANSITION_VAR) and IS_POPUP_VAR not in request.POST:
            return self._moved(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if self._checklist_answer(request) and IS_POPUP_VAR not in request.POST:
            return self._back_to_checklist(request, obj)
        if request.POST.get(TRANSITION_VAR) and IS_POPUP_VAR not in request.POST:
            return self._moved(request, obj)
        return super().response_change(request, obj)

    def _checklist_answer(self, request) -> bool:
        return hasattr(request, "_checklist_open") or MAKE_PUBLIC_VAR in request.POST

    def _back_to_checklist(self, request, obj):
        """The saved case again, with the checklist of the move that waits."""
        error = getattr(request, "_checklist_open", None)
        shown = request.POST.get(CHECKLIST_VAR) or request.GET.get(CHECKLIST_VAR, "")
        target = error.to_state if error else shown
        if error is not None:
            message = _(
                "The case “%(case)s” was saved, but it is not %(state)s yet: check the list "
                "above the form, then use the same button again."
            ) % {"case": obj, "state": PublicationState(error.to_state).label.lower()}
            self.message_user(request, message, messages.WARNING)
        opts = self.opts
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        if target in CHECKED_TARGETS:
            url = f"{url}?{urlencode({CHECKLIST_VAR: target})}"
        return HttpResponseRedirect(url)

    def _moved(self, request, obj):
        """Back to the case, to see its new state (and its public page once published)."""
        state = obj.get_publication_state_display().lower()
        message = _("The case “%(case)s” was saved and is now %(state)s.")
        self.message_user(request, message % {"case": obj, "state": state})
        opts = self.opts
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        )

    # The same moves for many cases at once, from the list. All or nothing.

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(PUBLISH_PERMISSION)

    def _move_selected(self, request, queryset, to_state: str) -> None:
        refused = []
        try:
            with transaction.atomic():
                moved = 0
                for case in queryset:
                    try:
                        case_transition(case=case, to_state=to_state, user=request.user)
                        moved += 1
                    except (ValidationError, PermissionDenied) as error:
                        refused.append(
                            _("“%(case)s”: %(reason)s") % {"case": case, "reason": _reason(error)}
                        )
                if refused:
                    raise _Refused
        except _Refused:
            message = _("No case was changed. %(reasons)s") % {"reasons": " ".join(refused)}
            self.message_user(request, message, messages.ERROR)
            return
        state = PublicationState(to_state).label.lower()
        message = ngettext(
            "%(count)d case is now %(state)s.", "%(count)d cases are now %(state)s.", moved
        ) % {"count": moved, "state": state}
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description=_("Submit selected cases for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._move_selected(request, queryset, IN_REVIEW)

    @admin.action(description=_("Publish selected cases"), permissions=["publish"])
    def publish(self, request, queryset):
        self._move_selected(request, queryset, PUBLISHED)

    @admin.action(
        description=_("Withdraw selected cases from the public site"), permissions=["publish"]
    )
    def withdraw(self, request, queryset):
        self._move_selected(request, queryset, WITHDRAWN)

    @admin.action(description=_("Return selected cases to draft"), permissions=["change"])
    def return_to_draft(self, request, queryset):
        self._move_selected(request, queryset, PublicationState.DRAFT)
