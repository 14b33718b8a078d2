"""The history of one record and of the rows that belong to it, newest first, page by page.

A record's timeline joins its own events with those of its dependents: the rows whose
foreign key to it cascades (a case's subjects and records; a person's names, relations,
contacts, roles and links to records) and, one level further, theirs (the people and
sources linked to each record of a case). Events of deleted rows are found through the
event tables, so nothing drops out of the timeline when a row goes.

Staff without confidential access (core.access) never receive the events of a row that
is, or ever was, confidential, nor of a link to one, where confidential is the admin's rule
(core.confidential: a row's own visibility, or a confidential row it names through a
foreign key, such as an affiliation with a confidential organization); fields a model lists in
CONFIDENTIAL_FIELDS read "hidden". Both are filtered in SQL, so counts and pages reveal
nothing either.

A page runs a fixed number of queries whatever the number of events: a count, the page of
events (each update with the state before it), one query per kind of row the page names,
and one for the users.
"""

import itertools
import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import connection, models
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.access import can_see_confidential
from core.confidential import confidential_rows
from core.models import Visibility
from history.models import EVENT_MODELS

HIDDEN = "hidden"
OPERATIONS = {
    "insert": _("Created"),
    "update": _("Changed"),
    "delete": _("Deleted"),
    "baseline": _("As it was when history began"),
}
LINK_OPERATIONS = {
    "insert": _("Linked"),
    "update": _("Link changed"),
    "delete": _("Unlinked"),
    "baseline": _("Linked when history began"),
}
NOT_RECORDED = _("(not recorded)")
# The context label of a change that took something off the public site (cases/hiding.py).
HIDDEN_LABEL = "hidden"
TAKEN_OFF = _("Taken off the public site")

EVENT_MODELS_BY_LABEL = {events._meta.label: events for events in EVENT_MODELS.values()}


@dataclass(frozen=True)
class Change:
    field: str
    before: str = ""
    after: str = ""


@dataclass
class Entry:
    when: object
    who: str
    url: str
    operation: str
    action: str
    record: str
    changes: list[Change] = field(default_factory=list)
    # Why, when the change took something off the public site (cases/hiding.py).
    reason: str = ""


@dataclass(frozen=True)
class Stream:
    """The events of one tracked model that belong to the timeline: `condition` on alias e."""

    model: type[models.Model]
    condition: str
    params: tuple


def _qn(name: str) -> str:
    return connection.ops.quote_name(name)


def _has_obj(model) -> bool:
    return not model._meta.auto_created


def _concrete(model):
    return model._meta.concrete_model


def _cascading_keys(child, parent) -> list[models.ForeignKey]:
    return [
        f
        for f in child._meta.concrete_fields
        if f.many_to_one
        and _concrete(f.related_model) is parent
        and f.remote_field.on_delete is models.CASCADE
    ]


def _target_columns(model) -> tuple[str, str] | None:
    """(content type column, row column) of a model whose rows are about any one row,
    through `content_type` and `object_id` (a proposed change), else None."""
    try:
        content_type = model._meta.get_field("content_type")
        row = model._meta.get_field("object_id")
    except FieldDoesNotExist:
        return None
    if not content_type.many_to_one or content_type.related_model is not ContentType:
        return None
    return content_type.column, row.column


def _about(root, pk) -> list[Stream]:
    """The events of rows about the record by content type and id (a proposal on a
    person or an organization), unless they reach it by a cascading key already (a
    case's proposals carry the case)."""
    streams = []
    for model in EVENT_MODELS:
        columns = _target_columns(model)
        if columns is None or model is root or _cascading_keys(model, root):
            continue
        content_type = ContentType.objects.get_for_model(root, for_concrete_model=True)
        condition = f"e.{_qn(columns[0])} = %s AND e.{_qn(columns[1])} = %s"
        streams.append(Stream(model, condition, (content_type.pk, pk)))
    return streams


def streams_for(obj) -> list[Stream]:
    """The record's own events, its dependents' and their dependents', and the events of
    rows about it (_about)."""
    root = _concrete(type(obj))
    if root not in EVENT_MODELS or not _has_obj(root):
        raise ImproperlyConfigured(f"{root._meta.label} has no history (history/models.py).")
    streams = [Stream(root, "e.pgh_obj_id = %s", (obj.pk,)), *_about(root, obj.pk)]
    for child in EVENT_MODELS:
        keys = _cascading_keys(child, root)
        if not keys or child is root:
            continue
        condition = " OR ".join(f"e.{_qn(k.column)} = %s" for k in keys)
        streams.append(Stream(child, condition, (obj.pk,) * len(keys)))
        child_ids = "SELECT c.{pk} FROM {table} c WHERE {condition}".format(
            pk=_qn(child._meta.pk.column),
            table=_qn(EVENT_MODELS[child]._meta.db_table),
            condition=" OR ".join(f"c.{_qn(k.column)} = %s" for k in keys),
        )
        for grandchild in EVENT_MODELS:
            grand_keys = _cascading_keys(grandchild, child)
            if not grand_keys or grandchild in (root, child):
                continue
            condition = " OR ".join(f"e.{_qn(k.column)} IN ({child_ids})" for k in grand_keys)
            streams.append(Stream(grandchild, condition, (obj.pk,) * len(keys) * len(grand_keys)))
    return streams


def ever_confidential(model, key: str, aliases, path=frozenset()) -> tuple[str, list] | None:
    """SQL true when the row of `model` whose id is the SQL `key` is confidential to staff
    without access now (core.confidential: its visibility, or a confidential row it names)
    or was in any recorded version (its visibility then, or a row it named then that is,
    or ever was, confidential); None when rows of `model` cannot be confidential.

    Every version counts, not only the one an event shows: an update lists the version
    before it, and a row confidential only through what it names (an internal affiliation
    with an organization made confidential later) has no event of its own to say so.
    """
    model = _concrete(model)
    hidden = confidential_rows(model)
    if hidden is None:
        return None
    now = model._base_manager.filter(hidden, pk=RawSQL(key, ())).order_by().values("pk")
    sql, params = now.query.sql_with_params()
    parts, params = [f"EXISTS ({sql})"], list(params)
    if model in EVENT_MODELS and _has_obj(model):
        alias, path = f"v{next(aliases)}", path | {model}
        then, then_params = [f"{alias}.visibility = %s"], [Visibility.CONFIDENTIAL.value]
        for f in model._meta.concrete_fields:
            if not f.many_to_one or _concrete(f.related_model) in path:
                continue
            named = ever_confidential(f.related_model, f"{alias}.{_qn(f.column)}", aliases, path)
            if named is not None:
                then.append(named[0])
                then_params += named[1]
        table = _qn(EVENT_MODELS[model]._meta.db_table)
        parts.append(
            f"EXISTS (SELECT 1 FROM {table} {alias} WHERE {alias}.pgh_obj_id = {key} "
            f"AND ({' OR '.join(then)}))"
        )
        params += then_params
    return f"({' OR '.join(parts)})", params


def secrecy_conditions(model) -> list[tuple[str, tuple]]:
    """SQL keeping out the events of a row, or of a link to a row, ever confidential."""
    aliases = itertools.count(1)
    if _has_obj(model):
        keys = [(model, "e.pgh_obj_id")]
    else:  # a many-to-many link: confidential when either end is
        keys = [(k.related_model, f"e.{_qn(k.column)}") for k in model._meta.concrete_fields]
        keys = [(target, column) for target, column in keys if target is not None]
    conditions = []
    for target, column in keys:
        found = ever_confidential(target, column, aliases)
        if found is not None:
            conditions.append((f"NOT {found[0]}", tuple(found[1])))
    return conditions


class Timeline:
    """The events of one record and its dependents, newest first, sliced by a Paginator."""

    def __init__(self, obj, *, user):
        self.obj = obj
        self.root = _concrete(type(obj))
        self.reveal = can_see_confidential(user)
        self.streams = streams_for(obj)
        self.union, self.params = self._union()

    def _union(self) -> tuple[str, list]:
        branches, params = [], []
        for stream in self.streams:
            events = EVENT_MODELS[stream.model]
            obj_id = "e.pgh_obj_id" if _has_obj(stream.model) else "NULL::bigint"
            where = [f"({stream.condition})"]
            params += stream.params
            if not self.reveal:
                for condition, condition_params in secrecy_conditions(stream.model):
                    where.append(condition)
                    params += condition_params
            branches.append(
                f"SELECT '{events._meta.label}' AS model, e.pgh_id, e.pgh_created_at, "
                f"e.pgh_label, {obj_id} AS obj_id FROM {_qn(events._meta.db_table)} e "
                f"WHERE {' AND '.join(where)}"
            )
        return "\nUNION ALL\n".join(branches), params

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM ({self.union}) u", self.params)
            return cursor.fetchone()[0]

    def _rows(self, offset: int, limit: int) -> list[tuple]:
        models_here = list(dict.fromkeys(stream.model for stream in self.streams))
        data_cases, prev_cases = [], []
        for model in models_here:
            events = EVENT_MODELS[model]
            label, table = events._meta.label, _qn(events._meta.db_table)
            data_cases.append(
                f"WHEN '{label}' THEN (SELECT to_jsonb(e) FROM {table} e "
                "WHERE e.pgh_id = page.pgh_id)"
            )
            if _has_obj(model):
                prev_cases.append(
                    f"WHEN '{label}' THEN (SELECT to_jsonb(p) FROM {table} p "
                    "WHERE p.pgh_obj_id = page.obj_id AND p.pgh_id < page.pgh_id "
                    "ORDER BY p.pgh_id DESC LIMIT 1)"
                )
        order = "pgh_created_at DESC, model, pgh_id DESC"
        # Rows and previous states are read for the page's events only.
        sql = f"""
            SELECT page.model, CASE page.model {" ".join(data_cases)} END,
                   CASE WHEN page.pgh_label = 'update'
                        THEN CASE page.model {" ".join(prev_cases)} END END
            FROM (SELECT * FROM ({self.union}) u ORDER BY {order} LIMIT %s OFFSET %s) page
            ORDER BY {order}
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [*self.params, limit, offset])
            return cursor.fetchall()

    def __getitem__(self, item):
        if not isinstance(item, slice) or item.step not in (None, 1):
            raise TypeError("A timeline is read a page (slice) at a time.")
        start = item.start or 0
        stop = item.stop if item.stop is not None else start + 100
        rows = self._rows(start, max(stop - start, 0))
        return Renderer(self.obj, reveal=self.reveal).entries(rows)


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


def shown_fields(model) -> list[models.Field]:
    """The fields an entry lists: all but the key, time stamps and generated columns."""
    return [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key
        and not getattr(f, "auto_now", False)
        and not getattr(f, "auto_now_add", False)
        and not isinstance(f, models.GeneratedField)
    ]


@cache
def _choices(model, name: str) -> dict:
    return {str(key): str(label) for key, label in model._meta.get_field(name).flatchoices}


def _link_field(link) -> models.ManyToManyField:
    """The many-to-many field whose through table is `link`."""
    for model in EVENT_MODELS:
        for m2m in model._meta.local_many_to_many:
            if m2m.remote_field.through is link:
                return m2m
    raise LookupError(link)


def _secrets(obj) -> set[str]:
    """The texts of obj that may not be shown: confidential values and confidential rows."""
    secrets = set()
    for name in getattr(obj, "CONFIDENTIAL_FIELDS", ()):
        value = getattr(obj, name, None)
        if value not in (None, ""):
            secrets.add(str(value))
            display = getattr(obj, f"get_{name}_display", None)
            secrets.update([str(display())] if display else [])
    for f in obj._meta.concrete_fields:
        if f.many_to_one and f.is_cached(obj):
            related = getattr(obj, f.name)
            if getattr(related, "visibility", None) == Visibility.CONFIDENTIAL:
                secrets.add(str(related))
    return {secret for secret in secrets if secret}


def safe_label(obj, *, reveal: bool) -> str:
    """str(obj), unless it would show a confidential row or value to who may not see it.

    A row's text can quote its confidential fields (a contact's number) or a confidential
    row it points to (a public case subject whose person is confidential).
    """
    text = str(obj)
    if reveal:
        return text
    if getattr(obj, "visibility", None) == Visibility.CONFIDENTIAL:
        return HIDDEN
    if any(secret in text for secret in _secrets(obj)):
        return generic_label(type(obj), obj.pk)
    return text


def generic_label(model, pk, suffix: str = "") -> str:
    return f"{capfirst(model._meta.verbose_name)} #{pk}{suffix}"


class Renderer:
    """Turns event rows into entries, resolving every label the page needs at once."""

    def __init__(self, obj, *, reveal: bool):
        self.root, self.root_pk, self.reveal = _concrete(type(obj)), obj.pk, reveal
        self.labels: dict[tuple, str] = {(self.root, obj.pk): safe_label(obj, reveal=reveal)}
        self.users: dict = {}

    def entries(self, rows) -> list[Entry]:
        events = [
            (_concrete(EVENT_MODELS_BY_LABEL[label].pgh_tracked_model), _json(data), _json(prev))
            for label, data, prev in rows
        ]
        self._resolve(events)
        return [self._entry(model, data, prev) for model, data, prev in events]

    def hidden(self, model, f) -> bool:
        return not self.reveal and f.name in getattr(model, "CONFIDENTIAL_FIELDS", ())

    def _resolve(self, events) -> None:
        wanted: dict[type, set] = defaultdict(set)
        user_ids = set()
        for model, data, prev in events:
            if _has_obj(model) and model is not self.root:
                wanted[model].add(data["pgh_obj_id"])
            for f in shown_fields(model):
                if not f.many_to_one or self.hidden(model, f):
                    continue
                for snapshot in (data, prev):
                    if snapshot and snapshot.get(f.column) is not None:
                        wanted[_concrete(f.related_model)].add(snapshot[f.column])
            user_id = (data.get("pgh_context") or {}).get("user")
            if user_id is not None:
                user_ids.add(user_id)
        wanted[self.root].discard(self.root_pk)  # labelled already
        for model, pks in wanted.items():
            if not pks:
                continue
            related = [f.name for f in model._meta.concrete_fields if f.many_to_one]
            for obj in model._base_manager.select_related(*related).filter(pk__in=pks):
                self.labels[model, obj.pk] = safe_label(obj, reveal=self.reveal)
        if user_ids:
            users = get_user_model()._default_manager.filter(pk__in=user_ids)
            self.users = {user.pk: user.get_username() for user in users}

    def label(self, model, pk) -> str:
        return self.labels.get((model, pk), generic_label(model, pk, " (deleted)"))

    def record(self, model, pk) -> str:
        """'Detention: Detention from …', or 'Contact detail #3' when the label is generic."""
        label = self.label(model, pk)
        if label.startswith(generic_label(model, pk)):
            return label
        return f"{capfirst(model._meta.verbose_name)}: {label}"

    def who(self, context: dict) -> tuple[str, str]:
        url = context.get("url") or ""
        if context.get("user") is not None:
            user = context["user"]
            return self.users.get(user, _("user #%(id)s (deleted)") % {"id": user}), url
        if context.get("command"):
            return _("command %(command)s") % {"command": context["command"]}, url
        if url:
            return _("anonymous request"), url
        return _("no context (database or script)"), url

    def value(self, model, f, raw) -> str:
        if raw is None or raw == "" or raw == []:
            return ""
        if self.hidden(model, f):
            return HIDDEN
        if f.many_to_one:
            return self.label(_concrete(f.related_model), raw)
        if f.choices and not isinstance(raw, list):
            return _choices(model, f.name).get(str(raw), str(raw))
        if isinstance(f, models.DateTimeField):
            moment = parse_datetime(raw)
            return f"{timezone.localtime(moment):%Y-%m-%d %H:%M:%S}" if moment else str(raw)
        if isinstance(f, models.BooleanField):
            return "yes" if raw else "no"
        if isinstance(raw, list):
            return ", ".join(str(item) for item in raw)
        if isinstance(raw, dict):
            return json.dumps(raw, ensure_ascii=False)
        return str(raw)

    def _entry(self, model, data, prev) -> Entry:
        entry = self._entry_of(model, data, prev)
        context = data.get("pgh_context") or {}
        if context.get("label") == HIDDEN_LABEL and entry.operation == "update":
            entry.action = TAKEN_OFF
            entry.reason = context.get("reason") or ""
        return entry

    def _entry_of(self, model, data, prev) -> Entry:
        operation = data["pgh_label"]
        who, url = self.who(data.get("pgh_context") or {})
        when = parse_datetime(data["pgh_created_at"])
        if model._meta.auto_created:
            return self._link_entry(model, data, operation, when, who, url)
        record = ""
        if model is not self.root or data["pgh_obj_id"] != self.root_pk:
            record = self.record(model, data["pgh_obj_id"])
        entry = Entry(when, who, url, operation, OPERATIONS.get(operation, operation), record)
        for f in shown_fields(model):
            name, after = capfirst(f.verbose_name), data.get(f.column)
            if operation == "update":
                if prev is None:
                    change = Change(name, NOT_RECORDED, self.value(model, f, after))
                elif prev.get(f.column) != after:
                    before = prev.get(f.column)
                    change = Change(name, self.value(model, f, before), self.value(model, f, after))
                else:
                    continue
            else:
                parent = f.many_to_one and _concrete(f.related_model) is self.root
                dated = f.name.endswith("_precision") and f.name[: -len("_precision")]
                if (
                    after in (None, "", [])
                    or (parent and after == self.root_pk)
                    or (dated and data.get(dated) in (None, ""))
                ):
                    continue  # empty, the viewed record itself, or the precision of no date
                shown = self.value(model, f, after)
                change = (
                    Change(name, shown, "") if operation == "delete" else Change(name, "", shown)
                )
            entry.changes.append(change)
        return entry

    def _link_entry(self, link, data, operation, when, who, url) -> Entry:
        m2m = _link_field(link)
        source = link._meta.get_field(m2m.m2m_field_name())
        target = link._meta.get_field(m2m.m2m_reverse_field_name())
        owner = _concrete(source.related_model)
        record = self.record(owner, data[source.column])
        action = LINK_OPERATIONS.get(operation, operation)
        entry = Entry(when, who, url, operation, action, record)
        # Links have no previous state of their own: an update (raw SQL only) shows the new end.
        linked = self.value(link, target, data.get(target.column))
        before, after = (linked, "") if operation == "delete" else ("", linked)
        entry.changes.append(Change(capfirst(m2m.verbose_name), before, after))
        return entry
