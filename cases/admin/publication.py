"""Publishing from the admin: buttons on the case page, actions on the case list.

The state is never a form field: the buttons ("Save and submit for review", "Save and
publish", "Save and withdraw", "Save and return to draft") save the page and then call
cases.services.case_transition, and each user sees only the moves their role allows. A
move the user may not make, even posted by hand, is refused with a form error and nothing
is saved.
"""

from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse

from cases.models import Case, PublicationState
from cases.services import (
    IN_REVIEW,
    PUBLISH_PERMISSION,
    PUBLISHED,
    WITHDRAWN,
    available_transitions,
    case_transition,
    check_transition,
)

TRANSITION_VAR = "_transition"
PUBLICATION_FIELDS = ("publication_state", "published_at", "state_changed_at", "state_changed_by")
PUBLICATION_FIELDSET = (
    "Publication",
    {
        "fields": ("publication_state", "published_at", ("state_changed_at", "state_changed_by")),
        "description": "Change the state with the buttons at the bottom of the page.",
    },
)


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or "You do not have permission to do this."


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
        context["publication_transitions"] = (
            available_transitions(case=case, user=request.user) if may_edit and not popup else []
        )
        context["transition_var"] = TRANSITION_VAR
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        target = request.POST.get(TRANSITION_VAR)
        if target:
            case_transition(case=obj, to_state=target, user=request.user)

    def response_add(self, request, obj, post_url_continue=None):
        if request.POST.get(TRANSITION_VAR) and IS_POPUP_VAR not in request.POST:
            return self._moved(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if request.POST.get(TRANSITION_VAR) and IS_POPUP_VAR not in request.POST:
            return self._moved(request, obj)
        return super().response_change(request, obj)

    def _moved(self, request, obj):
        """Back to the case, to see its new state (and its public page once published)."""
        state = obj.get_publication_state_display().lower()
        self.message_user(request, f"The case “{obj}” was saved and is now {state}.")
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
                        refused.append(f"“{case}”: {_reason(error)}")
                if refused:
                    raise _Refused
        except _Refused:
            self.message_user(request, "No case was changed. " + " ".join(refused), messages.ERROR)
            return
        state = PublicationState(to_state).label.lower()
        noun = "case is" if moved == 1 else "cases are"
        self.message_user(request, f"{moved} {noun} now {state}.", messages.SUCCESS)

    @admin.action(description="Submit selected cases for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._move_selected(request, queryset, IN_REVIEW)

    @admin.action(description="Publish selected cases", permissions=["publish"])
    def publish(self, request, queryset):
        self._move_selected(request, queryset, PUBLISHED)

    @admin.action(
        description="Withdraw selected cases from the public site", permissions=["publish"]
    )
    def withdraw(self, request, queryset):
        self._move_selected(request, queryset, WITHDRAWN)

    @admin.action(description="Return selected cases to draft", permissions=["change"])
    def return_to_draft(self, request, queryset):
        self._move_selected(request, queryset, PublicationState.DRAFT)
