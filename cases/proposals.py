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

from collections.abc import Iterable
from dataclasses import dataclass, field

import pghistory
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Prefetch
from django.forms.formsets import all_valid
from django.http import HttpRequest, QueryDict
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from cases.models import (
    RECORD_MODELS,
    Case,
    CaseSubject,
    ChangeProposal,
    ProposalState,
    Source,
)
from core.access import can_see_confidential
from core.models import Visibility
from organizations.models import Affiliation, Organization
from people.models import NameVariant, Person

PUBLISH_PERMISSION = "cases.publish_case"
# Posted keys that are not the page's data: the proposal replays the page, not the click.
NOT_DATA = {"csrfmiddlewaretoken", "_save", "_continue", "_addanother", "_saveasnew"}
HIDDEN_LABEL = _("(confidential)")
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


# What the public sees of one page's object: querysets through `public()`, each row with
# its PUBLIC_FIELDS. Reading the public state by the same querysets as the public
# surfaces is what makes "no visible difference" mean no review is needed.


def _with_labels(queryset):
    """The queryset with the related rows its public fields name loaded in a fixed number
    of queries (many-to-many: only rows public by their own visibility, as shown)."""
    model = queryset.model
    fks, m2m = [], []
    for name in model.PUBLIC_FIELDS:
        f = model._meta.get_field(name)
        if f.many_to_many:
            related = f.related_model
            shown = related._base_manager.filter(visibility=Visibility.PUBLIC)
            if hasattr(related, "archived_at"):
                shown = shown.filter(archived_at__isnull=True)
            m2m.append(Prefetch(name, queryset=shown))
        elif f.many_to_one:
            fks.append(name)
    return queryset.select_related(*fks).prefetch_related(*m2m)


def case_scope(case) -> list[models.QuerySet]:
    """Everything a published case's page shows, read as the public reads it."""
    people = Person.objects.public().filter(case_roles__case=case).distinct()
    return [
        Case.objects.public().filter(pk=case.pk),
        CaseSubject.objects.public().filter(Person.objects.points_public("person"), case=case),
        *(model.objects.public().filter(case=case) for model in RECORD_MODELS),
        Source.objects.public().filter(_cited(case=case)),
        people,
        NameVariant.objects.public().filter(person__in=people.values("pk")),
    ]


def person_scope(person) -> list[models.QuerySet]:
    """A person as the public reads them: only while a published case shows them."""
    shown = Person.objects.public().filter(pk=person.pk)
    return [
        shown,
        NameVariant.objects.public().filter(person__in=shown.values("pk")),
        Affiliation.objects.public()
        .filter(person__in=shown.values("pk"))
        .filter(Organization.objects.points_public("organization_id")),
    ]


def organization_scope(organization) -> list[models.QuerySet]:
    shown = Organization.objects.public().filter(pk=organization.pk)
    return [
        shown,
        Affiliation.objects.public()
        .filter(organization__in=shown.values("pk"))
        .filter(Person.objects.points_public("person_id")),
    ]


def affiliation_scope(affiliation) -> list[models.QuerySet]:
    return [
        Affiliation.objects.public()
        .filter(pk=affiliation.pk)
        .filter(Person.objects.points_public("person_id"))
        .filter(Organization.objects.points_public("organization_id"))
    ]


def _cited(**records) -> models.Q:
    """Sources that public records (of published cases; filtered by `records`) cite: the
    sources a public page shows."""
    cited = models.Q(pk__in=[])
    for model in RECORD_MODELS:
        public = model.objects.public().filter(**records)
        cited |= models.Q(pk__in=model.sources.through.objects.filter(
            **{f"{model._meta.model_name}__in": public}
        ).values("source_id"))  # fmt: skip
    return cited


def source_scope(source) -> list[models.QuerySet]:
    """A source is shown where a public record of a published case cites it."""
    return [Source.objects.public().filter(_cited(), pk=source.pk)]


def public_among(model, pks) -> set:
    """Which of these rows some public surface shows now (for checks over many rows)."""
    if model is Source:
        rows = Source.objects.public().filter(_cited())
    elif model is NameVariant:
        rows = NameVariant.objects.public().filter(person__in=Person.objects.public())
    elif model is Affiliation:
        rows = Affiliation.objects.public().filter(
            Person.objects.points_public("person_id"),
            Organization.objects.points_public("organization_id"),
        )
    elif model in (Case, CaseSubject, Person, Organization, *RECORD_MODELS):
        rows = model.objects.public()
    else:
        return set()
    return set(rows.filter(pk__in=list(pks)).values_list("pk", flat=True))


def scope_for(obj) -> list[models.QuerySet]:
    """The public rows a save of `obj` (on its own admin page) may change."""
    if obj.pk is None and isinstance(obj, Case | Person | Organization | Source):
        return []  # a new one: no published case shows it yet
    if isinstance(obj, Case):
        return case_scope(obj)
    if isinstance(obj, (CaseSubject, *RECORD_MODELS)):
        return case_scope(obj.case) if obj.case_id else []
    if isinstance(obj, Person):
        return person_scope(obj)
    if isinstance(obj, NameVariant):
        return person_scope(obj.person) if obj.person_id else []
    if isinstance(obj, Organization):
        return organization_scope(obj)
    if isinstance(obj, Affiliation):
        return affiliation_scope(obj)
    if isinstance(obj, Source):
        return source_scope(obj)
    raise LookupError(f"No public scope for {type(obj).__name__}")


def _label(row) -> str:
    if getattr(row, "visibility", None) == Visibility.CONFIDENTIAL:
        return str(HIDDEN_LABEL)  # a publisher without confidential access reads the diff
    return str(row)


def _value(row, f) -> tuple[str, str]:
    """(what is compared, what is shown) of one public field."""
    if f.many_to_many:
        related = sorted(getattr(row, f.name).all(), key=lambda r: r.pk)
        return ",".join(str(r.pk) for r in related), ", ".join(_label(r) for r in related)
    if f.many_to_one:
        target = getattr(row, f.name)
        if target is None:
            return "", ""
        return str(target.pk), _label(target)
    value = getattr(row, f.attname)
    if f.choices:
        return str(value), str(getattr(row, f"get_{f.name}_display")())
    if isinstance(value, list):
        return repr(value), ", ".join(map(str, value))
    shown = "" if value is None else f.value_to_string(row)
    return shown, shown


def snapshot(scope: Iterable[models.QuerySet]) -> dict:
    """{"label.model:pk": {"": row label, field: [compared, shown]}} of every public row."""
    state = {}
    for queryset in scope:
        model = queryset.model
        fields = [model._meta.get_field(name) for name in model.PUBLIC_FIELDS]
        for row in _with_labels(queryset):
            values = {f.name: list(_value(row, f)) for f in fields}
            state[f"{model._meta.label_lower}:{row.pk}"] = {"": _label(row), **values}
    return state


@dataclass
class Diff:
    entries: list[dict] = field(default_factory=list)

    @property
    def shows_more(self) -> bool:
        """A public value appears or changes: anything but rows taken off the site."""
        return any(entry["kind"] != "removed" for entry in self.entries)

    @property
    def removed(self) -> list[str]:
        return [entry["key"] for entry in self.entries if entry["kind"] == "removed"]


def compare(before: dict, after: dict) -> Diff:
    """Field by field: {key, object, field, before, after, kind} for each public change."""
    entries = []
    for key in sorted(before.keys() | after.keys(), key=_order):
        old, new = before.get(key), after.get(key)
        model = _model(key)
        if new is None:
            entries.append(_entry(key, old[""], "", _("on the public site"), "", "removed"))
            continue
        for name, (value, shown) in ((n, v) for n, v in new.items() if n != ""):
            was_value, was_shown = old[name] if old is not None else ("", "")
            if value != was_value:
                verbose = str(model._meta.get_field(name).verbose_name)
                kind = "added" if old is None else "changed"
                entries.append(_entry(key, new[""], verbose, was_shown, shown, kind))
    return Diff(entries)


def _order(key: str):
    label, pk = key.rsplit(":", 1)
    return (label != "cases.case", label, int(pk))


def _model(key: str):
    from django.apps import apps

    return apps.get_model(key.rsplit(":", 1)[0])


def _entry(key, label, name, before, after, kind) -> dict:
    model = _model(key)
    return {
        "key": key,
        "object": f"{str(model._meta.verbose_name).capitalize()}: {label}",
        "field": str(name),
        "before": before,
        "after": after,
        "kind": kind,
    }


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
        return [str(_("The row is gone, or its proposer may no longer change it."))]
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
