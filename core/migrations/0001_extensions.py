"""PostgreSQL extensions the search relies on, and an indexable unaccent()."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        # unaccent() is only STABLE (its dictionary could change), so it cannot be indexed;
        # this wrapper pins the dictionary and is declared IMMUTABLE.
        migrations.RunSQL(
            sql="""
                CREATE OR REPLACE FUNCTION immutable_unaccent(text) RETURNS text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
            """,
            reverse_sql="DROP FUNCTION IF EXISTS immutable_unaccent(text);",
        ),
    ]
