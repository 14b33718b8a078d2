"""SQL that keeps each public case's search document current, generated from the models.

A case's document holds only what the public may see: the case's PUBLIC_FIELDS, the
public text fields of its public records, the names of public people and organizations
linked publicly, and the titles of public sources cited by public records. Name-like
public text is also folded (fold_name(), people/names.py), so that its names are found
in any script or spelling like people's names are: see NAME_LIKE below. Triggers on
every table that feeds a document call case_search_refresh() for the cases a changed
row touches, so bulk updates and raw SQL keep documents current too.

The generated SQL is frozen into migrations by `python manage.py makesearchmigration`
(cases/search/frozen.py); tests/cases/test_search_document.py
(test_the_frozen_migration_matches_the_models) fails when the models change and a new
migration is needed.
"""

from django.db import models

from cases.models import (
    RECORD_MODELS,
    Case,
    CaseSearch,
    CaseSubject,
    NameWord,
    PublicationState,
    Source,
    Statement,
)
from cases.search.facets import COPIED_COLUMNS
from cases.search.public_content_sql import NOW, public_hash, public_value, record_key, stamp
from cases.search.record_kinds import BY_LEVEL, record_kind
from core.models import Visibility
from organizations.models import Organization
from people.models import NameVariant, Person

PUBLIC = f"'{Visibility.PUBLIC}'"
# A document's sample bucket: uniform over 0-999, stable for a case (hashint8 is uniform
# over the integers; the second modulo folds negative remainders without bias).
SAMPLE_SQL = "(hashint8({id}) % 1000 + 1000) % 1000"
# The SQL twins of Case.objects.public() and of Person/Organization visible() (a person or
# an organization linked by a public row of a published case is shown by it).
PUBLIC_CASE = f"c.publication_state = '{PublicationState.PUBLISHED}' AND c.archived_at IS NULL"


def public_row(alias: str) -> str:
    return f"{alias}.visibility = {PUBLIC} AND {alias}.archived_at IS NULL"


def _table(model) -> str:
    return model._meta.db_table


def _is_plain_text(field) -> bool:
    return isinstance(field, models.CharField | models.TextField) and not field.choices


def _date_fields(model) -> list[str]:
    return [
        f.column
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField)
    ]


def _record_parts(model) -> list[tuple[bool, str]]:
    """SQL of one public record's plain public text fields and of its public related names
    (organizations, people), in PUBLIC_FIELDS order, each flagged with whether it is a name."""
    parts = []
    for name in model.PUBLIC_FIELDS:
        field = model._meta.get_field(name)
        if _is_plain_text(field):
            parts.append((False, f"r.{field.column}"))
        elif field.many_to_one and field.related_model is Organization:
            parts.append(
                (
                    True,
                    f"(SELECT concat_ws(' ', o.name, o.acronym) FROM {_table(Organization)} o "
                    f"WHERE o.id = r.{field.column} AND {public_row('o')})",
                )
            )
        elif field.many_to_one and field.related_model is Person:
            parts.append(
                (
                    True,
                    f"(SELECT p.display_name FROM {_table(Person)} p "
                    f"WHERE p.id = r.{field.column} AND {public_row('p')})",
                )
            )
    return parts


def record_text(model) -> str:
    """Text of one public record: its plain public fields and its public related names."""
    return f"concat_ws(' ', {', '.join(sql for _, sql in _record_parts(model))})"


def _record_names(model) -> str:
    """The name-like public text of one public record (its NAME_FIELDS), or NULL."""
    columns = [
        f"r.{model._meta.get_field(name).column}"
        for name in model.NAME_FIELDS
        if name in model.PUBLIC_FIELDS
    ]
    return f"concat_ws(' ', {', '.join(columns)})" if columns else "NULL::text"


def _words(text: str, where: str = "", distinct: bool = False) -> str:
    """The words of `text` (whitespace-separated) that pass `where`, joined again."""
    condition = f" WHERE {where}" if where else ""
    return (
        f"(SELECT string_agg({'DISTINCT ' if distinct else ''}word, ' ') "
        f"FROM regexp_split_to_table({text}, '\\s+') AS word{condition})"
    )


# NAME_LIKE: which public texts are folded, and where their folds go.
#
# The names in name-like public text are folded (fold_name(); the query side ORs the fold
# of each word, cases/search/query.py), so that `Герасимов` finds "Gerasimov v.
# Kazakhstan" and `Khamovniki` the case of "ОВД Хамовники". Name-like: the case's title
# (UN decisions are "Gerasimov v. Kazakhstan", with no person record), the names and
# acronyms of the public organizations it shows and the places of its public records
# (their NAME_FIELDS). Their names are their capitalized words (NAME_WORD), in any script:
# folding their other words, or free text (summaries, quotes), would only make unrelated
# words meet, and each folded word costs some 30 µs in every refresh. Countries are
# codes: filters, not text.
#
# The title's names join `names` (weight A; the lexicon typos are corrected against,
# NameWord, and the word_similarity() ranking of name queries, cases/search/text.py), those
# not there already: a title names its case, so its name ranks it first, and a misspelt
# or French `Guerassimov` is corrected to it. A title's other words stay out: with
# "extradition" in the lexicon the most common query would rank by names too, some 30 µs
# a document over a thousand candidates. Organizations and places go into the tsvector
# only, at the weight of the text they come from (C: records; D: sources' publishers):
# one court or police station is shown by thousands of cases, so as name words they would
# switch name ranking on for common queries without telling those cases apart.
NAME_WORD = "word ~ '^\\W*[[:upper:]]'"


# The body: each public text of a case (its summary and charges, each public record's
# text, each cited public source's title) as a segment of its own, so that a snippet is
# made from one text and says where it is (cases/search/snippets.py). A segment is its
# header ("kind|date|precision") and its text, joined by the unit separator; segments are
# joined by the record separator. Neither can occur in a text: both are blanked.
SEGMENT_SEPARATOR, HEADER_SEPARATOR = "\x1e", "\x1f"


def _segment(kind: str, text: str, date: str = "NULL", precision: str = "NULL") -> str:
    """SQL of one segment of the body: its header, then its text."""
    return (
        f"'{kind}|' || coalesce({date}::text, '') || '|' || coalesce({precision}, '') || E'\\x1f' "
        f"|| translate({text}, E'\\x1e\\x1f', '  ')"
    )


def _dated(model, alias: str) -> tuple[str, str]:
    """SQL of a row's date and its precision: the date its timeline leads with."""
    names = [getattr(model, "primary_date", "")] + [
        f.name for f in model._meta.concrete_fields if isinstance(f, models.DateField)
    ]
    name = next(n for n in names if n and hasattr(model, f"{n}_precision"))
    field, precision = model._meta.get_field(name), model._meta.get_field(f"{name}_precision")
    return f"{alias}.{field.column}", f"{alias}.{precision.column}"


def _record_segment(model) -> str:
    """A record's segment reads as text, then the names it gives: "… — HRW, Rachel Denber"."""
    parts = _record_parts(model)
    text = f"concat_ws(' ', {', '.join(sql for is_name, sql in parts if not is_name)})"
    names = [sql for is_name, sql in parts if is_name]
    if names:
        names_sql = f"nullif(concat_ws(', ', {', '.join(names)}), '')"
        text = f"concat_ws(' — ', nullif({text}, ''), {names_sql})"
    return _segment(record_kind(model), text, *_dated(model, "r"))


def public_record(model, alias: str = "r") -> str:
    """The SQL twin of model.objects.public() for rows of the cases being refreshed (the
    refresh keeps only those cases that are public): public itself, and by public rows
    where the model requires them (a statement by a public organization)."""
    conditions = [f"{alias}.visibility = {PUBLIC}", f"{alias}.case_id = ANY(case_ids)"]
    for name in getattr(model, "PUBLIC_REQUIRES", ()):
        field = model._meta.get_field(name)
        conditions.append(
            f"EXISTS (SELECT 1 FROM {_table(field.related_model)} x "
            f"WHERE x.id = {alias}.{field.column} AND {public_row('x')})"
        )
    return " AND ".join(conditions)


def _public_records(model, columns: str) -> str:
    return f"SELECT r.case_id, {columns} FROM {_table(model)} r WHERE {public_record(model)}"


def _m2m(model, name: str):
    field = model._meta.get_field(name)
    through = field.remote_field.through._meta
    return through.db_table, field.m2m_column_name(), field.m2m_reverse_name()


def _record_kind_sql(model) -> str:
    kind = f"'{record_kind(model)}'"
    if model in BY_LEVEL:
        # Appeals are also findable by level: 'appeal:un_treaty_body', …
        return f"unnest(ARRAY[{kind}, {kind} || ':' || r.level])"
    return kind


def refresh_function_sql() -> str:
    """The refresh, in PL/pgSQL: a LANGUAGE sql function plans its statements again on every
    call (tens of milliseconds, more than running them for one case), PL/pgSQL keeps their
    plans for the session. Generic plans are the ones the sql function made (it plans without
    the ids' values), so documents come out the same, aggregation order included, and no
    call pays for planning again: custom plans would be made afresh on every call."""
    records_text = "\n    UNION ALL ".join(
        _public_records(
            m,
            f"{record_text(m)} AS text, {_record_names(m)} AS names, "
            f"{_record_segment(m)} AS segment",
        )
        for m in RECORD_MODELS
    )
    record_kinds = "\n    UNION ALL ".join(
        _public_records(m, f"{_record_kind_sql(m)} AS kind") for m in RECORD_MODELS
    )
    record_dates = "\n    UNION ALL ".join(
        _public_records(m, f"unnest(ARRAY[{', '.join(f'r.{c}' for c in _date_fields(m))}]) AS day")
        for m in RECORD_MODELS
    )
    record_hashes = "\n    UNION ALL ".join(
        _public_records(
            m, f"{record_key(m, 'r')} AS key, {public_hash(m, 'r')} AS hash, r.updated_at AS seed"
        )
        for m in RECORD_MODELS
    )
    # The people a published case shows (cases/models/appearances.py), each of whom is
    # then public by their own visibility alone.
    linked_people = [
        f"SELECT s.case_id, s.person_id FROM {_table(CaseSubject)} s "
        f"WHERE {public_record(CaseSubject, 's')}",
        f"SELECT r.case_id, r.speaker_id FROM {_table(Statement)} r "
        f"WHERE {public_record(Statement)}",
    ]
    cited_sources = []
    for model in RECORD_MODELS:
        table, own, other = _m2m(model, "people")
        linked_people.append(
            f"SELECT r.case_id, m.{other} FROM {_table(model)} r JOIN {table} m ON m.{own} = r.id "
            f"WHERE {public_record(model)}"
        )
        table, own, other = _m2m(model, "sources")
        cited_sources.append(
            f"SELECT r.case_id, m.{other} AS source_id FROM {_table(model)} r "
            f"JOIN {table} m ON m.{own} = r.id "
            f"WHERE {public_record(model)}"
        )
    # The organizations a published case shows, besides the publishers of the sources it
    # cites: those its public records name in a public field.
    linked_orgs = [
        f"SELECT r.case_id, r.{field.column}, true FROM {_table(model)} r "
        f"WHERE {public_record(model)}"
        for model in RECORD_MODELS
        for field in model._meta.concrete_fields
        if field.many_to_one
        and field.related_model is Organization
        and field.name in model.PUBLIC_FIELDS
    ]
    linked_people_sql = "\n    UNION ".join(linked_people)
    linked_orgs_sql = "\n    UNION ".join(linked_orgs)
    cited_sources_sql = "\n    UNION ".join(cited_sources)
    # NAME_LIKE: the title's names that the people's keys do not hold already, and the
    # folded names of the organizations and places the case shows.
    title_names = _words(
        f"fold_name({_words('c.title', NAME_WORD)})",
        "length(word) > 1 AND word <> ALL (string_to_array(coalesce(people.keys, ''), ' '))",
        distinct=True,
    )
    shown_names = _words(
        "concat_ws(' ', records.names, shown_orgs.record_names)", NAME_WORD, distinct=True
    )
    shown_folds = f"coalesce(fold_name({shown_names}), '')"
    publisher_names = _words("shown_orgs.publisher_names", NAME_WORD, distinct=True)
    publisher_folds = f"coalesce(fold_name({publisher_names}), '')"
    case_segment = _segment("case", "nullif(concat_ws(' ', c.summary, c.charges), '')")
    case_segment = f"CASE WHEN c.summary <> '' OR c.charges <> '' THEN {case_segment} END"
    source_segment = _segment("source", "s.title", *_dated(Source, "s"))
    case, person, variant, org, source, documents = (
        _table(Case), _table(Person), _table(NameVariant), _table(Organization), _table(Source),
        _table(CaseSearch),
    )  # fmt: skip
    return f"""
CREATE OR REPLACE FUNCTION case_search_refresh(case_ids bigint[]) RETURNS void
LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $refresh$
BEGIN
DELETE FROM {documents} s
WHERE s.case_id = ANY(case_ids)
  AND NOT EXISTS (
      SELECT 1 FROM {case} c WHERE c.id = s.case_id AND {PUBLIC_CASE}
  );

WITH
cases AS (
    SELECT c.* FROM {case} c WHERE c.id = ANY(case_ids) AND {PUBLIC_CASE}
),
records AS (
    SELECT case_id, string_agg(text, ' ') AS text, string_agg(names, ' ') AS names,
           string_agg(segment, E'\\x1e') AS segments FROM (
    {records_text}
    ) t GROUP BY case_id
),
people AS (
    SELECT l.case_id,
           string_agg(concat_ws(' ', p.display_name, v.texts), ' ') AS text,
           string_agg(concat_ws(' ', p.search_key, v.keys), ' ') AS keys,
           array_agg(DISTINCT p.id ORDER BY p.id) AS ids
    FROM (
    {linked_people_sql}
    ) l (case_id, person_id)
    JOIN {person} p ON p.id = l.person_id AND {public_row("p")}
    LEFT JOIN LATERAL (
        SELECT string_agg(text, ' ') AS texts, string_agg(folded, ' ') AS keys
        FROM {variant} WHERE person_id = p.id AND visibility = {PUBLIC}
    ) v ON true
    GROUP BY l.case_id
),
sources AS (
    SELECT c.case_id, string_agg(concat_ws(' ', s.title, o.name, o.acronym), ' ') AS text,
           string_agg({source_segment}, E'\\x1e') AS segments
    FROM (
    {cited_sources_sql}
    ) c
    JOIN {source} s ON s.id = c.source_id AND s.visibility = {PUBLIC}
    LEFT JOIN {org} o ON o.id = s.publisher_id AND {public_row("o")}
    GROUP BY c.case_id
),
kinds AS (
    SELECT case_id, array_agg(DISTINCT kind ORDER BY kind) AS kinds FROM (
    {record_kinds}
    ) k GROUP BY case_id
),
dates AS (
    SELECT case_id, array_agg(DISTINCT day ORDER BY day) AS days FROM (
    {record_dates}
    ) d WHERE day IS NOT NULL GROUP BY case_id
),
record_hashes AS (
    {record_hashes}
),
stamps AS (
    SELECT h.case_id, jsonb_object_agg(h.key, h.hash) AS hashes,
           jsonb_object_agg(h.key, {stamp("h.hash", "old", "h.key", "h.seed")}) AS stamps
    FROM record_hashes h LEFT JOIN {documents} old ON old.case_id = h.case_id
    GROUP BY h.case_id
),
subjects AS (
    SELECT s.case_id, jsonb_agg({public_value(CaseSubject, "s")} ORDER BY s.id) AS value
    FROM {_table(CaseSubject)} s
    WHERE {public_record(CaseSubject, "s")}
      AND EXISTS (SELECT 1 FROM {person} p WHERE p.id = s.person_id AND {public_row("p")})
    GROUP BY s.case_id
),
statement_orgs AS (
    SELECT r.case_id, array_agg(DISTINCT r.organization_id ORDER BY r.organization_id) AS ids
    FROM {_table(Statement)} r
    WHERE {public_record(Statement)}
    GROUP BY r.case_id
),
shown_orgs AS (
    SELECT l.case_id, array_agg(DISTINCT o.id ORDER BY o.id) AS ids,
           string_agg(DISTINCT concat_ws(' ', o.name, o.acronym), ' ')
               FILTER (WHERE l.by_record) AS record_names,
           string_agg(DISTINCT concat_ws(' ', o.name, o.acronym), ' ')
               FILTER (WHERE NOT l.by_record) AS publisher_names
    FROM (
    {linked_orgs_sql}
    UNION
    SELECT c.case_id, s.publisher_id, false FROM (
    {cited_sources_sql}
    ) c JOIN {source} s ON s.id = c.source_id AND s.visibility = {PUBLIC}
    ) l (case_id, organization_id, by_record)
    JOIN {org} o ON o.id = l.organization_id AND {public_row("o")}
    GROUP BY l.case_id
),
parts AS (
    SELECT c.id AS case_id,
           c.title AS a,
           concat_ws(' ', c.summary, c.charges, array_to_string(c.tags, ' ')) AS b,
           records.text AS c,
           concat_ws(E'\\x1e', {case_segment}, records.segments, sources.segments) AS segments,
           people.text AS p,
           sources.text AS d,
           concat_ws(' ', nullif(people.keys, ''), {title_names}) AS names,
           {shown_folds} AS shown_folds,
           {publisher_folds} AS publisher_folds,
           coalesce(kinds.kinds, '{{}}') AS kinds,
           coalesce(dates.days, '{{}}') AS days,
           coalesce(statement_orgs.ids, '{{}}') AS orgs,
           coalesce(people.ids, '{{}}') AS shown_people,
           coalesce(shown_orgs.ids, '{{}}') AS shown_organizations,
           hashed.hash AS public_hash,
           -- Public dates move only when what the public sees changes (public_content_sql);
           -- a document made before they were kept starts from the case's updated_at.
           CASE WHEN old.public_hash = hashed.hash THEN old.public_updated_at
                WHEN old.case_id IS NOT NULL AND old.public_hash IS NULL THEN c.updated_at
                ELSE {NOW} END AS public_updated_at,
           coalesce(stamps.stamps, '{{}}') AS record_stamps,
           {", ".join(f"c.{column}" for column in COPIED_COLUMNS)}
    FROM cases c
    LEFT JOIN records ON records.case_id = c.id
    LEFT JOIN people ON people.case_id = c.id
    LEFT JOIN sources ON sources.case_id = c.id
    LEFT JOIN kinds ON kinds.case_id = c.id
    LEFT JOIN dates ON dates.case_id = c.id
    LEFT JOIN statement_orgs ON statement_orgs.case_id = c.id
    LEFT JOIN shown_orgs ON shown_orgs.case_id = c.id
    LEFT JOIN stamps ON stamps.case_id = c.id
    LEFT JOIN subjects ON subjects.case_id = c.id
    LEFT JOIN {documents} old ON old.case_id = c.id
    CROSS JOIN LATERAL (
        SELECT md5(jsonb_build_array({public_value(Case, "c")}, subjects.value, stamps.hashes)
                   ::text)
    ) hashed (hash)
)
INSERT INTO {documents}
    (case_id, document, body, names, record_kinds, record_dates, statement_orgs, shown_people,
     shown_organizations, last_activity, first_date, sample, public_hash, public_updated_at,
     record_stamps, {", ".join(COPIED_COLUMNS)})
SELECT case_id,
       setweight(to_tsvector('russian', a), 'A')
       || setweight(to_tsvector('simple', immutable_unaccent(a)), 'A')
       || setweight(to_tsvector('simple', names), 'A')
       || setweight(to_tsvector('russian', b), 'B')
       || setweight(to_tsvector('simple', immutable_unaccent(b)), 'B')
       || setweight(to_tsvector('russian', concat_ws(' ', c, p)), 'C')
       || setweight(to_tsvector('simple', immutable_unaccent(concat_ws(' ', c, p))), 'C')
       || setweight(to_tsvector('simple', shown_folds), 'C')
       || setweight(to_tsvector('russian', coalesce(d, '')), 'D')
       || setweight(to_tsvector('simple', immutable_unaccent(coalesce(d, ''))), 'D')
       || setweight(to_tsvector('simple', publisher_folds), 'D'),
       segments,
       names, kinds, days, orgs, shown_people, shown_organizations,
       days[array_upper(days, 1)], days[1],
       {SAMPLE_SQL.format(id="case_id")}, public_hash, public_updated_at, record_stamps,
       {", ".join(COPIED_COLUMNS)}
FROM parts
ON CONFLICT (case_id) DO UPDATE SET
    document = EXCLUDED.document, body = EXCLUDED.body, names = EXCLUDED.names,
    record_kinds = EXCLUDED.record_kinds, record_dates = EXCLUDED.record_dates,
    statement_orgs = EXCLUDED.statement_orgs, shown_people = EXCLUDED.shown_people,
    shown_organizations = EXCLUDED.shown_organizations, last_activity = EXCLUDED.last_activity,
    first_date = EXCLUDED.first_date, sample = EXCLUDED.sample,
    public_hash = EXCLUDED.public_hash, public_updated_at = EXCLUDED.public_updated_at,
    record_stamps = EXCLUDED.record_stamps,
    {", ".join(f"{column} = EXCLUDED.{column}" for column in COPIED_COLUMNS)};

INSERT INTO {_table(NameWord)} (word)
SELECT DISTINCT word
FROM {documents} s, unnest(string_to_array(s.names, ' ')) AS word
WHERE s.case_id = ANY(case_ids) AND word <> ''
-- In one order, so that concurrent refreshes sharing words wait instead of deadlocking.
ORDER BY word
ON CONFLICT (word) DO NOTHING;
END
$refresh$;
"""


CHANGED = "changed_rows"  # replaced by the trigger's transition table, new_rows or old_rows


def _cases_of_people(person_ids: str) -> str:
    """Case ids that people's rows feed: as subjects, in records, as speakers."""
    parts = [
        f"SELECT case_id FROM {_table(CaseSubject)} WHERE person_id IN ({person_ids})",
        f"SELECT case_id FROM {_table(Statement)} WHERE speaker_id IN ({person_ids})",
    ]
    for model in RECORD_MODELS:
        table, own, other = _m2m(model, "people")
        parts.append(
            f"SELECT r.case_id FROM {_table(model)} r JOIN {table} m ON m.{own} = r.id "
            f"WHERE m.{other} IN ({person_ids})"
        )
    return " UNION ".join(parts)


def _cases_of_organizations(org_ids: str) -> str:
    parts = []
    for model in RECORD_MODELS:
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is Organization:
                parts.append(
                    f"SELECT case_id FROM {_table(model)} WHERE {field.column} IN ({org_ids})"
                )
    for model in RECORD_MODELS:
        table, own, other = _m2m(model, "sources")
        parts.append(
            f"SELECT r.case_id FROM {_table(model)} r JOIN {table} m ON m.{own} = r.id "
            f"JOIN {_table(Source)} s ON s.id = m.{other} WHERE s.publisher_id IN ({org_ids})"
        )
    return " UNION ".join(parts)


def _cases_of_sources(source_ids: str) -> str:
    parts = []
    for model in RECORD_MODELS:
        table, own, other = _m2m(model, "sources")
        parts.append(
            f"SELECT r.case_id FROM {_table(model)} r JOIN {table} m ON m.{own} = r.id "
            f"WHERE m.{other} IN ({source_ids})"
        )
    return " UNION ".join(parts)


def trigger_targets() -> dict[str, str]:
    """Table → SQL over its changed rows (CHANGED) returning the ids of the cases they feed."""
    targets = {_table(Case): f"SELECT id FROM {CHANGED}"}
    for model in (*RECORD_MODELS, CaseSubject):
        targets[_table(model)] = f"SELECT case_id FROM {CHANGED}"
    for model in RECORD_MODELS:
        for name in ("people", "sources"):
            table, own, _ = _m2m(model, name)
            targets[table] = (
                f"SELECT r.case_id FROM {_table(model)} r JOIN {CHANGED} m ON r.id = m.{own}"
            )
    targets[_table(Person)] = _cases_of_people(f"SELECT id FROM {CHANGED}")
    targets[_table(NameVariant)] = _cases_of_people(f"SELECT person_id FROM {CHANGED}")
    targets[_table(Organization)] = _cases_of_organizations(f"SELECT id FROM {CHANGED}")
    targets[_table(Source)] = _cases_of_sources(f"SELECT id FROM {CHANGED}")
    return targets


# Statement-level triggers: a bulk insert or update of many rows refreshes each touched
# case once, not once per row.
TOUCH_FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION case_search_touch() RETURNS trigger
LANGUAGE plpgsql AS $touch$
DECLARE
    ids bigint[];
    more bigint[];
    query text := 'SELECT array_agg(DISTINCT id) FROM (' || TG_ARGV[0] || ') AS t (id)'
                  || ' WHERE id IS NOT NULL';
BEGIN
    -- TG_ARGV[0] maps the changed rows (the transition tables) to the cases they feed.
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        EXECUTE replace(query, '{CHANGED}', 'new_rows') INTO ids;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        EXECUTE replace(query, '{CHANGED}', 'old_rows') INTO more;
        ids := coalesce(ids, '{{}}') || coalesce(more, '{{}}');
    END IF;
    IF ids IS NOT NULL AND cardinality(ids) > 0 THEN
        PERFORM case_search_refresh(ids);
    END IF;
    RETURN NULL;
END
$touch$;
"""

TRANSITIONS = {
    "insert": ("INSERT", "NEW TABLE AS new_rows"),
    "update": ("UPDATE", "NEW TABLE AS new_rows OLD TABLE AS old_rows"),
    "delete": ("DELETE", "OLD TABLE AS old_rows"),
}


def triggers_sql() -> str:
    statements = []
    for table, target in trigger_targets().items():
        literal = target.replace("'", "''")
        statements.append(f"DROP TRIGGER IF EXISTS case_search_touch ON {table};")
        for suffix, (event, referencing) in TRANSITIONS.items():
            statements.append(
                f"DROP TRIGGER IF EXISTS case_search_{suffix} ON {table};\n"
                f"CREATE TRIGGER case_search_{suffix} AFTER {event} ON {table}\n"
                f"REFERENCING {referencing}\n"
                f"FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('{literal}');"
            )
    return "\n".join(statements)


def drop_triggers_sql() -> str:
    return "\n".join(
        f"DROP TRIGGER IF EXISTS case_search_{suffix} ON {table};"
        for table in trigger_targets()
        for suffix in TRANSITIONS
    )
