"""Workflows on cases: the publication workflow, in one place for the admin and any other caller."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cases.models import Case, PublicationState

DRAFT = PublicationState.DRAFT
IN_REVIEW = PublicationState.IN_REVIEW
PUBLISHED = PublicationState.PUBLISHED
WITHDRAWN = PublicationState.WITHDRAWN

PUBLISH_PERMISSION = "cases.publish_case"
EDIT_PERMISSION = "cases.change_case"


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    permission: str
    label: str  # what the button or action says


# Editors move cases between draft and review (and rework a withdrawn one); only
# publishers put a case on the public site or take it off.
TRANSITIONS = (
    Transition(DRAFT, IN_REVIEW, EDIT_PERMISSION, "Submit for review"),
    Transition(IN_REVIEW, DRAFT, EDIT_PERMISSION, "Return to draft"),
    Transition(IN_REVIEW, PUBLISHED, PUBLISH_PERMISSION, "Publish"),
    Transition(PUBLISHED, WITHDRAWN, PUBLISH_PERMISSION, "Withdraw"),
    Transition(WITHDRAWN, IN_REVIEW, EDIT_PERMISSION, "Submit for review"),
    Transition(WITHDRAWN, DRAFT, EDIT_PERMISSION, "Return to draft"),
)
_BY_STATES = {(t.source, t.target): t for t in TRANSITIONS}


def _label(state: str) -> str:
    return PublicationState(state).label.lower()


def check_transition(*, case: Case, to_state: str, user) -> None:
    """Raise ValidationError for a move the workflow forbids, PermissionDenied for one the
    user may not make; return None when the move is allowed."""
    source = case.publication_state
    if to_state not in PublicationState.values:
        raise ValidationError(f"“{to_state}” is not a publication state.")
    if case.archived_at is not None:
        raise ValidationError(
            "This case is archived: an administrator must restore it before its publication "
            "state can change."
        )
    if source == to_state:
        raise ValidationError(f"The case is already {_label(source)}.")
    transition = _BY_STATES.get((source, to_state))
    if transition is None:
        allowed = ", ".join(_label(t.target) for t in TRANSITIONS if t.source == source)
        raise ValidationError(
            f"A case that is {_label(source)} cannot become {_label(to_state)} "
            f"(it can become: {allowed})."
        )
    if not (user and user.is_active and user.has_perm(transition.permission)):
        if transition.permission == PUBLISH_PERMISSION:
            raise PermissionDenied("Only publishers can publish or withdraw a case.")
        raise PermissionDenied("You do not have permission to change this case.")


def available_transitions(*, case: Case, user) -> list[Transition]:
    """The moves this user may make from the case's current state, for buttons and actions."""
    allowed = []
    for transition in TRANSITIONS:
        if transition.source != case.publication_state:
            continue
        try:
            check_transition(case=case, to_state=transition.target, user=user)
        except (ValidationError, PermissionDenied):
            continue
        allowed.append(transition)
    return allowed


@transaction.atomic
def case_transition(*, case: Case, to_state: str, user) -> Case:
    """Move a saved case to `to_state`, stamping when and by whom, or raise and change nothing.

    The row is locked first, so two people publishing and withdrawing at the same moment
    are checked one after the other against the state the other left.
    """
    if case.pk is None:
        raise ValueError("Save the case before changing its publication state.")
    locked = Case.objects.select_for_update().only(
        "publication_state", "archived_at", "published_at"
    )
    current = locked.get(pk=case.pk)
    check_transition(case=current, to_state=to_state, user=user)
    now = timezone.now()
    case.publication_state = to_state
    case.state_changed_at = now
    case.state_changed_by = user
    fields = ["publication_state", "state_changed_at", "state_changed_by", "updated_at"]
    # The first publication fixes the public address for good (the slug becomes read-only).
    if to_state == PUBLISHED and current.published_at is None:
        case.published_at = now
        fields.append("published_at")
    case.save(update_fields=fields)
    return case
