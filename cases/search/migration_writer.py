"""The text of a migration that freezes the generated search SQL (makesearchmigration).

Each migration holds, as literal text, both what it installs and what it puts back when
reversed (the previous migration's constants), so that no migration imports another and
an old migration never changes when the code does. Rebuilding the documents runs inside
`migrate` unless SEARCH_REBUILD=later, which leaves it to `rebuild_search_documents`.
"""

from cases.search.frozen import Frozen

REBUILD_BATCH = 5000
LATER = (
    "Search documents were not rebuilt (SEARCH_REBUILD=later): they stay public-only but "
    "keep their old shape until `python manage.py rebuild_search_documents` has run."
)


def literal(sql: str) -> str:
    """A raw triple-quoted literal when the text allows one (readable SQL), else repr()."""
    if '"""' in sql or sql.endswith("\\"):
        return repr(sql)
    return f'r"""{sql}"""'


def _constants(values: dict[str, str], prefix: str = "") -> str:
    return "\n\n".join(f"{prefix}{name} = {literal(sql)}" for name, sql in values.items())


def _previous(generated: dict[str, str], frozen: dict[str, Frozen]) -> tuple[str, str]:
    """The PREVIOUS_* constants and the names of the migrations they come from."""
    values = {name: frozen[name].sql if name in frozen else "" for name in generated}
    sources = sorted({item.migration for item in frozen.values()}) or ["nothing"]
    return _constants(values, "PREVIOUS_"), ", ".join(sources)


CASES = '''"""Search documents' SQL, generated from the models (cases/search/document_sql.py).

Written by `python manage.py makesearchmigration`: run it again when a model that feeds
search changes. Reversing puts back the SQL that the previous migrations froze
({sources}), copied below as text: no migration imports another. The documents are
then rebuilt, in batches of {batch:,} cases inside this migration's transaction; with
SEARCH_REBUILD=later the rebuild is left to `python manage.py rebuild_search_documents`
(each batch its own transaction, resumable). Reversing rebuilds nothing: the old
function may not fill columns this state has; run rebuild_search_documents afterwards.
"""

import os

from django.db import migrations

{constants}

DROP_TRIGGERS = {drop}

# As {sources} froze them, for reversing.
{previous}

REBUILD = """
DO $rebuild$
DECLARE
    batch bigint[];
BEGIN
    FOR batch IN
        SELECT array_agg(id) FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1) / {batch}
                                   AS n FROM {cases}) AS numbered GROUP BY n
    LOOP
        PERFORM case_search_refresh(batch);
    END LOOP;
END
$rebuild$;
"""

LATER = {later!r}


def rebuild(apps, schema_editor):
    """Rebuild every document with the function now installed, or ask for it later."""
    if os.environ.get("SEARCH_REBUILD") == "later":
        apps.get_model("cases", "SearchRebuild").objects.create(migration={label!r})
        print("\\n  " + LATER, end="")
        return
    schema_editor.execute(REBUILD, params=None)


def put_back(sql):
    return sql or migrations.RunSQL.noop


class Migration(migrations.Migration):
    dependencies = {dependencies!r}

    operations = [
        migrations.RunSQL(REFRESH_FUNCTION, put_back(PREVIOUS_REFRESH_FUNCTION)),
        migrations.RunSQL(TOUCH_FUNCTION, put_back(PREVIOUS_TOUCH_FUNCTION)),
        migrations.RunSQL(TRIGGERS, DROP_TRIGGERS + "\\n" + PREVIOUS_TRIGGERS),
        migrations.RunPython(rebuild, migrations.RunPython.noop),
    ]
'''


def render_cases(*, label, generated, frozen, dependencies) -> str:
    from cases.models import Case
    from cases.search import document_sql

    previous, sources = _previous(generated, frozen)
    return CASES.format(
        constants=_constants(generated),
        drop=literal(document_sql.drop_triggers_sql()),
        previous=previous,
        sources=sources,
        batch=REBUILD_BATCH,
        cases=Case._meta.db_table,
        later=LATER,
        label=label,
        dependencies=dependencies,
    )


PEOPLE = '''"""fold_word() and fold_name(), generated from people/names.py.

Written by `python manage.py makesearchmigration`: run it again when the tables of
people/names.py change. Reversing puts back the SQL that the previous migrations froze
({sources}), copied below as text: no migration imports another. The stored keys are
refreshed with one UPDATE per table, and only the rows whose key changes (assigning a
column to itself recomputes its generated key; pghistory records nothing, no tracked field
changes); the documents of the cases that show a refolded person are then rebuilt once,
in one call, unless SEARCH_REBUILD=later leaves that to rebuild_search_documents.
"""

import os

from django.db import migrations

{constants}

# As {sources} froze them, for reversing.
{previous}

# The search triggers (cases migrations) would rebuild each case's document once for the
# people's UPDATE and again for the spellings'; they are paused meanwhile. On a new
# database neither the triggers nor the function exist yet: there is nothing to rebuild.
REFOLD = r"""
CREATE TEMPORARY TABLE refolded_people (id bigint);
DO $pause$
BEGIN
    IF to_regprocedure('case_search_refresh(bigint[])') IS NOT NULL THEN
        ALTER TABLE {person} DISABLE TRIGGER case_search_update;
        ALTER TABLE {variant} DISABLE TRIGGER case_search_update;
    END IF;
END
$pause$;
WITH changed AS (
    UPDATE {person} SET display_name = display_name
    WHERE search_key IS DISTINCT FROM fold_name(display_name) RETURNING id
)
INSERT INTO refolded_people SELECT id FROM changed;
WITH changed AS (
    UPDATE {variant} SET text = text
    WHERE folded IS DISTINCT FROM fold_name(text) RETURNING person_id
)
INSERT INTO refolded_people SELECT person_id FROM changed;
"""

# The documents that show a refolded person (shown_people: the people whose keys make a
# document's names), rebuilt in one call.
REBUILD = r"""
DO $rebuild$
BEGIN
    IF to_regprocedure('case_search_refresh(bigint[])') IS NOT NULL THEN
        PERFORM case_search_refresh(array_agg(case_id)) FROM {documents}
        WHERE shown_people && (SELECT array_agg(DISTINCT id) FROM refolded_people)
        HAVING count(*) > 0;
    END IF;
END
$rebuild$;
"""

LATER_SQL = r"""
DO $later$
BEGIN
    IF to_regclass('{rebuilds}') IS NOT NULL AND EXISTS (SELECT FROM refolded_people) THEN
        INSERT INTO {rebuilds} (migration, requested_at, next_case_id)
        VALUES ('{label}', now(), 0);
    END IF;
END
$later$;
"""

RESUME = r"""
DO $resume$
BEGIN
    IF to_regprocedure('case_search_refresh(bigint[])') IS NOT NULL THEN
        ALTER TABLE {person} ENABLE TRIGGER case_search_update;
        ALTER TABLE {variant} ENABLE TRIGGER case_search_update;
    END IF;
    -- Made by organizations/0003, which may run after this migration on a new database.
    IF to_regclass('organization_folded_name_trgm') IS NOT NULL THEN
        REINDEX INDEX organization_folded_name_trgm;
    END IF;
END
$resume$;
DROP TABLE refolded_people;
"""

LATER = {later!r}


def refold(apps, schema_editor):
    """Refresh the stored keys with the functions now installed, then the documents."""
    schema_editor.execute(REFOLD, params=None)
    if os.environ.get("SEARCH_REBUILD") == "later":
        schema_editor.execute(LATER_SQL, params=None)
        print("\\n  " + LATER, end="")
    else:
        schema_editor.execute(REBUILD, params=None)
    schema_editor.execute(RESUME, params=None)


def put_back(sql):
    return sql or migrations.RunSQL.noop


class Migration(migrations.Migration):
    dependencies = {dependencies!r}

    operations = [
        # Reversed last: the keys are refolded by the functions put back.
        migrations.RunPython(migrations.RunPython.noop, refold),
        migrations.RunSQL(FOLD_WORD, put_back(PREVIOUS_FOLD_WORD)),
        migrations.RunSQL(FOLD_NAME, put_back(PREVIOUS_FOLD_NAME)),
        migrations.RunPython(refold, migrations.RunPython.noop),
    ]
'''


def render_people(*, label, generated, frozen, dependencies) -> str:
    from cases.models import CaseSearch, SearchRebuild
    from people.models import NameVariant, Person

    previous, sources = _previous(generated, frozen)
    return PEOPLE.format(
        constants=_constants(generated),
        previous=previous,
        sources=sources,
        person=Person._meta.db_table,
        variant=NameVariant._meta.db_table,
        documents=CaseSearch._meta.db_table,
        rebuilds=SearchRebuild._meta.db_table,
        later=LATER,
        label=label,
        dependencies=dependencies,
    )


RENDER = {"cases": render_cases, "people": render_people}
