"""Search documents kept current by the database (SQL frozen from cases/search/document_sql.py).

When a model that feeds search changes, write the next migration with
`python manage.py makesearchmigration`.
"""

from django.db import migrations

REFRESH_FUNCTION = r"""
CREATE OR REPLACE FUNCTION case_search_refresh(case_ids bigint[]) RETURNS void
LANGUAGE sql VOLATILE AS $refresh$
DELETE FROM cases_casesearch s
WHERE s.case_id = ANY(case_ids)
  AND NOT EXISTS (
      SELECT 1 FROM cases_case c WHERE c.id = s.case_id AND c.publication_state = 'published' AND c.archived_at IS NULL
  );

WITH
cases AS (
    SELECT c.* FROM cases_case c WHERE c.id = ANY(case_ids) AND c.publication_state = 'published' AND c.archived_at IS NULL
),
records AS (
    SELECT case_id, string_agg(text, ' ') AS text FROM (
    SELECT r.case_id, concat_ws(' ', r.summary, r.place, (SELECT concat_ws(' ', o.name, o.acronym) FROM organizations_organization o WHERE o.id = r.authority_id AND o.visibility = 'public' AND o.archived_at IS NULL), r.basis) AS text FROM cases_detention r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, concat_ws(' ', r.summary, (SELECT concat_ws(' ', o.name, o.acronym) FROM organizations_organization o WHERE o.id = r.authority_id AND o.visibility = 'public' AND o.archived_at IS NULL), r.grounds) AS text FROM cases_asylumdecision r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, concat_ws(' ', r.summary, (SELECT concat_ws(' ', o.name, o.acronym) FROM organizations_organization o WHERE o.id = r.body_id AND o.visibility = 'public' AND o.archived_at IS NULL), r.reference) AS text FROM cases_appeal r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, concat_ws(' ', r.summary, (SELECT concat_ws(' ', o.name, o.acronym) FROM organizations_organization o WHERE o.id = r.ordered_by_id AND o.visibility = 'public' AND o.archived_at IS NULL), r.charges, r.legal_basis, r.assurances) AS text FROM cases_extradition r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, concat_ws(' ', r.summary, (SELECT concat_ws(' ', o.name, o.acronym) FROM organizations_organization o WHERE o.id = r.organization_id AND o.visibility = 'public' AND o.archived_at IS NULL), (SELECT p.display_name FROM people_person p WHERE p.id = r.speaker_id AND p.visibility = 'public' AND p.archived_at IS NULL), r.quote) AS text FROM cases_statement r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, concat_ws(' ', r.summary, r.title, r.place) AS text FROM cases_event r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    ) t GROUP BY case_id
),
people AS (
    SELECT l.case_id,
           string_agg(concat_ws(' ', p.display_name, v.texts), ' ') AS text,
           string_agg(concat_ws(' ', p.search_key, v.keys), ' ') AS keys
    FROM (
    SELECT s.case_id, s.person_id FROM cases_casesubject s WHERE s.visibility = 'public' AND s.case_id = ANY(case_ids)
    UNION SELECT r.case_id, r.speaker_id FROM cases_statement r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.person_id FROM cases_detention r JOIN cases_detention_people m ON m.detention_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.person_id FROM cases_asylumdecision r JOIN cases_asylumdecision_people m ON m.asylumdecision_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.person_id FROM cases_appeal r JOIN cases_appeal_people m ON m.appeal_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.person_id FROM cases_extradition r JOIN cases_extradition_people m ON m.extradition_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.person_id FROM cases_statement r JOIN cases_statement_people m ON m.statement_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.person_id FROM cases_event r JOIN cases_event_people m ON m.event_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    ) l (case_id, person_id)
    JOIN people_person p ON p.id = l.person_id AND p.visibility = 'public' AND p.archived_at IS NULL
    LEFT JOIN LATERAL (
        SELECT string_agg(text, ' ') AS texts, string_agg(folded, ' ') AS keys
        FROM people_namevariant WHERE person_id = p.id AND visibility = 'public'
    ) v ON true
    GROUP BY l.case_id
),
sources AS (
    SELECT c.case_id, string_agg(concat_ws(' ', s.title, o.name, o.acronym), ' ') AS text
    FROM (
    SELECT r.case_id, m.source_id AS source_id FROM cases_detention r JOIN cases_detention_sources m ON m.detention_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.source_id AS source_id FROM cases_asylumdecision r JOIN cases_asylumdecision_sources m ON m.asylumdecision_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.source_id AS source_id FROM cases_appeal r JOIN cases_appeal_sources m ON m.appeal_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.source_id AS source_id FROM cases_extradition r JOIN cases_extradition_sources m ON m.extradition_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.source_id AS source_id FROM cases_statement r JOIN cases_statement_sources m ON m.statement_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.source_id AS source_id FROM cases_event r JOIN cases_event_sources m ON m.event_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    ) c
    JOIN cases_source s ON s.id = c.source_id AND s.visibility = 'public'
    LEFT JOIN organizations_organization o ON o.id = s.publisher_id AND o.visibility = 'public' AND o.archived_at IS NULL
    GROUP BY c.case_id
),
kinds AS (
    SELECT case_id, array_agg(DISTINCT kind ORDER BY kind) AS kinds FROM (
    SELECT r.case_id, 'detention' AS kind FROM cases_detention r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, 'asylum_decision' AS kind FROM cases_asylumdecision r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, unnest(ARRAY['appeal', 'appeal' || ':' || r.level]) AS kind FROM cases_appeal r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, 'extradition' AS kind FROM cases_extradition r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, 'statement' AS kind FROM cases_statement r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, 'event' AS kind FROM cases_event r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    ) k GROUP BY case_id
),
dates AS (
    SELECT case_id, array_agg(DISTINCT day ORDER BY day) AS days FROM (
    SELECT r.case_id, unnest(ARRAY[r.started_on, r.ended_on]) AS day FROM cases_detention r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, unnest(ARRAY[r.applied_on, r.decided_on]) AS day FROM cases_asylumdecision r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, unnest(ARRAY[r.filed_on, r.decided_on]) AS day FROM cases_appeal r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, unnest(ARRAY[r.ordered_on, r.carried_out_on]) AS day FROM cases_extradition r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, unnest(ARRAY[r.made_on]) AS day FROM cases_statement r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, unnest(ARRAY[r.started_on, r.ended_on]) AS day FROM cases_event r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    ) d WHERE day IS NOT NULL GROUP BY case_id
),
statement_orgs AS (
    SELECT r.case_id, array_agg(DISTINCT r.organization_id ORDER BY r.organization_id) AS ids
    FROM cases_statement r JOIN organizations_organization o ON o.id = r.organization_id AND o.visibility = 'public' AND o.archived_at IS NULL
    WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    GROUP BY r.case_id
),
parts AS (
    SELECT c.id AS case_id,
           c.title AS a,
           concat_ws(' ', c.summary, c.charges, array_to_string(c.tags, ' ')) AS b,
           records.text AS c,
           people.text AS p,
           sources.text AS d,
           coalesce(people.keys, '') AS names,
           coalesce(kinds.kinds, '{}') AS kinds,
           coalesce(dates.days, '{}') AS days,
           coalesce(statement_orgs.ids, '{}') AS orgs
    FROM cases c
    LEFT JOIN records ON records.case_id = c.id
    LEFT JOIN people ON people.case_id = c.id
    LEFT JOIN sources ON sources.case_id = c.id
    LEFT JOIN kinds ON kinds.case_id = c.id
    LEFT JOIN dates ON dates.case_id = c.id
    LEFT JOIN statement_orgs ON statement_orgs.case_id = c.id
)
INSERT INTO cases_casesearch
    (case_id, document, body, names, record_kinds, record_dates, statement_orgs, last_activity)
SELECT case_id,
       setweight(to_tsvector('russian', a), 'A')
       || setweight(to_tsvector('simple', immutable_unaccent(a)), 'A')
       || setweight(to_tsvector('simple', names), 'A')
       || setweight(to_tsvector('russian', b), 'B')
       || setweight(to_tsvector('simple', immutable_unaccent(b)), 'B')
       || setweight(to_tsvector('russian', concat_ws(' ', c, p)), 'C')
       || setweight(to_tsvector('simple', immutable_unaccent(concat_ws(' ', c, p))), 'C')
       || setweight(to_tsvector('russian', coalesce(d, '')), 'D')
       || setweight(to_tsvector('simple', immutable_unaccent(coalesce(d, ''))), 'D'),
       concat_ws(' … ', nullif(b, ''), nullif(c, ''), nullif(d, '')),
       names, kinds, days, orgs, days[array_upper(days, 1)]
FROM parts
ON CONFLICT (case_id) DO UPDATE SET
    document = EXCLUDED.document, body = EXCLUDED.body, names = EXCLUDED.names,
    record_kinds = EXCLUDED.record_kinds, record_dates = EXCLUDED.record_dates,
    statement_orgs = EXCLUDED.statement_orgs, last_activity = EXCLUDED.last_activity;
$refresh$;
"""

TOUCH_FUNCTION = r"""
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
        EXECUTE replace(query, 'changed_rows', 'new_rows') INTO ids;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        EXECUTE replace(query, 'changed_rows', 'old_rows') INTO more;
        ids := coalesce(ids, '{}') || coalesce(more, '{}');
    END IF;
    IF ids IS NOT NULL AND cardinality(ids) > 0 THEN
        PERFORM case_search_refresh(ids);
    END IF;
    RETURN NULL;
END
$touch$;
"""

TRIGGERS = r"""DROP TRIGGER IF EXISTS case_search_touch ON cases_case;
DROP TRIGGER IF EXISTS case_search_insert ON cases_case;
CREATE TRIGGER case_search_insert AFTER INSERT ON cases_case
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT id FROM changed_rows');
DROP TRIGGER IF EXISTS case_search_update ON cases_case;
CREATE TRIGGER case_search_update AFTER UPDATE ON cases_case
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT id FROM changed_rows');
DROP TRIGGER IF EXISTS case_search_delete ON cases_case;
CREATE TRIGGER case_search_delete AFTER DELETE ON cases_case
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT id FROM changed_rows');
DROP TRIGGER IF EXISTS case_search_touch ON cases_detention;
DROP TRIGGER IF EXISTS case_search_insert ON cases_detention;
CREATE TRIGGER case_search_insert AFTER INSERT ON cases_detention
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM changed_rows');
DROP TRIGGER IF EXISTS case_search_update ON cases_detention;
CREATE TRIGGER case_search_update AFTER UPDATE ON cases_detention
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM changed_rows');
DROP TRIGGER IF EXISTS case_search_delete ON cases_detention;
CREATE TRIGGER case_search_delete AFTER DELETE ON cases_detention
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM changed_rows');
DROP TRIGGER IF EXISTS case_search_touch ON cases_asylumdecision;
DROP TRIGGER IF EXISTS case_search_insert ON cases_asylumdecision;
CREATE TRIGGER case_search_insert AFTER INSERT ON cases_asylumdecision
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM changed_rows');
DROP TRIGGER IF EXISTS case_search_update ON cases_asylumdecision;
CREATE TRIGGER case_search_update AFTER UPDATE ON cases_asylumdecision
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM changed_rows');
DROP TRIGGER IF EXISTS case_search_delete ON cases_asylumdecision;
CREATE TRIGGER case_search_delete AFTER DELETE ON cases_asylumdecision
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM changed_rows');
DROP TRIGGER IF EXISTS case_search_touch ON cases_appeal;
DROP TRIGGER IF EXISTS case_search_insert ON cases_appeal;
CREATE TRIGGER case_search_insert AFTER INSERT ON cases_appeal
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM changed_rows');
DROP TRIGGER IF EXISTS case_search_update ON cases_appeal;
CREATE TRIGGER case_search_update AFTER UPDATE ON cases_appeal
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM changed_rows');
DROP TRIGGER IF EXISTS case_search_delete ON cases_appeal;
CREATE TRIGGER case_search_delete AFTER DELETE ON cases_appeal
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM changed_rows');
DROP TRIGGER IF EXISTS case_search_touch ON cases_extradition;
DROP TRIGGER IF EXISTS case_search_insert ON cases_extradition;
CREATE TRIGGER case_search_insert AFTER INSERT ON cases_extradition
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM changed_rows');
DROP TRIGGER IF EXISTS case_search_update ON cases_extradition;
CREATE TRIGGER case_search_update AFTER UPDATE ON cases_extradition
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM changed_rows');
DROP TRIGGER IF EXISTS case_search_delete ON cases_extradition;
CREATE TRIGGER case_search_delete AFTER DELETE ON cases_extradition
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM changed_rows');
DROP TRIGGER IF EXISTS case_search_touch ON cases_statement;
DROP TRIGGER IF EXISTS case_search_insert ON cases_statement;
CREATE TRIGGER case_search_insert AFTER INSERT ON cases_statement
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM changed_rows');
DROP TRIGGER IF EXISTS case_search_update ON cases_statement;
CREATE TRIGGER case_search_update AFTER UPDATE ON cases_statement
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM changed_rows');
DROP TRIGGER IF EXISTS case_search_delete ON cases_statement;
CREATE TRIGGER case_search_delete AFTER DELETE ON cases_statement
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM changed_rows');
DROP TRIGGER IF EXISTS case_search_touch ON cases_event;
DROP TRIGGER IF EXISTS case_search_insert ON cases_event;
CREATE TRIGGER case_search_insert AFTER INSERT ON cases_event
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM changed_rows');
DROP TRIGGER IF EXISTS case_search_update ON cases_event;
CREATE TRIGGER case_search_update AFTER UPDATE ON cases_event
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM changed_rows');
DROP TRIGGER IF EXISTS case_search_delete ON cases_event;
CREATE TRIGGER case_search_delete AFTER DELETE ON cases_event
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM changed_rows');
DROP TRIGGER IF EXISTS case_search_touch ON cases_casesubject;
DROP TRIGGER IF EXISTS case_search_insert ON cases_casesubject;
CREATE TRIGGER case_search_insert AFTER INSERT ON cases_casesubject
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM changed_rows');
DROP TRIGGER IF EXISTS case_search_update ON cases_casesubject;
CREATE TRIGGER case_search_update AFTER UPDATE ON cases_casesubject
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM changed_rows');
DROP TRIGGER IF EXISTS case_search_delete ON cases_casesubject;
CREATE TRIGGER case_search_delete AFTER DELETE ON cases_casesubject
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM changed_rows');
DROP TRIGGER IF EXISTS case_search_touch ON cases_detention_people;
DROP TRIGGER IF EXISTS case_search_insert ON cases_detention_people;
CREATE TRIGGER case_search_insert AFTER INSERT ON cases_detention_people
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_detention r JOIN changed_rows m ON r.id = m.detention_id');
DROP TRIGGER IF EXISTS case_search_update ON cases_detention_people;
CREATE TRIGGER case_search_update AFTER UPDATE ON cases_detention_people
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_detention r JOIN changed_rows m ON r.id = m.detention_id');
DROP TRIGGER IF EXISTS case_search_delete ON cases_detention_people;
CREATE TRIGGER case_search_delete AFTER DELETE ON cases_detention_people
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_detention r JOIN changed_rows m ON r.id = m.detention_id');
DROP TRIGGER IF EXISTS case_search_touch ON cases_detention_sources;
DROP TRIGGER IF EXISTS case_search_insert ON cases_detention_sources;
CREATE TRIGGER case_search_insert AFTER INSERT ON cases_detention_sources
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_detention r JOIN changed_rows m ON r.id = m.detention_id');
DROP TRIGGER IF EXISTS case_search_update ON cases_detention_sources;
CREATE TRIGGER case_search_update AFTER UPDATE ON cases_detention_sources
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_detention r JOIN changed_rows m ON r.id = m.detention_id');
DROP TRIGGER IF EXISTS case_search_delete ON cases_detention_sources;
CREATE TRIGGER case_search_delete AFTER DELETE ON cases_detention_sources
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_detention r JOIN changed_rows m ON r.id = m.detention_id');
DROP TRIGGER IF EXISTS case_search_touch ON cases_asylumdecision_people;
DROP TRIGGER IF EXISTS case_search_insert ON cases_asylumdecision_people;
CREATE TRIGGER case_search_insert AFTER INSERT ON cases_asylumdecision_people
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_asylumdecision r JOIN changed_rows m ON r.id = m.asylumdecision_id');
DROP TRIGGER IF EXISTS case_search_update ON cases_asylumdecision_people;
CREATE TRIGGER case_search_update AFTER UPDATE ON cases_asylumdecision_people
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_asylumdecision r JOIN changed_rows m ON r.id = m.asylumdecision_id');
DROP TRIGGER IF EXISTS case_search_delete ON cases_asylumdecision_people;
CREATE TRIGGER case_search_delete AFTER DELETE ON cases_asylumdecision_people
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_asylumdecision r JOIN changed_rows m ON r.id = m.asylumdecision_id');
DROP TRIGGER IF EXISTS case_search_touch ON cases_asylumdecision_sources;
DROP TRIGGER IF EXISTS case_search_insert ON cases_asylumdecision_sources;
CREATE TRIGGER case_search_insert AFTER INSERT ON cases_asylumdecision_sources
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_asylumdecision r JOIN changed_rows m ON r.id = m.asylumdecision_id');
DROP TRIGGER IF EXISTS case_search_update ON cases_asylumdecision_sources;
CREATE TRIGGER case_search_update AFTER UPDATE ON cases_asylumdecision_sources
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_asylumdecision r JOIN changed_rows m ON r.id = m.asylumdecision_id');
DROP TRIGGER IF EXISTS case_search_delete ON cases_asylumdecision_sources;
CREATE TRIGGER case_search_delete AFTER DELETE ON cases_asylumdecision_sources
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_asylumdecision r JOIN changed_rows m ON r.id = m.asylumdecision_id');
DROP TRIGGER IF EXISTS case_search_touch ON cases_appeal_people;
DROP TRIGGER IF EXISTS case_search_insert ON cases_appeal_people;
CREATE TRIGGER case_search_insert AFTER INSERT ON cases_appeal_people
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_appeal r JOIN changed_rows m ON r.id = m.appeal_id');
DROP TRIGGER IF EXISTS case_search_update ON cases_appeal_people;
CREATE TRIGGER case_search_update AFTER UPDATE ON cases_appeal_people
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_appeal r JOIN changed_rows m ON r.id = m.appeal_id');
DROP TRIGGER IF EXISTS case_search_delete ON cases_appeal_people;
CREATE TRIGGER case_search_delete AFTER DELETE ON cases_appeal_people
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_appeal r JOIN changed_rows m ON r.id = m.appeal_id');
DROP TRIGGER IF EXISTS case_search_touch ON cases_appeal_sources;
DROP TRIGGER IF EXISTS case_search_insert ON cases_appeal_sources;
CREATE TRIGGER case_search_insert AFTER INSERT ON cases_appeal_sources
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_appeal r JOIN changed_rows m ON r.id = m.appeal_id');
DROP TRIGGER IF EXISTS case_search_update ON cases_appeal_sources;
CREATE TRIGGER case_search_update AFTER UPDATE ON cases_appeal_sources
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_appeal r JOIN changed_rows m ON r.id = m.appeal_id');
DROP TRIGGER IF EXISTS case_search_delete ON cases_appeal_sources;
CREATE TRIGGER case_search_delete AFTER DELETE ON cases_appeal_sources
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_appeal r JOIN changed_rows m ON r.id = m.appeal_id');
DROP TRIGGER IF EXISTS case_search_touch ON cases_extradition_people;
DROP TRIGGER IF EXISTS case_search_insert ON cases_extradition_people;
CREATE TRIGGER case_search_insert AFTER INSERT ON cases_extradition_people
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_extradition r JOIN changed_rows m ON r.id = m.extradition_id');
DROP TRIGGER IF EXISTS case_search_update ON cases_extradition_people;
CREATE TRIGGER case_search_update AFTER UPDATE ON cases_extradition_people
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_extradition r JOIN changed_rows m ON r.id = m.extradition_id');
DROP TRIGGER IF EXISTS case_search_delete ON cases_extradition_people;
CREATE TRIGGER case_search_delete AFTER DELETE ON cases_extradition_people
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_extradition r JOIN changed_rows m ON r.id = m.extradition_id');
DROP TRIGGER IF EXISTS case_search_touch ON cases_extradition_sources;
DROP TRIGGER IF EXISTS case_search_insert ON cases_extradition_sources;
CREATE TRIGGER case_search_insert AFTER INSERT ON cases_extradition_sources
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_extradition r JOIN changed_rows m ON r.id = m.extradition_id');
DROP TRIGGER IF EXISTS case_search_update ON cases_extradition_sources;
CREATE TRIGGER case_search_update AFTER UPDATE ON cases_extradition_sources
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_extradition r JOIN changed_rows m ON r.id = m.extradition_id');
DROP TRIGGER IF EXISTS case_search_delete ON cases_extradition_sources;
CREATE TRIGGER case_search_delete AFTER DELETE ON cases_extradition_sources
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_extradition r JOIN changed_rows m ON r.id = m.extradition_id');
DROP TRIGGER IF EXISTS case_search_touch ON cases_statement_people;
DROP TRIGGER IF EXISTS case_search_insert ON cases_statement_people;
CREATE TRIGGER case_search_insert AFTER INSERT ON cases_statement_people
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_statement r JOIN changed_rows m ON r.id = m.statement_id');
DROP TRIGGER IF EXISTS case_search_update ON cases_statement_people;
CREATE TRIGGER case_search_update AFTER UPDATE ON cases_statement_people
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_statement r JOIN changed_rows m ON r.id = m.statement_id');
DROP TRIGGER IF EXISTS case_search_delete ON cases_statement_people;
CREATE TRIGGER case_search_delete AFTER DELETE ON cases_statement_people
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_statement r JOIN changed_rows m ON r.id = m.statement_id');
DROP TRIGGER IF EXISTS case_search_touch ON cases_statement_sources;
DROP TRIGGER IF EXISTS case_search_insert ON cases_statement_sources;
CREATE TRIGGER case_search_insert AFTER INSERT ON cases_statement_sources
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_statement r JOIN changed_rows m ON r.id = m.statement_id');
DROP TRIGGER IF EXISTS case_search_update ON cases_statement_sources;
CREATE TRIGGER case_search_update AFTER UPDATE ON cases_statement_sources
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_statement r JOIN changed_rows m ON r.id = m.statement_id');
DROP TRIGGER IF EXISTS case_search_delete ON cases_statement_sources;
CREATE TRIGGER case_search_delete AFTER DELETE ON cases_statement_sources
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_statement r JOIN changed_rows m ON r.id = m.statement_id');
DROP TRIGGER IF EXISTS case_search_touch ON cases_event_people;
DROP TRIGGER IF EXISTS case_search_insert ON cases_event_people;
CREATE TRIGGER case_search_insert AFTER INSERT ON cases_event_people
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_event r JOIN changed_rows m ON r.id = m.event_id');
DROP TRIGGER IF EXISTS case_search_update ON cases_event_people;
CREATE TRIGGER case_search_update AFTER UPDATE ON cases_event_people
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_event r JOIN changed_rows m ON r.id = m.event_id');
DROP TRIGGER IF EXISTS case_search_delete ON cases_event_people;
CREATE TRIGGER case_search_delete AFTER DELETE ON cases_event_people
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_event r JOIN changed_rows m ON r.id = m.event_id');
DROP TRIGGER IF EXISTS case_search_touch ON cases_event_sources;
DROP TRIGGER IF EXISTS case_search_insert ON cases_event_sources;
CREATE TRIGGER case_search_insert AFTER INSERT ON cases_event_sources
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_event r JOIN changed_rows m ON r.id = m.event_id');
DROP TRIGGER IF EXISTS case_search_update ON cases_event_sources;
CREATE TRIGGER case_search_update AFTER UPDATE ON cases_event_sources
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_event r JOIN changed_rows m ON r.id = m.event_id');
DROP TRIGGER IF EXISTS case_search_delete ON cases_event_sources;
CREATE TRIGGER case_search_delete AFTER DELETE ON cases_event_sources
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_event r JOIN changed_rows m ON r.id = m.event_id');
DROP TRIGGER IF EXISTS case_search_touch ON people_person;
DROP TRIGGER IF EXISTS case_search_insert ON people_person;
CREATE TRIGGER case_search_insert AFTER INSERT ON people_person
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM cases_casesubject WHERE person_id IN (SELECT id FROM changed_rows) UNION SELECT case_id FROM cases_statement WHERE speaker_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_detention r JOIN cases_detention_people m ON m.detention_id = r.id WHERE m.person_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_asylumdecision r JOIN cases_asylumdecision_people m ON m.asylumdecision_id = r.id WHERE m.person_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_appeal r JOIN cases_appeal_people m ON m.appeal_id = r.id WHERE m.person_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_extradition r JOIN cases_extradition_people m ON m.extradition_id = r.id WHERE m.person_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_statement r JOIN cases_statement_people m ON m.statement_id = r.id WHERE m.person_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_event r JOIN cases_event_people m ON m.event_id = r.id WHERE m.person_id IN (SELECT id FROM changed_rows)');
DROP TRIGGER IF EXISTS case_search_update ON people_person;
CREATE TRIGGER case_search_update AFTER UPDATE ON people_person
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM cases_casesubject WHERE person_id IN (SELECT id FROM changed_rows) UNION SELECT case_id FROM cases_statement WHERE speaker_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_detention r JOIN cases_detention_people m ON m.detention_id = r.id WHERE m.person_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_asylumdecision r JOIN cases_asylumdecision_people m ON m.asylumdecision_id = r.id WHERE m.person_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_appeal r JOIN cases_appeal_people m ON m.appeal_id = r.id WHERE m.person_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_extradition r JOIN cases_extradition_people m ON m.extradition_id = r.id WHERE m.person_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_statement r JOIN cases_statement_people m ON m.statement_id = r.id WHERE m.person_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_event r JOIN cases_event_people m ON m.event_id = r.id WHERE m.person_id IN (SELECT id FROM changed_rows)');
DROP TRIGGER IF EXISTS case_search_delete ON people_person;
CREATE TRIGGER case_search_delete AFTER DELETE ON people_person
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM cases_casesubject WHERE person_id IN (SELECT id FROM changed_rows) UNION SELECT case_id FROM cases_statement WHERE speaker_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_detention r JOIN cases_detention_people m ON m.detention_id = r.id WHERE m.person_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_asylumdecision r JOIN cases_asylumdecision_people m ON m.asylumdecision_id = r.id WHERE m.person_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_appeal r JOIN cases_appeal_people m ON m.appeal_id = r.id WHERE m.person_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_extradition r JOIN cases_extradition_people m ON m.extradition_id = r.id WHERE m.person_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_statement r JOIN cases_statement_people m ON m.statement_id = r.id WHERE m.person_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_event r JOIN cases_event_people m ON m.event_id = r.id WHERE m.person_id IN (SELECT id FROM changed_rows)');
DROP TRIGGER IF EXISTS case_search_touch ON people_namevariant;
DROP TRIGGER IF EXISTS case_search_insert ON people_namevariant;
CREATE TRIGGER case_search_insert AFTER INSERT ON people_namevariant
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM cases_casesubject WHERE person_id IN (SELECT person_id FROM changed_rows) UNION SELECT case_id FROM cases_statement WHERE speaker_id IN (SELECT person_id FROM changed_rows) UNION SELECT r.case_id FROM cases_detention r JOIN cases_detention_people m ON m.detention_id = r.id WHERE m.person_id IN (SELECT person_id FROM changed_rows) UNION SELECT r.case_id FROM cases_asylumdecision r JOIN cases_asylumdecision_people m ON m.asylumdecision_id = r.id WHERE m.person_id IN (SELECT person_id FROM changed_rows) UNION SELECT r.case_id FROM cases_appeal r JOIN cases_appeal_people m ON m.appeal_id = r.id WHERE m.person_id IN (SELECT person_id FROM changed_rows) UNION SELECT r.case_id FROM cases_extradition r JOIN cases_extradition_people m ON m.extradition_id = r.id WHERE m.person_id IN (SELECT person_id FROM changed_rows) UNION SELECT r.case_id FROM cases_statement r JOIN cases_statement_people m ON m.statement_id = r.id WHERE m.person_id IN (SELECT person_id FROM changed_rows) UNION SELECT r.case_id FROM cases_event r JOIN cases_event_people m ON m.event_id = r.id WHERE m.person_id IN (SELECT person_id FROM changed_rows)');
DROP TRIGGER IF EXISTS case_search_update ON people_namevariant;
CREATE TRIGGER case_search_update AFTER UPDATE ON people_namevariant
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM cases_casesubject WHERE person_id IN (SELECT person_id FROM changed_rows) UNION SELECT case_id FROM cases_statement WHERE speaker_id IN (SELECT person_id FROM changed_rows) UNION SELECT r.case_id FROM cases_detention r JOIN cases_detention_people m ON m.detention_id = r.id WHERE m.person_id IN (SELECT person_id FROM changed_rows) UNION SELECT r.case_id FROM cases_asylumdecision r JOIN cases_asylumdecision_people m ON m.asylumdecision_id = r.id WHERE m.person_id IN (SELECT person_id FROM changed_rows) UNION SELECT r.case_id FROM cases_appeal r JOIN cases_appeal_people m ON m.appeal_id = r.id WHERE m.person_id IN (SELECT person_id FROM changed_rows) UNION SELECT r.case_id FROM cases_extradition r JOIN cases_extradition_people m ON m.extradition_id = r.id WHERE m.person_id IN (SELECT person_id FROM changed_rows) UNION SELECT r.case_id FROM cases_statement r JOIN cases_statement_people m ON m.statement_id = r.id WHERE m.person_id IN (SELECT person_id FROM changed_rows) UNION SELECT r.case_id FROM cases_event r JOIN cases_event_people m ON m.event_id = r.id WHERE m.person_id IN (SELECT person_id FROM changed_rows)');
DROP TRIGGER IF EXISTS case_search_delete ON people_namevariant;
CREATE TRIGGER case_search_delete AFTER DELETE ON people_namevariant
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM cases_casesubject WHERE person_id IN (SELECT person_id FROM changed_rows) UNION SELECT case_id FROM cases_statement WHERE speaker_id IN (SELECT person_id FROM changed_rows) UNION SELECT r.case_id FROM cases_detention r JOIN cases_detention_people m ON m.detention_id = r.id WHERE m.person_id IN (SELECT person_id FROM changed_rows) UNION SELECT r.case_id FROM cases_asylumdecision r JOIN cases_asylumdecision_people m ON m.asylumdecision_id = r.id WHERE m.person_id IN (SELECT person_id FROM changed_rows) UNION SELECT r.case_id FROM cases_appeal r JOIN cases_appeal_people m ON m.appeal_id = r.id WHERE m.person_id IN (SELECT person_id FROM changed_rows) UNION SELECT r.case_id FROM cases_extradition r JOIN cases_extradition_people m ON m.extradition_id = r.id WHERE m.person_id IN (SELECT person_id FROM changed_rows) UNION SELECT r.case_id FROM cases_statement r JOIN cases_statement_people m ON m.statement_id = r.id WHERE m.person_id IN (SELECT person_id FROM changed_rows) UNION SELECT r.case_id FROM cases_event r JOIN cases_event_people m ON m.event_id = r.id WHERE m.person_id IN (SELECT person_id FROM changed_rows)');
DROP TRIGGER IF EXISTS case_search_touch ON organizations_organization;
DROP TRIGGER IF EXISTS case_search_insert ON organizations_organization;
CREATE TRIGGER case_search_insert AFTER INSERT ON organizations_organization
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM cases_detention WHERE authority_id IN (SELECT id FROM changed_rows) UNION SELECT case_id FROM cases_asylumdecision WHERE authority_id IN (SELECT id FROM changed_rows) UNION SELECT case_id FROM cases_appeal WHERE body_id IN (SELECT id FROM changed_rows) UNION SELECT case_id FROM cases_extradition WHERE ordered_by_id IN (SELECT id FROM changed_rows) UNION SELECT case_id FROM cases_statement WHERE organization_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_detention r JOIN cases_detention_sources m ON m.detention_id = r.id JOIN cases_source s ON s.id = m.source_id WHERE s.publisher_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_asylumdecision r JOIN cases_asylumdecision_sources m ON m.asylumdecision_id = r.id JOIN cases_source s ON s.id = m.source_id WHERE s.publisher_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_appeal r JOIN cases_appeal_sources m ON m.appeal_id = r.id JOIN cases_source s ON s.id = m.source_id WHERE s.publisher_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_extradition r JOIN cases_extradition_sources m ON m.extradition_id = r.id JOIN cases_source s ON s.id = m.source_id WHERE s.publisher_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_statement r JOIN cases_statement_sources m ON m.statement_id = r.id JOIN cases_source s ON s.id = m.source_id WHERE s.publisher_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_event r JOIN cases_event_sources m ON m.event_id = r.id JOIN cases_source s ON s.id = m.source_id WHERE s.publisher_id IN (SELECT id FROM changed_rows)');
DROP TRIGGER IF EXISTS case_search_update ON organizations_organization;
CREATE TRIGGER case_search_update AFTER UPDATE ON organizations_organization
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM cases_detention WHERE authority_id IN (SELECT id FROM changed_rows) UNION SELECT case_id FROM cases_asylumdecision WHERE authority_id IN (SELECT id FROM changed_rows) UNION SELECT case_id FROM cases_appeal WHERE body_id IN (SELECT id FROM changed_rows) UNION SELECT case_id FROM cases_extradition WHERE ordered_by_id IN (SELECT id FROM changed_rows) UNION SELECT case_id FROM cases_statement WHERE organization_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_detention r JOIN cases_detention_sources m ON m.detention_id = r.id JOIN cases_source s ON s.id = m.source_id WHERE s.publisher_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_asylumdecision r JOIN cases_asylumdecision_sources m ON m.asylumdecision_id = r.id JOIN cases_source s ON s.id = m.source_id WHERE s.publisher_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_appeal r JOIN cases_appeal_sources m ON m.appeal_id = r.id JOIN cases_source s ON s.id = m.source_id WHERE s.publisher_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_extradition r JOIN cases_extradition_sources m ON m.extradition_id = r.id JOIN cases_source s ON s.id = m.source_id WHERE s.publisher_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_statement r JOIN cases_statement_sources m ON m.statement_id = r.id JOIN cases_source s ON s.id = m.source_id WHERE s.publisher_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_event r JOIN cases_event_sources m ON m.event_id = r.id JOIN cases_source s ON s.id = m.source_id WHERE s.publisher_id IN (SELECT id FROM changed_rows)');
DROP TRIGGER IF EXISTS case_search_delete ON organizations_organization;
CREATE TRIGGER case_search_delete AFTER DELETE ON organizations_organization
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT case_id FROM cases_detention WHERE authority_id IN (SELECT id FROM changed_rows) UNION SELECT case_id FROM cases_asylumdecision WHERE authority_id IN (SELECT id FROM changed_rows) UNION SELECT case_id FROM cases_appeal WHERE body_id IN (SELECT id FROM changed_rows) UNION SELECT case_id FROM cases_extradition WHERE ordered_by_id IN (SELECT id FROM changed_rows) UNION SELECT case_id FROM cases_statement WHERE organization_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_detention r JOIN cases_detention_sources m ON m.detention_id = r.id JOIN cases_source s ON s.id = m.source_id WHERE s.publisher_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_asylumdecision r JOIN cases_asylumdecision_sources m ON m.asylumdecision_id = r.id JOIN cases_source s ON s.id = m.source_id WHERE s.publisher_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_appeal r JOIN cases_appeal_sources m ON m.appeal_id = r.id JOIN cases_source s ON s.id = m.source_id WHERE s.publisher_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_extradition r JOIN cases_extradition_sources m ON m.extradition_id = r.id JOIN cases_source s ON s.id = m.source_id WHERE s.publisher_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_statement r JOIN cases_statement_sources m ON m.statement_id = r.id JOIN cases_source s ON s.id = m.source_id WHERE s.publisher_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_event r JOIN cases_event_sources m ON m.event_id = r.id JOIN cases_source s ON s.id = m.source_id WHERE s.publisher_id IN (SELECT id FROM changed_rows)');
DROP TRIGGER IF EXISTS case_search_touch ON cases_source;
DROP TRIGGER IF EXISTS case_search_insert ON cases_source;
CREATE TRIGGER case_search_insert AFTER INSERT ON cases_source
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_detention r JOIN cases_detention_sources m ON m.detention_id = r.id WHERE m.source_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_asylumdecision r JOIN cases_asylumdecision_sources m ON m.asylumdecision_id = r.id WHERE m.source_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_appeal r JOIN cases_appeal_sources m ON m.appeal_id = r.id WHERE m.source_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_extradition r JOIN cases_extradition_sources m ON m.extradition_id = r.id WHERE m.source_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_statement r JOIN cases_statement_sources m ON m.statement_id = r.id WHERE m.source_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_event r JOIN cases_event_sources m ON m.event_id = r.id WHERE m.source_id IN (SELECT id FROM changed_rows)');
DROP TRIGGER IF EXISTS case_search_update ON cases_source;
CREATE TRIGGER case_search_update AFTER UPDATE ON cases_source
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_detention r JOIN cases_detention_sources m ON m.detention_id = r.id WHERE m.source_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_asylumdecision r JOIN cases_asylumdecision_sources m ON m.asylumdecision_id = r.id WHERE m.source_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_appeal r JOIN cases_appeal_sources m ON m.appeal_id = r.id WHERE m.source_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_extradition r JOIN cases_extradition_sources m ON m.extradition_id = r.id WHERE m.source_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_statement r JOIN cases_statement_sources m ON m.statement_id = r.id WHERE m.source_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_event r JOIN cases_event_sources m ON m.event_id = r.id WHERE m.source_id IN (SELECT id FROM changed_rows)');
DROP TRIGGER IF EXISTS case_search_delete ON cases_source;
CREATE TRIGGER case_search_delete AFTER DELETE ON cases_source
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION case_search_touch('SELECT r.case_id FROM cases_detention r JOIN cases_detention_sources m ON m.detention_id = r.id WHERE m.source_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_asylumdecision r JOIN cases_asylumdecision_sources m ON m.asylumdecision_id = r.id WHERE m.source_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_appeal r JOIN cases_appeal_sources m ON m.appeal_id = r.id WHERE m.source_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_extradition r JOIN cases_extradition_sources m ON m.extradition_id = r.id WHERE m.source_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_statement r JOIN cases_statement_sources m ON m.statement_id = r.id WHERE m.source_id IN (SELECT id FROM changed_rows) UNION SELECT r.case_id FROM cases_event r JOIN cases_event_sources m ON m.event_id = r.id WHERE m.source_id IN (SELECT id FROM changed_rows)');"""

DROP_TRIGGERS = r"""DROP TRIGGER IF EXISTS case_search_insert ON cases_case;
DROP TRIGGER IF EXISTS case_search_update ON cases_case;
DROP TRIGGER IF EXISTS case_search_delete ON cases_case;
DROP TRIGGER IF EXISTS case_search_insert ON cases_detention;
DROP TRIGGER IF EXISTS case_search_update ON cases_detention;
DROP TRIGGER IF EXISTS case_search_delete ON cases_detention;
DROP TRIGGER IF EXISTS case_search_insert ON cases_asylumdecision;
DROP TRIGGER IF EXISTS case_search_update ON cases_asylumdecision;
DROP TRIGGER IF EXISTS case_search_delete ON cases_asylumdecision;
DROP TRIGGER IF EXISTS case_search_insert ON cases_appeal;
DROP TRIGGER IF EXISTS case_search_update ON cases_appeal;
DROP TRIGGER IF EXISTS case_search_delete ON cases_appeal;
DROP TRIGGER IF EXISTS case_search_insert ON cases_extradition;
DROP TRIGGER IF EXISTS case_search_update ON cases_extradition;
DROP TRIGGER IF EXISTS case_search_delete ON cases_extradition;
DROP TRIGGER IF EXISTS case_search_insert ON cases_statement;
DROP TRIGGER IF EXISTS case_search_update ON cases_statement;
DROP TRIGGER IF EXISTS case_search_delete ON cases_statement;
DROP TRIGGER IF EXISTS case_search_insert ON cases_event;
DROP TRIGGER IF EXISTS case_search_update ON cases_event;
DROP TRIGGER IF EXISTS case_search_delete ON cases_event;
DROP TRIGGER IF EXISTS case_search_insert ON cases_casesubject;
DROP TRIGGER IF EXISTS case_search_update ON cases_casesubject;
DROP TRIGGER IF EXISTS case_search_delete ON cases_casesubject;
DROP TRIGGER IF EXISTS case_search_insert ON cases_detention_people;
DROP TRIGGER IF EXISTS case_search_update ON cases_detention_people;
DROP TRIGGER IF EXISTS case_search_delete ON cases_detention_people;
DROP TRIGGER IF EXISTS case_search_insert ON cases_detention_sources;
DROP TRIGGER IF EXISTS case_search_update ON cases_detention_sources;
DROP TRIGGER IF EXISTS case_search_delete ON cases_detention_sources;
DROP TRIGGER IF EXISTS case_search_insert ON cases_asylumdecision_people;
DROP TRIGGER IF EXISTS case_search_update ON cases_asylumdecision_people;
DROP TRIGGER IF EXISTS case_search_delete ON cases_asylumdecision_people;
DROP TRIGGER IF EXISTS case_search_insert ON cases_asylumdecision_sources;
DROP TRIGGER IF EXISTS case_search_update ON cases_asylumdecision_sources;
DROP TRIGGER IF EXISTS case_search_delete ON cases_asylumdecision_sources;
DROP TRIGGER IF EXISTS case_search_insert ON cases_appeal_people;
DROP TRIGGER IF EXISTS case_search_update ON cases_appeal_people;
DROP TRIGGER IF EXISTS case_search_delete ON cases_appeal_people;
DROP TRIGGER IF EXISTS case_search_insert ON cases_appeal_sources;
DROP TRIGGER IF EXISTS case_search_update ON cases_appeal_sources;
DROP TRIGGER IF EXISTS case_search_delete ON cases_appeal_sources;
DROP TRIGGER IF EXISTS case_search_insert ON cases_extradition_people;
DROP TRIGGER IF EXISTS case_search_update ON cases_extradition_people;
DROP TRIGGER IF EXISTS case_search_delete ON cases_extradition_people;
DROP TRIGGER IF EXISTS case_search_insert ON cases_extradition_sources;
DROP TRIGGER IF EXISTS case_search_update ON cases_extradition_sources;
DROP TRIGGER IF EXISTS case_search_delete ON cases_extradition_sources;
DROP TRIGGER IF EXISTS case_search_insert ON cases_statement_people;
DROP TRIGGER IF EXISTS case_search_update ON cases_statement_people;
DROP TRIGGER IF EXISTS case_search_delete ON cases_statement_people;
DROP TRIGGER IF EXISTS case_search_insert ON cases_statement_sources;
DROP TRIGGER IF EXISTS case_search_update ON cases_statement_sources;
DROP TRIGGER IF EXISTS case_search_delete ON cases_statement_sources;
DROP TRIGGER IF EXISTS case_search_insert ON cases_event_people;
DROP TRIGGER IF EXISTS case_search_update ON cases_event_people;
DROP TRIGGER IF EXISTS case_search_delete ON cases_event_people;
DROP TRIGGER IF EXISTS case_search_insert ON cases_event_sources;
DROP TRIGGER IF EXISTS case_search_update ON cases_event_sources;
DROP TRIGGER IF EXISTS case_search_delete ON cases_event_sources;
DROP TRIGGER IF EXISTS case_search_insert ON people_person;
DROP TRIGGER IF EXISTS case_search_update ON people_person;
DROP TRIGGER IF EXISTS case_search_delete ON people_person;
DROP TRIGGER IF EXISTS case_search_insert ON people_namevariant;
DROP TRIGGER IF EXISTS case_search_update ON people_namevariant;
DROP TRIGGER IF EXISTS case_search_delete ON people_namevariant;
DROP TRIGGER IF EXISTS case_search_insert ON organizations_organization;
DROP TRIGGER IF EXISTS case_search_update ON organizations_organization;
DROP TRIGGER IF EXISTS case_search_delete ON organizations_organization;
DROP TRIGGER IF EXISTS case_search_insert ON cases_source;
DROP TRIGGER IF EXISTS case_search_update ON cases_source;
DROP TRIGGER IF EXISTS case_search_delete ON cases_source;"""


class Migration(migrations.Migration):
    dependencies = [('cases', '0008_publication_workflow'), ('people', '0003_archiving'), ('organizations', '0002_archiving')]

    operations = [
        migrations.RunSQL(REFRESH_FUNCTION, migrations.RunSQL.noop),
        migrations.RunSQL(TOUCH_FUNCTION, "DROP FUNCTION IF EXISTS case_search_touch() CASCADE;"),
        migrations.RunSQL(TRIGGERS, DROP_TRIGGERS),
        # Build the documents of cases that exist already.
        migrations.RunSQL(
            "SELECT case_search_refresh(ARRAY(SELECT id FROM cases_case));", migrations.RunSQL.noop
        ),
    ]
