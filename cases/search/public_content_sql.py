"""SQL fingerprints of what the public sees of a case, so public dates move only with it.

case_search_refresh() (cases/search/document_sql.py) runs whenever any row that feeds a
case changes, internal notes included. It hashes the public fields of the case and of
each of its public records (with the public people, organizations and sources they
show) and compares them with the hashes kept on the search document: the document's
`public_updated_at`, and each record's stamp in `record_stamps`, move only when a hash
changes, so saving internal or confidential content tells a watcher nothing.
"""

from core.models import Visibility

PUBLIC = f"'{Visibility.PUBLIC}'"
# The clock of public changes: the start of the statement that changed the content (the
# transaction's start would give every change of one transaction, or one test, one time).
NOW = "statement_timestamp()"


def _field_names(model) -> set[str]:
    return {field.name for field in model._meta.get_fields()}


def public_condition(model, alias: str) -> str:
    """The SQL twin of a row's public(): public visibility, and not archived."""
    condition = f"{alias}.visibility = {PUBLIC}"
    if "archived_at" in _field_names(model):
        condition += f" AND {alias}.archived_at IS NULL"
    return condition


def _related(field, depth: int) -> int:
    """How deep a related row is read: another record of the case by its id only (its own
    content counts as its own record), a person, organization or source with its fields."""
    return 0 if "case" in _field_names(field.related_model) else depth - 1


def public_value(model, alias: str, depth: int = 2, nested: bool = False) -> str:
    """A jsonb array of a row's PUBLIC_FIELDS (with their dates' precision); related rows
    count only while public, with their own public fields, `depth` levels deep."""
    names = _field_names(model)
    # Which row is shown counts, not only its fields (a record's id is in its key).
    parts = [f"{alias}.id"] if nested else []
    for name in model.PUBLIC_FIELDS:
        field = model._meta.get_field(name)
        if field.many_to_one and field.related_model._meta.label == "cases.Case":
            continue  # the case the row belongs to, not content
        if field.is_relation and depth == 0:
            continue
        t = f"{alias}_t"  # a related row's alias, distinct at every depth
        if field.many_to_one:
            target, table = field.related_model, field.related_model._meta.db_table
            value = public_value(target, t, _related(field, depth), nested=True)
            parts.append(
                f"(SELECT {value} FROM {table} {t} "
                f"WHERE {t}.id = {alias}.{field.column} AND {public_condition(target, t)})"
            )
        elif field.many_to_many:
            target, table = field.related_model, field.related_model._meta.db_table
            through = field.remote_field.through._meta.db_table
            value = public_value(target, t, _related(field, depth), nested=True)
            parts.append(
                f"(SELECT jsonb_agg({value} ORDER BY {t}.id) "
                f"FROM {through} {t}m JOIN {table} {t} ON {t}.id = {t}m.{field.m2m_reverse_name()} "
                f"WHERE {t}m.{field.m2m_column_name()} = {alias}.id "
                f"AND {public_condition(target, t)})"
            )
        elif field.concrete:
            parts.append(f"{alias}.{field.column}")
            if f"{name}_precision" in names:
                parts.append(f"{alias}.{name}_precision")
    return f"jsonb_build_array({', '.join(parts)})"


def public_hash(model, alias: str) -> str:
    return f"md5({public_value(model, alias)}::text)"


def record_key(model, alias: str) -> str:
    """'detention:12': a record's key in `record_stamps` (cases.selectors.record_stamp)."""
    return f"'{model._meta.model_name}:' || {alias}.id"


def stamp(new_hash: str, old: str, key: str, seed: str) -> str:
    """A record's {"h": hash, "t": time}: the old time while its hash is unchanged.

    `old` is the alias of the document before the refresh. A document made before public
    dates were kept (a row but no hash yet) takes `seed`, the record's own updated_at,
    once; a new one (a case just published) takes the time of publication."""
    return (
        f"jsonb_build_object('h', {new_hash}, 't', CASE "
        f"WHEN {old}.record_stamps -> {key} ->> 'h' = {new_hash} "
        f"THEN {old}.record_stamps -> {key} -> 't' "
        f"WHEN {old}.case_id IS NOT NULL AND {old}.public_hash IS NULL THEN to_jsonb({seed}) "
        f"ELSE to_jsonb({NOW}) END)"
    )
