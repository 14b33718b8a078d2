"""fold_word() and fold_name(): the one definition of a name's search key.

Generated from people/names.py (CYRILLIC, LATIN_FOLDS) and frozen here; change them
together through a new migration. Both functions are IMMUTABLE so generated columns and
indexes can use them.
"""

from django.db import migrations

FOLD_WORD = r"""
CREATE OR REPLACE FUNCTION fold_word(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $fold$ SELECT regexp_replace(regexp_replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(translate(public.immutable_unaccent(translate(replace(replace(replace(replace(replace(replace(replace(lower($1), 'ч', 'ch'), 'ш', 'sh'), 'щ', 'sh'), 'ъ', ''), 'ь', ''), 'ю', 'iu'), 'я', 'ia'), 'абвгдеёжзийклмнопрстуфхцыэўғқҳәңөұүһі', 'abvgdeejziiklmnoprstufhcieogkhanouuhi')), '''`´ʹʻʼʽ‘’"', ''), 'shch', 'sh'), 'tsch', 'ch'), 'sch', 'sh'), 'tch', 'ch'), 'dj', 'j'), 'zh', 'j'), 'kh', 'h'), 'gh', 'g'), 'x', 'h'), 'ts', 'c'), 'tz', 'c'), 'w', 'v'), 'q', 'k'), 'yu', 'iu'), 'ya', 'ia'), 'yo', 'o'), 'ye', 'e'), 'iy', 'i'), 'y', 'i'), '[^a-z0-9]+', '', 'g'), '(.)\1+', '\1', 'g') $fold$;
"""

FOLD_NAME = r"""
CREATE OR REPLACE FUNCTION fold_name(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $fold$ SELECT coalesce(string_agg(folded, ' ' ORDER BY folded), '')
FROM (
    SELECT public.fold_word(word) AS folded FROM regexp_split_to_table($1, '\s+') AS word
) AS words
WHERE folded <> '' $fold$;
"""


class Migration(migrations.Migration):
    initial = True
    dependencies = [("core", "0001_extensions")]

    operations = [
        migrations.RunSQL(FOLD_WORD, "DROP FUNCTION IF EXISTS fold_word(text) CASCADE;"),
        migrations.RunSQL(FOLD_NAME, "DROP FUNCTION IF EXISTS fold_name(text) CASCADE;"),
    ]
