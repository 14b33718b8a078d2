"""Taking something off the public site at once: hiding is never delayed.

Showing more to the public waits for a publisher (cases/proposals.py); showing less does
not. Any staff member who may change a row can make it internal (or, with confidential
access, confidential), withdraw a statement, or have a published case withdrawn, and it
takes effect in the caller's transaction: every public surface reads the live tables
through public(), the search documents follow through their triggers, and the public
version moves at commit, so no page, count, feed, export or revalidation shows it after.

Each hiding is recorded twice over: the change itself in the history, under a context
labelled "hidden" with the user and the reason (history/timeline.py shows it), and a
cases.Hiding row for the publishers, who are told by email (once the transaction has
committed) and on the staff home ("Recently hidden").
"""

import contextlib
import logging

import pghistory
import pghistory.runtime
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import RECORD_MODELS, Case, CaseSubject, Hiding, HidingHow, Source, Statement
from cases.services import PUBLISH_PERMISSION, PUBLISHED, WITHDRAWN, case_transition
from core.access import VIEW_CONFIDENTIAL, can_see_confidential
from core.confidential import confidential_rows
from core.models import Visibility
from people.models import NameVariant, Person

logger = logging.getLogger(__name__)

# Rows whose own visibility hides them; a case is hidden by withdrawing it.
VISIBILITY_MODELS = (*RECORD_MODELS, CaseSubject, Source, NameVariant, Person)
HIDEABLE_MODELS = (*VISIBILITY_MODELS, Case)
HISTORY_LABEL = "hidden"  # the pghistory context of the change (history/timeline.py)

# How much each visibility shows: hiding only ever moves down this order.
_SHOWN = {Visibility.PUBLIC: 2, Visibility.INTERNAL: 1, Visibility.CONFIDENTIAL: 0}

NOT_CHANGEABLE = _("This row no longer exists, or you may not change it; nothing was changed.")


def hows(obj, user) -> list[tuple[str, str]]:
    """The ways this user may take `obj` off the public site, as (how, label) choices."""
    if isinstance(obj, Case):
        return [(HidingHow.WITHDRAWN, _("Withdraw the whole case from the public site"))]
    if isinstance(obj, Statement):
        choices = [(HidingHow.WITHDRAWN, _("Withdraw the statement (internal: all staff)"))]
    else:
        choices = [(HidingHow.INTERNAL, _("Internal (all staff)"))]
    if can_see_confidential(user):
        choices.append((HidingHow.CONFIDENTIAL, _("Confidential (named roles only)")))
    return choices


def is_shown(obj) -> bool:
    """Whether a "Take off the public site" button makes sense for `obj`: the row is
    public itself (a case: published). Whether the public sees it also depends on its
    case and links; hiding a public row of an unpublished case is still allowed."""
    if isinstance(obj, Case):
        return obj.publication_state == PUBLISHED and obj.archived_at is None
    return getattr(obj, "visibility", None) == Visibility.PUBLIC


@transaction.atomic
def hide(obj, user, *, how: str, reason: str = "") -> None:
    """Take `obj` off the public site now: a record, case subject, source, name variant
    or person made internal or confidential (`how`), a statement withdrawn (made
    internal), or a published case withdrawn. Raises PermissionDenied when the user may
    not change it, ValidationError when `how` would not hide it; a row already hidden
    that way is left as it is, and nothing is recorded or sent.
    """
    model = type(obj)._meta.concrete_model
    if model not in HIDEABLE_MODELS:
        raise ValidationError(
            _("%(rows)s cannot be taken off the public site here.")
            % {"rows": model._meta.verbose_name_plural}
        )
    if how not in HidingHow.values:
        raise ValidationError(_("“%(how)s” is not a way of hiding.") % {"how": how})
    opts = model._meta
    if not (
        user and user.is_active and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
    ):
        raise PermissionDenied(NOT_CHANGEABLE)
    reason = reason.strip()
    with _hiding_context(user, how, reason):
        if model is Case:
            changed = _withdraw(obj, user, how)
        else:
            changed = _lower_visibility(model, obj, user, how)
        if not changed:
            return
        hiding = Hiding.objects.create(
            hidden_by=user,
            case_id=_case_id(obj),
            content_type=ContentType.objects.get_for_model(model),
            object_id=obj.pk,
            what=str(obj)[:300],
            how=how,
            reason=reason,
            visibility=(
                Visibility.CONFIDENTIAL
                if how == HidingHow.CONFIDENTIAL or _names_confidential(model, obj)
                else Visibility.INTERNAL
            ),
        )
    # Told once the hiding is committed: a rolled-back one tells nobody.
    transaction.on_commit(lambda: tell_publishers(hiding))


def _withdraw(case: Case, user, how: str) -> bool:
    if how != HidingHow.WITHDRAWN:
        raise ValidationError(_("A case is taken off the public site by withdrawing it."))
    if case.publication_state == WITHDRAWN:
        return False
    # The workflow's own move (locked, stamped, checked), allowed to anyone who may change
    # the case because it hides; putting it back goes through review again.
    case_transition(case=case, to_state=WITHDRAWN, user=user, hiding=True)
    return True


def _lower_visibility(model, obj, user, how: str) -> bool:
    if how == HidingHow.WITHDRAWN and model is not Statement:
        raise ValidationError(_("Only a statement or a case can be withdrawn."))
    target = Visibility.CONFIDENTIAL if how == HidingHow.CONFIDENTIAL else Visibility.INTERNAL
    reveal = can_see_confidential(user)
    if target == Visibility.CONFIDENTIAL and not reveal:
        raise PermissionDenied(_("Only staff with confidential access can make rows confidential."))
    # Locked, and only the visibility (and the stamp) written: a form open on the row is
    # then refused by its optimistic lock (core/locking.py) rather than undoing this.
    locked = model._base_manager.select_for_update(of=("self",)).filter(pk=obj.pk)
    if not reveal:
        locked = locked.exclude(confidential_rows(model))
    current = locked.values_list("visibility", flat=True).first()
    if current is None:
        raise PermissionDenied(NOT_CHANGEABLE)
    if _SHOWN[current] == _SHOWN[target]:
        return False
    if _SHOWN[current] < _SHOWN[target]:
        raise ValidationError(
            _("This would show more, not less: making a row more visible is not hiding.")
        )
    values = {"visibility": target}
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        values["updated_at"] = timezone.now()
    model._base_manager.filter(pk=obj.pk).update(**values)
    for name, value in values.items():
        setattr(obj, name, value)
    return True


def _case_id(obj) -> int | None:
    return obj.pk if isinstance(obj, Case) else getattr(obj, "case_id", None)


def _names_confidential(model, obj) -> bool:
    """Whether the row names a confidential row (a subject whose person is confidential):
    then the hiding, which names it, is confidential too."""
    hidden = confidential_rows(model)
    return hidden is not None and model._base_manager.filter(hidden, pk=obj.pk).exists()


@contextlib.contextmanager
def _hiding_context(user, how: str, reason: str):
    """The history context of the hiding's own statements only.

    pghistory merges the metadata of a nested context into the request's for the rest of
    the request; the rest of a mixed save (a proposal, other rows) is not a hiding, so the
    request's metadata is put back once the hiding is written.
    """
    metadata = {"label": HISTORY_LABEL, "how": how, "reason": reason}
    if user is not None:
        metadata["user"] = user.pk
    tracker = getattr(pghistory.runtime._tracker, "value", None)
    if tracker is None:
        with pghistory.context(**metadata):
            yield
        return
    saved = dict(tracker.metadata)
    tracker.metadata.update(metadata)
    try:
        yield
    finally:
        tracker.metadata.clear()
        tracker.metadata.update(saved)


# Telling the publishers.


def publishers(*, confidential: bool) -> models.QuerySet:
    """Active staff who may publish (and, for a confidential hiding, see confidential
    rows), with an address, in one query."""
    users = get_user_model()._default_manager
    found = users.filter(is_active=True, is_staff=True).exclude(email="")
    for permission in [PUBLISH_PERMISSION, *([VIEW_CONFIDENTIAL] if confidential else [])]:
        app_label, codename = permission.split(".")
        own = {"content_type__app_label": app_label, "codename": codename}
        holders = users.filter(
            Q(**{f"user_permissions__{key}": value for key, value in own.items()})
            | Q(**{f"groups__permissions__{key}": value for key, value in own.items()})
        )
        found = found.filter(Q(is_superuser=True) | Q(pk__in=holders.values("pk")))
    return found.order_by("pk")


def tell_publishers(hiding: Hiding) -> int:
    """Email every publisher who may see it that `hiding` happened; returns how many
    messages were sent. A mail server that is down does not undo the hiding: the staff
    home lists it whatever happens to the mail."""
    from django.core.mail import EmailMessage, get_connection

    from cases.hiding_mail import message_for

    recipients = list(
        publishers(confidential=hiding.visibility == Visibility.CONFIDENTIAL).values_list(
            "email", flat=True
        )
    )
    if not recipients:
        return 0
    subject, body = message_for(hiding)
    messages = [EmailMessage(subject, body, to=[address]) for address in recipients]
    try:
        return get_connection().send_messages(messages) or 0
    except OSError:
        logger.exception("Could not tell the publishers about hiding %s", hiding.pk)
        return 0
