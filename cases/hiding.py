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
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from cases.models import RECORD_MODELS, Case, CaseSubject, Hiding, HidingHow, Source, Statement
from cases.services import (
    PUBLISH_PERMISSION,
    PUBLISHED,
    WITHDRAWN,
    case_transition,
    locked_visibilities,
)
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
    hide_all([obj], user, how=how, reason=reason)


@transaction.atomic
def hide_all(rows, user, *, how: str, reason: str = "") -> int:
    """hide() for many rows of one model at once (a list's action), all or nothing: one
    update, one Hiding per row changed, one message per publisher. Returns how many rows
    were taken off."""
    if isinstance(rows, models.QuerySet):  # each row is named (str) in its Hiding
        named = [f.name for f in rows.model._meta.concrete_fields if f.many_to_one]
        rows = rows.select_related(*named)
    rows = list(rows)
    if not rows:
        return 0
    model = type(rows[0])._meta.concrete_model
    if model not in HIDEABLE_MODELS or any(
        type(row)._meta.concrete_model is not model for row in rows
    ):
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
            changed = [case for case in rows if _withdraw(case, user, how)]
        else:
            changed = _lower_visibility(model, rows, user, how)
        if not changed:
            return 0
        secret = _naming_confidential(model, [row.pk for row in changed])
        content_type = ContentType.objects.get_for_model(model)
        hidings = Hiding.objects.bulk_create(
            Hiding(
                hidden_by=user,
                case_id=_case_id(row),
                content_type=content_type,
                object_id=row.pk,
                what=str(row)[:300],
                how=how,
                reason=reason,
                visibility=(
                    Visibility.CONFIDENTIAL
                    if how == HidingHow.CONFIDENTIAL or row.pk in secret
                    else Visibility.INTERNAL
                ),
            )
            for row in changed
        )
    # Told once the hiding is committed: a rolled-back one tells nobody.
    transaction.on_commit(lambda: tell_publishers(hidings))
    return len(hidings)


def _withdraw(case: Case, user, how: str) -> bool:
    if how != HidingHow.WITHDRAWN:
        raise ValidationError(_("A case is taken off the public site by withdrawing it."))
    if case.publication_state == WITHDRAWN:
        return False
    # The workflow's own move (locked, stamped, checked), allowed to anyone who may change
    # the case because it hides; putting it back goes through review again.
    case_transition(case=case, to_state=WITHDRAWN, user=user, hiding=True)
    return True


def _lower_visibility(model, rows: list, user, how: str) -> list:
    """Give `rows` the visibility `how` asks, all or nothing; returns the rows changed."""
    if how == HidingHow.WITHDRAWN and model is not Statement:
        raise ValidationError(_("Only a statement or a case can be withdrawn."))
    target = Visibility.CONFIDENTIAL if how == HidingHow.CONFIDENTIAL else Visibility.INTERNAL
    reveal = can_see_confidential(user)
    if target == Visibility.CONFIDENTIAL and not reveal:
        raise PermissionDenied(_("Only staff with confidential access can make rows confidential."))
    current = locked_visibilities(model, {row.pk for row in rows}, reveal)
    if any(_SHOWN[visibility] < _SHOWN[target] for visibility in current.values()):
        raise ValidationError(
            _("This would show more, not less: making a row more visible is not hiding.")
        )
    changing = [row for row in rows if current[row.pk] != target]
    if not changing:
        return []
    values = {"visibility": target}
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        values["updated_at"] = timezone.now()
    model._base_manager.filter(pk__in=[row.pk for row in changing]).update(**values)
    for row in changing:
        for name, value in values.items():
            setattr(row, name, value)
    return changing


def _case_id(obj) -> int | None:
    return obj.pk if isinstance(obj, Case) else getattr(obj, "case_id", None)


def _naming_confidential(model, pks: list) -> set:
    """The rows that name a confidential row (a subject whose person is confidential):
    the hiding, which names them too, is confidential."""
    hidden = confidential_rows(model)
    if hidden is None:
        return set()
    return set(model._base_manager.filter(hidden, pk__in=pks).values_list("pk", flat=True))


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


# accounts.StaffPreferences(user, language): the admin language a member of staff chose.
LANGUAGE_LOOKUP = "staff_preferences"


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


def recipients(*, confidential: bool) -> dict[str, str]:
    """Each publisher's address → the language they read the admin in (their staff
    preference, else the site's default), in one query."""
    users = publishers(confidential=confidential)
    if LANGUAGE_LOOKUP in {f.name for f in users.model._meta.get_fields()}:
        rows = users.values_list("email", f"{LANGUAGE_LOOKUP}__language")
    else:  # before accounts.StaffPreferences exists
        rows = users.values_list("email", models.Value(""))
    return {email: language or settings.LANGUAGE_CODE for email, language in rows}


def tell_publishers(hidings: list[Hiding]) -> int:
    """Email every publisher what of `hidings` they may see (a confidential hiding only
    to those with confidential access), one message each; returns how many were sent. A
    mail server that is down does not undo the hiding: the staff home lists it whatever
    happens to the mail."""
    from django.core.mail import EmailMessage, get_connection

    from cases.hiding_mail import loaded, message_for

    hidings = loaded(hidings)
    secret = [h for h in hidings if h.visibility == Visibility.CONFIDENTIAL]
    told = {False: [h for h in hidings if h not in secret], True: hidings}
    addresses = {False: recipients(confidential=False)}
    addresses[True] = recipients(confidential=True) if secret else {}
    # At most one message per (confidential or not, language), each written in the
    # language its readers chose for the admin.
    written = {}
    messages = []
    for address in sorted(addresses[False].keys() | addresses[True].keys()):
        reveal = address in addresses[True]
        if told[reveal]:
            language = addresses[reveal][address]
            if (reveal, language) not in written:
                with translation.override(language):
                    written[reveal, language] = message_for(told[reveal])
            subject, body = written[reveal, language]
            messages.append(EmailMessage(subject, body, to=[address]))
    if not messages:
        return 0
    try:
        return get_connection().send_messages(messages) or 0
    except OSError:
        logger.exception("Could not tell the publishers about hidings %s", [h.pk for h in hidings])
        return 0
