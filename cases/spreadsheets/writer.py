"""Batch work of an import: unique checks, many-to-many links, and the bulk writes."""

from functools import reduce
from operator import or_

from django.db import DatabaseError, connection, transaction
from django.db.models import Q, UniqueConstraint
from django.utils import timezone

from cases.models import CaseSource, Source
from cases.spreadsheets.constraints import Unsupported, evaluate
from core.unique import give_way, hidden_holders, yielding_fields

SHOWN = 80


class UniqueChecker:
    """full_clean()'s unique checks for a whole batch: one query per unique field set.

    A partial unique constraint whose condition the row itself answers (constraints.py)
    is checked the same way; others cost a query per row. Staff who may not see
    confidential rows are never told that one holds a slug: it gives way (core.unique).
    """

    def __init__(self, model, reveal: bool = True):
        self.model = model
        self.yielding = set() if reveal else set(yielding_fields(model))
        # (fields, message, field name the error belongs to or None, condition or None)
        self.sets = []
        for field in model._meta.concrete_fields:
            if field.unique and not field.primary_key:
                self.sets.append(((field,), None, field.name, None))
        self.conditional = []
        for constraint in model._meta.constraints:
            if not isinstance(constraint, UniqueConstraint):
                continue
            if constraint.fields and not constraint.expressions and _answerable(constraint, model):
                fields = tuple(model._meta.get_field(name) for name in constraint.fields)
                message = constraint.get_violation_error_message()
                self.sets.append((fields, message, None, constraint.condition))
            else:
                self.conditional.append(constraint)

    def check(self, rows, column_of) -> None:
        for fields, message, target, condition in self.sets:
            if condition is not None:
                rows_in = [row for row in rows if evaluate(Q(condition), row.instance) is True]
            else:
                rows_in = rows
            values = [
                (row, tuple(f.get_prep_value(getattr(row.instance, f.attname)) for f in fields))
                for row in rows_in
            ]
            values = [(row, value) for row, value in values if None not in value]
            if not values:
                continue
            found_rows = self.model._base_manager.all()
            if condition is not None:
                found_rows = found_rows.filter(condition)
            for position, field in enumerate(fields):
                found_rows = found_rows.filter(
                    **{f"{field.attname}__in": {v[position] for _, v in values}}
                )
            attnames = [field.attname for field in fields]
            taken: dict[tuple, set] = {}
            for pk, *found in found_rows.values_list("pk", *attnames):
                taken.setdefault(tuple(found), set()).add(pk)
            hidden = self._hidden(fields, taken)
            for row, value in values:
                others = taken.get(value, set()) - {row.instance.pk}
                if others and others <= hidden:
                    row.give_way.append((fields[0], others))
                elif others:
                    names = tuple(field.name for field in fields)
                    error = message or row.instance.unique_error_message(self.model, names)
                    text = " ".join(getattr(error, "messages", [str(error)]))
                    row.error(column_of(target) if target else None, text)
        for constraint in self.conditional:
            for row in rows:
                try:
                    constraint.validate(self.model, row.instance)
                except Exception as error:  # ValidationError
                    row.error(None, "; ".join(getattr(error, "messages", [str(error)])))

    def _hidden(self, fields, taken) -> set:
        """Which of the rows found hold a slug that gives way (see core.unique)."""
        if len(fields) != 1 or fields[0] not in self.yielding or not taken:
            return set()
        field = fields[0]
        return set(hidden_holders(self.model, field, [value for (value,) in taken]).values())


def _answerable(constraint, model) -> bool:
    """Whether a row answers the constraint's condition itself (or it has none)."""
    if constraint.condition is None:
        return True
    try:
        evaluate(Q(constraint.condition), model())
    except Unsupported:
        return False
    return True


def update_rows(model, instances, names) -> None:
    """QuerySet.bulk_update() in one UPDATE … FROM (VALUES …) statement.

    bulk_update() builds a CASE WHEN expression per row and field, which costs more Python
    time than validating the rows; this sends the values as a table instead.
    """
    quote = connection.ops.quote_name
    pk = model._meta.pk
    fields = [model._meta.get_field(name) for name in names]
    casts = ", ".join(f"%s::{field.db_type(connection)}" for field in [pk, *fields])
    params = []
    for instance in instances:
        params.append(pk.get_db_prep_save(instance.pk, connection))
        for field in fields:
            params.append(field.get_db_prep_save(getattr(instance, field.attname), connection))
    columns = ", ".join(quote(field.column) for field in [pk, *fields])
    assignments = ", ".join(f"{quote(f.column)} = v.{quote(f.column)}" for f in fields)
    sql = (
        f"UPDATE {quote(model._meta.db_table)} AS t SET {assignments} "
        f"FROM (VALUES {', '.join([f'({casts})'] * len(instances))}) AS v ({columns}) "
        f"WHERE t.{quote(pk.column)} = v.{quote(pk.column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _db_message(model, error: DatabaseError) -> str:
    name = getattr(getattr(getattr(error, "__cause__", None), "diag", None), "constraint_name", "")
    for constraint in model._meta.constraints:
        if constraint.name == name:
            return str(constraint.get_violation_error_message())
    return str(error).strip().splitlines()[0]


def _shown(value) -> str:
    value = str(value)
    return value if len(value) <= SHOWN else value[: SHOWN - 1] + "…"


class Writer:
    def __init__(self, kind, columns):
        self.kind, self.model = kind, kind.model
        self.links = [c for c in columns if c.many_to_many]
        self.names = {f.attname: f.name for f in self.model._meta.concrete_fields}

    def _through(self, column):
        field = column.field
        return field.remote_field.through, field.m2m_column_name(), field.m2m_reverse_name()

    def load_links(self, rows, existing) -> None:
        """The current links of the batch's existing rows."""
        for column in self.links:
            through, source, target = self._through(column)
            current: dict[int, set] = {instance.pk: set() for instance in existing}
            pairs = through.objects.filter(**{f"{source}__in": list(current)})
            for pk, linked in pairs.values_list(source, target):
                current[pk].add(linked)
            for row in rows:
                if row.existing is not None:
                    row.m2m_before[column.name] = current[row.existing.pk]

    def assign_links(self, row, resolver) -> None:
        for column in self.links:
            if column.name not in row.values:
                continue
            ids = set(row.values[column.name])
            before = row.m2m_before.get(column.name, set())
            # Links the export left out (confidential rows) are kept.
            row.m2m[column.name] = ids | resolver.hidden(column.target, before)

    def write(self, rows, refused) -> None:
        rows = [row for row in rows if row.existing is None or row.changed]
        if not rows:
            return
        try:
            with transaction.atomic():
                self._write(rows)
        except DatabaseError:
            # Find the rows the database refuses, one savepoint each, to name them.
            for row in rows:
                try:
                    with transaction.atomic():
                        self._write([row])
                except DatabaseError as error:
                    refused(row, _db_message(self.model, error))

    def _write(self, rows) -> None:
        created = [row for row in rows if row.existing is None]
        updated = [row for row in rows if row.existing is not None]
        for row in rows:
            for field, pks in row.give_way:
                give_way(self.model, field, pks)
        if created:
            self.model.objects.bulk_create([row.instance for row in created])
        if updated:
            now = timezone.now()
            fields = {"updated_at"}
            for row in updated:
                row.instance.updated_at = now
                fields |= {self.names[name] for name in row.changed if name in self.names}
            update_rows(self.model, [row.instance for row in updated], sorted(fields))
        for column in self.links:
            self._write_links(column, created, updated)

    def _write_links(self, column, created, updated) -> None:
        through, source, target = self._through(column)
        adds, removes = [], []
        for row in [*created, *updated]:
            if column.name not in row.m2m:
                continue
            before = row.m2m_before.get(column.name, set())
            after = row.m2m[column.name]
            pk = row.instance.pk
            adds += [through(**{source: pk, target: linked}) for linked in after - before]
            if before - after:
                removes.append(Q(**{source: pk, f"{target}__in": before - after}))
        if removes:
            through.objects.filter(reduce(or_, removes)).delete()
        if adds:
            through.objects.bulk_create(adds)
        if column.field.related_model is Source and adds:
            # A record's citation puts the source on the record's case (one definition).
            case_of = {row.instance.pk: row.instance.case_id for row in [*created, *updated]}
            CaseSource.objects.link((case_of[getattr(a, source)], getattr(a, target)) for a in adds)

    def describe_changes(self, row, reveal: bool, resolver) -> tuple:
        """(column, before, after) of what a row changes, for the preview's first rows."""
        names = {self.names[a] for a in row.changed if a in self.names}
        changes = []
        for column in self.kind.columns:
            if column.many_to_many and column.name in row.changed:
                ids = row.m2m_before.get(column.name, set()) | row.m2m[column.name]
                labels = {
                    obj.pk: column.item(obj)
                    for obj in column.prefetch_queryset(reveal).filter(pk__in=ids)
                }

                def listed(pks, labels=labels):
                    return "; ".join(sorted(labels[pk] for pk in pks if pk in labels))

                before, after = row.m2m_before.get(column.name, set()), row.m2m[column.name]
                changes.append((column.name, _shown(listed(before)), _shown(listed(after))))
            elif not column.many_to_many and column.model_fields & names:
                before = column.display(row.before, reveal)
                after = column.display(row.instance, reveal)
                if before != after or column.name not in {c for c, _, _ in changes}:
                    changes.append((column.name, _shown(before), _shown(after)))
        return tuple(changes)
