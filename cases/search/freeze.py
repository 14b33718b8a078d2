"""Write the generated search SQL into a migration: python -m cases.search.freeze NAME."""

import sys
from pathlib import Path

TEMPLATE = '''"""Search documents kept current by the database (made by cases/search/freeze.py).

When a model that feeds search changes, freeze the new SQL into a new migration:
python -m cases.search.freeze 00NN_name cases:<previous>
"""

from importlib import import_module

from django.db import migrations

# Reversing this migration puts the previous refresh function back.
PREVIOUS = import_module("cases.migrations.{previous}")

REFRESH_FUNCTION = r"""{refresh}"""

TOUCH_FUNCTION = r"""{touch}"""

TRIGGERS = r"""{triggers}"""

DROP_TRIGGERS = r"""{drop}"""

REBUILD = """
DO $rebuild$
DECLARE
    batch bigint[];
BEGIN
    FOR batch IN
        SELECT array_agg(id) FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1) / 5000 AS n
                                   FROM cases_case) AS numbered GROUP BY n
    LOOP
        PERFORM case_search_refresh(batch);
    END LOOP;
END
$rebuild$;
"""


class Migration(migrations.Migration):
    dependencies = {dependencies!r}

    operations = [
        migrations.RunSQL(REFRESH_FUNCTION, PREVIOUS.REFRESH_FUNCTION),
        migrations.RunSQL(TOUCH_FUNCTION, "DROP FUNCTION IF EXISTS case_search_touch() CASCADE;"),
        migrations.RunSQL(TRIGGERS, DROP_TRIGGERS),
        # Rebuild the documents of cases that exist already, in batches of bounded memory.
        migrations.RunSQL(REBUILD, migrations.RunSQL.noop),
    ]
'''


def render(dependencies, previous: str) -> str:
    from cases.search import document_sql

    return TEMPLATE.format(
        refresh=document_sql.refresh_function_sql(),
        touch=document_sql.TOUCH_FUNCTION_SQL,
        triggers=document_sql.triggers_sql(),
        drop=document_sql.drop_triggers_sql(),
        dependencies=dependencies,
        previous=previous,
    )


if __name__ == "__main__":
    import django

    django.setup()
    name, *deps = sys.argv[1:]
    dependencies = [tuple(dep.split(":")) for dep in deps]
    previous = max(
        path.stem
        for path in Path("cases/migrations").glob("0*.py")
        if path.stem != name and "REFRESH_FUNCTION = " in path.read_text()
    )
    Path(f"cases/migrations/{name}.py").write_text(render(dependencies, previous))
