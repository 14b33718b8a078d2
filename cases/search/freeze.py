"""Write the generated search SQL into a migration: python -m cases.search.freeze NAME."""

import sys
from pathlib import Path

TEMPLATE = '''"""Search documents kept current by the database (made by cases/search/freeze.py)."""

from django.db import migrations

REFRESH_FUNCTION = r"""{refresh}"""

TOUCH_FUNCTION = r"""{touch}"""

TRIGGERS = r"""{triggers}"""

DROP_TRIGGERS = r"""{drop}"""


class Migration(migrations.Migration):
    dependencies = {dependencies!r}

    operations = [
        migrations.RunSQL(REFRESH_FUNCTION, migrations.RunSQL.noop),
        migrations.RunSQL(TOUCH_FUNCTION, "DROP FUNCTION IF EXISTS case_search_touch() CASCADE;"),
        migrations.RunSQL(TRIGGERS, DROP_TRIGGERS),
        # Build the documents of cases that exist already.
        migrations.RunSQL(
            "SELECT case_search_refresh(ARRAY(SELECT id FROM cases_case));", migrations.RunSQL.noop
        ),
    ]
'''


def render(dependencies) -> str:
    from cases.search import document_sql

    return TEMPLATE.format(
        refresh=document_sql.refresh_function_sql(),
        touch=document_sql.TOUCH_FUNCTION_SQL,
        triggers=document_sql.triggers_sql(),
        drop=document_sql.drop_triggers_sql(),
        dependencies=dependencies,
    )


if __name__ == "__main__":
    import django

    django.setup()
    name, *deps = sys.argv[1:]
    dependencies = [tuple(dep.split(":")) for dep in deps]
    Path(f"cases/migrations/{name}.py").write_text(render(dependencies))
