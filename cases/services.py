"""Workflows on cases: the publication workflow and the visibility of many rows at once, in
one place for the admin and any other caller."""

from collections.abc import Iterable
from dataclasses import dataclass

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cases.checklist import Item, publication_checklist, summary_of
from cases.models import RECORD_MODELS, Acknowledgement, Case, CaseSubject, PublicationState, Source
from core.access import can_see_confidential
from core.confidential import confidential_rows
from core.models import Visibility

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
# publishers put a case on the public site or take it off. A publisher may publish a
# draft they entered themselves: they are its reviewer, and the checklist still comes
# first. A withdrawn case goes through review again.
TRANSITIONS = (
    Transition(DRAFT, IN_REVIEW, EDIT_PERMISSION, _("Submit for review")),
    Transition(DRAFT, PUBLISHED, PUBLISH_PERMISSION, _("Publish")),
    Transition(IN_REVIEW, DRAFT, EDIT_PERMISSION, _("Return to draft")),
    Transition(IN_REVIEW, PUBLISHED, PUBLISH_PERMISSION, _("Publish")),
    Transition(PUBLISHED, WITHDRAWN, PUBLISH_PERMISSION, _("Withdraw")),
    Transition(WITHDRAWN, IN_REVIEW, EDIT_PERMISSION, _("Submit for review")),
    Transition(WITHDRAWN, DRAFT, EDIT_PERMISSION, _("Return to draft")),
)
_BY_STATES = {(t.source, t.target): t for t in TRANSITIONS}

# Moves that show more to the public, or ask a publisher to: the checklist comes first.
CHECKED_TARGETS = (IN_REVIEW, PUBLISHED)


class ChecklistOpen(ValidationError):
    """The move waits: checklist items are neither resolved nor acknowledged (`items`)."""

    def __init__(self, items: list[Item], to_state: str):
        self.items, self.to_state = items, to_state
        count = len(items)
        message = ngettext(
            "%(count)d item to check before the case can become %(state)s: %(items)s.",
            "%(count)d items to check before the case can become %(state)s: %(items)s.",
            count,
        ) % {"count": count, "state": _label(to_state), "items": summary_of(items)}
        super().__init__(message, code="checklist_open")


def _label(state: str) -> str:
    return PublicationState(state).label.lower()


def check_transition(*, case: Case, to_state: str, user, hiding: bool = False) -> None:
    """Raise ValidationError for a move the workflow forbids, PermissionDenied for one the
    user may not make; return None when the move is allowed.

    With `hiding`, withdrawing a published case needs only the permission to change it:
    taking something off the public site is never delayed (cases/hiding.py tells the
    publishers)."""
    source = case.publication_state
    if to_state not in PublicationState.values:
        raise ValidationError(_("“%(state)s” is not a publication state.") % {"state": to_state})
    if case.archived_at is not None:
        raise ValidationError(
            _(
                "This case is archived: an administrator must restore it before its "
                "publication state can change."
            )
        )
    if source == to_state:
        raise ValidationError(_("The case is already %(state)s.") % {"state": _label(source)})
    transition = _BY_STATES.get((source, to_state))
    if transition is None:
        allowed = ", ".join(_label(t.target) for t in TRANSITIONS if t.source == source)
        raise ValidationError(
            _("A case that is %(state)s cannot become %(target)s (it can become: %(allowed)s).")
            % {"state": _label(source), "target": _label(to_state), "allowed": allowed}
        )
    permission = transition.permission
    if hiding and transition.target == WITHDRAWN:
        permission = EDIT_PERMISSION
    if not (user and user.is_active and user.has_perm(permission)):
        if permission == PUBLISH_PERMISSION:
            raise PermissionDenied(_("Only publishers can publish or withdraw a case."))
        raise PermissionDenied(_("You do not have permission to change this case."))


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
def case_transition(
    *, case: Case, to_state: str, user, acknowledged: Iterable[str] = (), hiding: bool = False
) -> Case:
    """Move a saved case to `to_state`, stamping when and by whom, or raise and change nothing.

    The row is locked first, so two people publishing and withdrawing at the same moment
    are checked one after the other against the state the other left. A move to review or
    to publication first computes the case's checklist (cases/checklist.py, as this user
    sees it): ChecklistOpen while an item's key is not in `acknowledged`; the items that
    were acknowledged are recorded, with the user, in the move's own transaction.
    `hiding`: a withdrawal requested through cases.hiding.hide() (see check_transition).
    """
    if case.pk is None:
        raise ValueError("Save the case before changing its publication state.")
    locked = Case.objects.select_for_update().only(
        "publication_state", "archived_at", "published_at"
    )
    current = locked.get(pk=case.pk)
    check_transition(case=current, to_state=to_state, user=user, hiding=hiding)
    if to_state in CHECKED_TARGETS:
        _acknowledge(case, to_state, user, set(acknowledged))
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


def _acknowledge(case: Case, to_state: str, user, acknowledged: set[str]) -> None:
    """Raise ChecklistOpen for items not acknowledged; record those that were."""
    items = publication_checklist(case, user)
    open_items = [item for item in items if item.key not in acknowledged]
    if open_items:
        raise ChecklistOpen(open_items, to_state)
    # The request's context already names the user; a caller outside a request gets it too.
    with pghistory.context(user=user.pk):
        Acknowledgement.objects.bulk_create(
            Acknowledgement(
                case_id=case.pk,
                key=item.key,
                item=item.text,
                moved_to=to_state,
                acknowledged_by=user,
                visibility=Visibility.CONFIDENTIAL if item.confidential else Visibility.INTERNAL,
            )
            for item in items
        )


# The visibility of many rows at once: the checklist's "Make public", the record lists'
# actions. Rows of other models are refused rather than skipped.
VISIBILITY_MODELS = (*RECORD_MODELS, CaseSubject, Source)

NOT_CHANGEABLE = _(
    "Some of these rows no longer exist, or you may not change them; nothing was changed."
)
NEEDS_PUBLISHER = _(
    "Nothing was changed: making rows of a published case public waits for a publisher. "
    "Change them on the case's page, where the change is kept as a proposal for review."
)


def _shown_by_published_case(model, pks) -> bool:
    """Whether making these rows public would show them on a published case's page."""
    rows = model._base_manager.filter(pk__in=pks)
    if model is Source:
        cited = Q(pk__in=[])
        for record in RECORD_MODELS:
            links = record.sources.through.objects.filter(
                **{f"{record._meta.model_name}__case__in": Case.objects.public()}
            )
            cited |= Q(pk__in=links.values("source_id"))
        return rows.filter(cited).exists()
    return rows.filter(case__in=Case.objects.public()).exists()


def locked_visibilities(model, pks: set, reveal: bool) -> dict:
    """The visibility of each row of `pks`, locked until the transaction ends, so that
    only the visibility (and the stamp) is then written and a form open on a row is
    refused by its optimistic lock (core/locking.py) instead of undoing the change.
    PermissionDenied when a row is gone, or confidential and `reveal` is False."""
    locked = model._base_manager.select_for_update(of=("self",)).filter(pk__in=pks)
    if not reveal:
        locked = locked.exclude(confidential_rows(model))
    current = dict(locked.values_list("pk", "visibility"))
    if current.keys() != set(pks):
        raise PermissionDenied(NOT_CHANGEABLE)
    return current


@transaction.atomic
def set_visibility(*, records, visibility: str, user, expected: str | None = None) -> int:
    """Give every row of `records` (instances or querysets of case records, subjects or
    sources) the visibility `visibility`, all or nothing; returns how many rows changed.

    Confidential stays an explicit choice: only staff with confidential access make a row
    confidential or change a confidential one (for others such a row is refused exactly
    like a missing one, so the error tells nothing). With `expected`, a row whose visibility
    is no longer that one (someone changed it since the page was drawn) refuses the whole
    change. The rows are locked first, and only `visibility` (and the stamp) is written,
    so a staff form open on one of them is refused by its optimistic lock (core/locking.py)
    rather than overwriting the change or being overwritten by it. Each change is recorded
    in the history with the user.
    """
    if visibility not in Visibility.values:
        raise ValidationError(_("“%(value)s” is not a visibility.") % {"value": visibility})
    reveal = can_see_confidential(user)
    if visibility == Visibility.CONFIDENTIAL and not reveal:
        raise PermissionDenied(_("Only staff with confidential access can make rows confidential."))
    wanted: dict[type[models.Model], set] = {}
    for part in [records] if isinstance(records, models.QuerySet) else records:
        if isinstance(part, models.QuerySet):
            pks = part.values_list("pk", flat=True)
            wanted.setdefault(part.model._meta.concrete_model, set()).update(pks)
        else:
            wanted.setdefault(type(part)._meta.concrete_model, set()).add(part.pk)
    changed = 0
    now = timezone.now()
    with pghistory.context(user=user.pk if user else None):
        for model, pks in wanted.items():
            if model not in VISIBILITY_MODELS:
                raise ValidationError(
                    _("%(rows)s have no visibility to change here.")
                    % {"rows": model._meta.verbose_name_plural}
                )
            opts = model._meta
            if not (
                user
                and user.is_active
                and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
            ):
                raise PermissionDenied(NOT_CHANGEABLE)
            current = locked_visibilities(model, pks, reveal)
            if (
                visibility == Visibility.PUBLIC
                and not user.has_perm(PUBLISH_PERMISSION)
                and _shown_by_published_case(model, pks)
            ):
                # Showing waits for a publisher (cases/proposals.py); hiding never does.
                raise PermissionDenied(NEEDS_PUBLISHER)
            if expected is not None and any(v != expected for v in current.values()):
                raise ValidationError(
                    _(
                        "Someone changed the visibility of some of these rows since the page "
                        "was shown; nothing was changed. Reload the page and try again."
                    )
                )
            moving = [
                pk for pk, current_visibility in current.items() if current_visibility != visibility
            ]
            changed += model._base_manager.filter(pk__in=moving).update(
                visibility=visibility, updated_at=now
            )
    return changed
