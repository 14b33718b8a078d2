"""fold_word() of people/names.py after the transliteration conventions were checked.

Dzhakishev and Джакишев did not meet (dj was folded before zh made it); ISO 9, French,
German, passport, Uzbek and Kazakh Latin spellings now fold like their Cyrillic
(tests/people/test_fold_conventions.py). Generated from people/names.py and frozen here.

The stored keys are refreshed with one UPDATE per table, and only the rows whose key
changes: assigning a column to itself recomputes its generated key (pghistory records
nothing: no tracked field changes). The documents of the cases those people appear in are
then rebuilt in one set, and the expression index on organizations' folded names too.
"""

from django.db import migrations

FOLD_WORD = r"""
CREATE OR REPLACE FUNCTION fold_word(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $fold$ SELECT regexp_replace(regexp_replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(translate(public.immutable_unaccent(replace(replace(replace(replace(replace(replace(replace(replace(replace(translate(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower($1), 'ё', 'yo'), 'ж', 'zh'), 'х', 'kh'), 'ц', 'ts'), 'ч', 'ch'), 'ш', 'sh'), 'щ', 'shch'), 'ъ', ''), 'ь', ''), 'ю', 'yu'), 'я', 'ya'), 'ң', 'ng'), 'абвгдезийклмнопрстуфыэўғқҳәөұүһі', 'abvgdeziyklmnoprstufyeogqhaouuhi'), 'ž', 'zh'), 'č', 'ch'), 'š', 'sh'), 'ŝ', 'shch'), 'û', 'yu'), 'â', 'ya'), 'ş', 'sh'), 'ç', 'ch'), 'ı', 'i')), '''`´ʹʺʻʼʽ‘’"·', ''), 'dsch', 'j'), 'tsch', 'c'), 'sch', 'c'), 'tch', 'c'), 'ch', 'c'), 'sh', 'c'), 'zh', 'j'), 'dj', 'j'), 'kh', 'h'), 'gh', 'g'), 'x', 'h'), 'ts', 'c'), 'tz', 'c'), 'w', 'v'), 'q', 'k'), 'ou', 'u'), 'ng', 'n'), 'j', 'y'), 'yu', 'iu'), 'ya', 'ia'), 'yo', 'e'), 'io', 'e'), 'ye', 'e'), 'iy', 'i'), 'y', 'i'), '[^a-z0-9]+', '', 'g'), '(.)\1+', '\1', 'g') $fold$;
"""

# people/0001's definition, for reversing (kept here: no migration imports another).
PREVIOUS_FOLD_WORD = r"""CREATE OR REPLACE FUNCTION fold_word(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $fold$ SELECT regexp_replace(regexp_replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(translate(public.immutable_unaccent(translate(replace(replace(replace(replace(replace(replace(replace(lower($1), 'ч', 'ch'), 'ш', 'sh'), 'щ', 'sh'), 'ъ', ''), 'ь', ''), 'ю', 'iu'), 'я', 'ia'), 'абвгдеёжзийклмнопрстуфхцыэўғқҳәңөұүһі', 'abvgdeejziiklmnoprstufhcieogkhanouuhi')), '''`´ʹʻʼʽ‘’"', ''), 'shch', 'sh'), 'tsch', 'ch'), 'sch', 'sh'), 'tch', 'ch'), 'dj', 'j'), 'zh', 'j'), 'kh', 'h'), 'gh', 'g'), 'x', 'h'), 'ts', 'c'), 'tz', 'c'), 'w', 'v'), 'q', 'k'), 'yu', 'iu'), 'ya', 'ia'), 'yo', 'o'), 'ye', 'e'), 'iy', 'i'), 'y', 'i'), '[^a-z0-9]+', '', 'g'), '(.)\1+', '\1', 'g') $fold$;
"""

# The search triggers (cases migrations) would rebuild each case's document once for the
# people's UPDATE and again for the spellings'; they are paused, and the documents that
# show a refolded person (shown_people: the people whose keys make a document's names)
# are rebuilt once, in one call. On a new database neither the triggers nor the function
# exist yet: there is nothing to rebuild.
REFRESH = r"""
CREATE TEMPORARY TABLE refolded_people (id bigint);
DO $pause$
BEGIN
    IF to_regprocedure('case_search_refresh(bigint[])') IS NOT NULL THEN
        ALTER TABLE people_person DISABLE TRIGGER case_search_update;
        ALTER TABLE people_namevariant DISABLE TRIGGER case_search_update;
    END IF;
END
$pause$;
WITH changed AS (
    UPDATE people_person SET display_name = display_name
    WHERE search_key IS DISTINCT FROM fold_name(display_name) RETURNING id
)
INSERT INTO refolded_people SELECT id FROM changed;
WITH changed AS (
    UPDATE people_namevariant SET text = text
    WHERE folded IS DISTINCT FROM fold_name(text) RETURNING person_id
)
INSERT INTO refolded_people SELECT person_id FROM changed;
DO $rebuild$
BEGIN
    IF to_regprocedure('case_search_refresh(bigint[])') IS NOT NULL THEN
        PERFORM case_search_refresh(array_agg(case_id)) FROM cases_casesearch
        WHERE shown_people && (SELECT array_agg(DISTINCT id) FROM refolded_people)
        HAVING count(*) > 0;
        ALTER TABLE people_person ENABLE TRIGGER case_search_update;
        ALTER TABLE people_namevariant ENABLE TRIGGER case_search_update;
    END IF;
    -- Made by organizations/0003, which may run after this migration on a new database.
    IF to_regclass('organization_folded_name_trgm') IS NOT NULL THEN
        REINDEX INDEX organization_folded_name_trgm;
    END IF;
END
$rebuild$;
DROP TABLE refolded_people;
"""


class Migration(migrations.Migration):
    # Its refresh reads the documents' shown_people, and calls the refresh that fills it.
    dependencies = [
        ("people", "0005_person_public_name_order"),
        ("cases", "0023_search_sql_shown"),
    ]

    operations = [
        migrations.RunSQL(FOLD_WORD + REFRESH, PREVIOUS_FOLD_WORD + REFRESH),
    ]
