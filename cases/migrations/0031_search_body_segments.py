"""Search documents' SQL, generated from the models (cases/search/document_sql.py).

Written by `python manage.py makesearchmigration`: run it again when a model that feeds
search changes. Reversing puts back the SQL that the previous migrations froze
(0030_search_folds_titles_places), copied below as text: no migration imports another. The documents are
then rebuilt, in batches of 5,000 cases inside this migration's transaction; with
SEARCH_REBUILD=later the rebuild is left to `python manage.py rebuild_search_documents`
(each batch its own transaction, resumable). Reversing rebuilds nothing: the old
function may not fill columns this state has; run rebuild_search_documents afterwards.
"""

import os

from django.db import migrations

REFRESH_FUNCTION = r"""
CREATE OR REPLACE FUNCTION case_search_refresh(case_ids bigint[]) RETURNS void
LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $refresh$
BEGIN
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
    SELECT case_id, string_agg(text, ' ') AS text, string_agg(names, ' ') AS names,
           string_agg(segment, E'\x1e') AS segments FROM (
    SELECT r.case_id, concat_ws(' ', r.summary, r.place, (SELECT concat_ws(' ', o.name, o.acronym) FROM organizations_organization o WHERE o.id = r.authority_id AND o.visibility = 'public' AND o.archived_at IS NULL), r.basis) AS text, concat_ws(' ', r.place) AS names, 'detention|' || coalesce(r.started_on::text, '') || '|' || coalesce(r.started_on_precision, '') || E'\x1f' || translate(concat_ws(' — ', nullif(concat_ws(' ', r.summary, r.place, r.basis), ''), nullif(concat_ws(', ', (SELECT concat_ws(' ', o.name, o.acronym) FROM organizations_organization o WHERE o.id = r.authority_id AND o.visibility = 'public' AND o.archived_at IS NULL)), '')), E'\x1e\x1f', '  ') AS segment FROM cases_detention r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, concat_ws(' ', r.summary, (SELECT concat_ws(' ', o.name, o.acronym) FROM organizations_organization o WHERE o.id = r.authority_id AND o.visibility = 'public' AND o.archived_at IS NULL), r.grounds) AS text, NULL::text AS names, 'asylum_decision|' || coalesce(r.decided_on::text, '') || '|' || coalesce(r.decided_on_precision, '') || E'\x1f' || translate(concat_ws(' — ', nullif(concat_ws(' ', r.summary, r.grounds), ''), nullif(concat_ws(', ', (SELECT concat_ws(' ', o.name, o.acronym) FROM organizations_organization o WHERE o.id = r.authority_id AND o.visibility = 'public' AND o.archived_at IS NULL)), '')), E'\x1e\x1f', '  ') AS segment FROM cases_asylumdecision r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, concat_ws(' ', r.summary, (SELECT concat_ws(' ', o.name, o.acronym) FROM organizations_organization o WHERE o.id = r.body_id AND o.visibility = 'public' AND o.archived_at IS NULL), r.reference) AS text, NULL::text AS names, 'appeal|' || coalesce(r.decided_on::text, '') || '|' || coalesce(r.decided_on_precision, '') || E'\x1f' || translate(concat_ws(' — ', nullif(concat_ws(' ', r.summary, r.reference), ''), nullif(concat_ws(', ', (SELECT concat_ws(' ', o.name, o.acronym) FROM organizations_organization o WHERE o.id = r.body_id AND o.visibility = 'public' AND o.archived_at IS NULL)), '')), E'\x1e\x1f', '  ') AS segment FROM cases_appeal r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, concat_ws(' ', r.summary, (SELECT concat_ws(' ', o.name, o.acronym) FROM organizations_organization o WHERE o.id = r.ordered_by_id AND o.visibility = 'public' AND o.archived_at IS NULL), r.charges, r.legal_basis, r.assurances) AS text, NULL::text AS names, 'extradition|' || coalesce(r.carried_out_on::text, '') || '|' || coalesce(r.carried_out_on_precision, '') || E'\x1f' || translate(concat_ws(' — ', nullif(concat_ws(' ', r.summary, r.charges, r.legal_basis, r.assurances), ''), nullif(concat_ws(', ', (SELECT concat_ws(' ', o.name, o.acronym) FROM organizations_organization o WHERE o.id = r.ordered_by_id AND o.visibility = 'public' AND o.archived_at IS NULL)), '')), E'\x1e\x1f', '  ') AS segment FROM cases_extradition r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, concat_ws(' ', r.summary, (SELECT concat_ws(' ', o.name, o.acronym) FROM organizations_organization o WHERE o.id = r.organization_id AND o.visibility = 'public' AND o.archived_at IS NULL), (SELECT p.display_name FROM people_person p WHERE p.id = r.speaker_id AND p.visibility = 'public' AND p.archived_at IS NULL), r.quote) AS text, NULL::text AS names, 'statement|' || coalesce(r.made_on::text, '') || '|' || coalesce(r.made_on_precision, '') || E'\x1f' || translate(concat_ws(' — ', nullif(concat_ws(' ', r.summary, r.quote), ''), nullif(concat_ws(', ', (SELECT concat_ws(' ', o.name, o.acronym) FROM organizations_organization o WHERE o.id = r.organization_id AND o.visibility = 'public' AND o.archived_at IS NULL), (SELECT p.display_name FROM people_person p WHERE p.id = r.speaker_id AND p.visibility = 'public' AND p.archived_at IS NULL)), '')), E'\x1e\x1f', '  ') AS segment FROM cases_statement r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids) AND EXISTS (SELECT 1 FROM organizations_organization x WHERE x.id = r.organization_id AND x.visibility = 'public' AND x.archived_at IS NULL)
    UNION ALL SELECT r.case_id, concat_ws(' ', r.summary, r.title, r.place) AS text, concat_ws(' ', r.place) AS names, 'event|' || coalesce(r.started_on::text, '') || '|' || coalesce(r.started_on_precision, '') || E'\x1f' || translate(concat_ws(' ', r.summary, r.title, r.place), E'\x1e\x1f', '  ') AS segment FROM cases_event r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    ) t GROUP BY case_id
),
people AS (
    SELECT l.case_id,
           string_agg(concat_ws(' ', p.display_name, v.texts), ' ') AS text,
           string_agg(concat_ws(' ', p.search_key, v.keys), ' ') AS keys,
           array_agg(DISTINCT p.id ORDER BY p.id) AS ids
    FROM (
    SELECT s.case_id, s.person_id FROM cases_casesubject s WHERE s.visibility = 'public' AND s.case_id = ANY(case_ids)
    UNION SELECT r.case_id, r.speaker_id FROM cases_statement r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids) AND EXISTS (SELECT 1 FROM organizations_organization x WHERE x.id = r.organization_id AND x.visibility = 'public' AND x.archived_at IS NULL)
    UNION SELECT r.case_id, m.person_id FROM cases_detention r JOIN cases_detention_people m ON m.detention_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.person_id FROM cases_asylumdecision r JOIN cases_asylumdecision_people m ON m.asylumdecision_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.person_id FROM cases_appeal r JOIN cases_appeal_people m ON m.appeal_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.person_id FROM cases_extradition r JOIN cases_extradition_people m ON m.extradition_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.person_id FROM cases_statement r JOIN cases_statement_people m ON m.statement_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids) AND EXISTS (SELECT 1 FROM organizations_organization x WHERE x.id = r.organization_id AND x.visibility = 'public' AND x.archived_at IS NULL)
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
    SELECT c.case_id, string_agg(concat_ws(' ', s.title, o.name, o.acronym), ' ') AS text,
           string_agg('source|' || coalesce(s.published_on::text, '') || '|' || coalesce(s.published_on_precision, '') || E'\x1f' || translate(s.title, E'\x1e\x1f', '  '), E'\x1e') AS segments
    FROM (
    SELECT r.case_id, m.source_id AS source_id FROM cases_detention r JOIN cases_detention_sources m ON m.detention_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.source_id AS source_id FROM cases_asylumdecision r JOIN cases_asylumdecision_sources m ON m.asylumdecision_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.source_id AS source_id FROM cases_appeal r JOIN cases_appeal_sources m ON m.appeal_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.source_id AS source_id FROM cases_extradition r JOIN cases_extradition_sources m ON m.extradition_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.source_id AS source_id FROM cases_statement r JOIN cases_statement_sources m ON m.statement_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids) AND EXISTS (SELECT 1 FROM organizations_organization x WHERE x.id = r.organization_id AND x.visibility = 'public' AND x.archived_at IS NULL)
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
    UNION ALL SELECT r.case_id, 'statement' AS kind FROM cases_statement r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids) AND EXISTS (SELECT 1 FROM organizations_organization x WHERE x.id = r.organization_id AND x.visibility = 'public' AND x.archived_at IS NULL)
    UNION ALL SELECT r.case_id, 'event' AS kind FROM cases_event r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    ) k GROUP BY case_id
),
dates AS (
    SELECT case_id, array_agg(DISTINCT day ORDER BY day) AS days FROM (
    SELECT r.case_id, unnest(ARRAY[r.started_on, r.ended_on]) AS day FROM cases_detention r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, unnest(ARRAY[r.applied_on, r.decided_on]) AS day FROM cases_asylumdecision r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, unnest(ARRAY[r.filed_on, r.decided_on]) AS day FROM cases_appeal r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, unnest(ARRAY[r.ordered_on, r.carried_out_on]) AS day FROM cases_extradition r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, unnest(ARRAY[r.made_on]) AS day FROM cases_statement r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids) AND EXISTS (SELECT 1 FROM organizations_organization x WHERE x.id = r.organization_id AND x.visibility = 'public' AND x.archived_at IS NULL)
    UNION ALL SELECT r.case_id, unnest(ARRAY[r.started_on, r.ended_on]) AS day FROM cases_event r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    ) d WHERE day IS NOT NULL GROUP BY case_id
),
record_hashes AS (
    SELECT r.case_id, 'detention:' || r.id AS key, md5(jsonb_build_array(r.summary, (SELECT jsonb_agg(jsonb_build_array(r_t.id, r_t.display_name, r_t.slug, r_t.sex, r_t.nationality) ORDER BY r_t.id) FROM cases_detention_people r_tm JOIN people_person r_t ON r_t.id = r_tm.person_id WHERE r_tm.detention_id = r.id AND r_t.visibility = 'public' AND r_t.archived_at IS NULL), (SELECT jsonb_agg(jsonb_build_array(r_t.id, r_t.title, (SELECT jsonb_build_array(r_t_t.id, r_t_t.name, r_t_t.acronym, r_t_t.slug, r_t_t.kind, r_t_t.country, r_t_t.website) FROM organizations_organization r_t_t WHERE r_t_t.id = r_t.publisher_id AND r_t_t.visibility = 'public' AND r_t_t.archived_at IS NULL), r_t.url, r_t.archived_url, r_t.published_on, r_t.published_on_precision, r_t.language, r_t.reliability) ORDER BY r_t.id) FROM cases_detention_sources r_tm JOIN cases_source r_t ON r_t.id = r_tm.source_id WHERE r_tm.detention_id = r.id AND r_t.visibility = 'public'), r.place, (SELECT jsonb_build_array(r_t.id, r_t.name, r_t.acronym, r_t.slug, r_t.kind, r_t.country, r_t.website) FROM organizations_organization r_t WHERE r_t.id = r.authority_id AND r_t.visibility = 'public' AND r_t.archived_at IS NULL), r.started_on, r.started_on_precision, r.ended_on, r.ended_on_precision, r.end_reason, r.basis)::text) AS hash, r.updated_at AS seed FROM cases_detention r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, 'asylumdecision:' || r.id AS key, md5(jsonb_build_array(r.summary, (SELECT jsonb_agg(jsonb_build_array(r_t.id, r_t.display_name, r_t.slug, r_t.sex, r_t.nationality) ORDER BY r_t.id) FROM cases_asylumdecision_people r_tm JOIN people_person r_t ON r_t.id = r_tm.person_id WHERE r_tm.asylumdecision_id = r.id AND r_t.visibility = 'public' AND r_t.archived_at IS NULL), (SELECT jsonb_agg(jsonb_build_array(r_t.id, r_t.title, (SELECT jsonb_build_array(r_t_t.id, r_t_t.name, r_t_t.acronym, r_t_t.slug, r_t_t.kind, r_t_t.country, r_t_t.website) FROM organizations_organization r_t_t WHERE r_t_t.id = r_t.publisher_id AND r_t_t.visibility = 'public' AND r_t_t.archived_at IS NULL), r_t.url, r_t.archived_url, r_t.published_on, r_t.published_on_precision, r_t.language, r_t.reliability) ORDER BY r_t.id) FROM cases_asylumdecision_sources r_tm JOIN cases_source r_t ON r_t.id = r_tm.source_id WHERE r_tm.asylumdecision_id = r.id AND r_t.visibility = 'public'), (SELECT jsonb_build_array(r_t.id, r_t.name, r_t.acronym, r_t.slug, r_t.kind, r_t.country, r_t.website) FROM organizations_organization r_t WHERE r_t.id = r.authority_id AND r_t.visibility = 'public' AND r_t.archived_at IS NULL), r.kind, r.applied_on, r.applied_on_precision, r.decided_on, r.decided_on_precision, r.outcome, r.grounds)::text) AS hash, r.updated_at AS seed FROM cases_asylumdecision r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, 'appeal:' || r.id AS key, md5(jsonb_build_array(r.summary, (SELECT jsonb_agg(jsonb_build_array(r_t.id, r_t.display_name, r_t.slug, r_t.sex, r_t.nationality) ORDER BY r_t.id) FROM cases_appeal_people r_tm JOIN people_person r_t ON r_t.id = r_tm.person_id WHERE r_tm.appeal_id = r.id AND r_t.visibility = 'public' AND r_t.archived_at IS NULL), (SELECT jsonb_agg(jsonb_build_array(r_t.id, r_t.title, (SELECT jsonb_build_array(r_t_t.id, r_t_t.name, r_t_t.acronym, r_t_t.slug, r_t_t.kind, r_t_t.country, r_t_t.website) FROM organizations_organization r_t_t WHERE r_t_t.id = r_t.publisher_id AND r_t_t.visibility = 'public' AND r_t_t.archived_at IS NULL), r_t.url, r_t.archived_url, r_t.published_on, r_t.published_on_precision, r_t.language, r_t.reliability) ORDER BY r_t.id) FROM cases_appeal_sources r_tm JOIN cases_source r_t ON r_t.id = r_tm.source_id WHERE r_tm.appeal_id = r.id AND r_t.visibility = 'public'), (SELECT jsonb_build_array(r_t.id, r_t.summary, r_t.kind, r_t.applied_on, r_t.applied_on_precision, r_t.decided_on, r_t.decided_on_precision, r_t.outcome, r_t.grounds) FROM cases_asylumdecision r_t WHERE r_t.id = r.contests_decision_id AND r_t.visibility = 'public'), (SELECT jsonb_build_array(r_t.id, r_t.summary, r_t.from_country, r_t.to_country, r_t.requesting_state, r_t.charges, r_t.legal_basis, r_t.assurances, r_t.ordered_on, r_t.ordered_on_precision, r_t.carried_out_on, r_t.carried_out_on_precision, r_t.status) FROM cases_extradition r_t WHERE r_t.id = r.contests_extradition_id AND r_t.visibility = 'public'), (SELECT jsonb_build_array(r_t.id, r_t.name, r_t.acronym, r_t.slug, r_t.kind, r_t.country, r_t.website) FROM organizations_organization r_t WHERE r_t.id = r.body_id AND r_t.visibility = 'public' AND r_t.archived_at IS NULL), r.level, r.reference, r.filed_on, r.filed_on_precision, r.decided_on, r.decided_on_precision, r.outcome, r.interim_measures)::text) AS hash, r.updated_at AS seed FROM cases_appeal r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, 'extradition:' || r.id AS key, md5(jsonb_build_array(r.summary, (SELECT jsonb_agg(jsonb_build_array(r_t.id, r_t.display_name, r_t.slug, r_t.sex, r_t.nationality) ORDER BY r_t.id) FROM cases_extradition_people r_tm JOIN people_person r_t ON r_t.id = r_tm.person_id WHERE r_tm.extradition_id = r.id AND r_t.visibility = 'public' AND r_t.archived_at IS NULL), (SELECT jsonb_agg(jsonb_build_array(r_t.id, r_t.title, (SELECT jsonb_build_array(r_t_t.id, r_t_t.name, r_t_t.acronym, r_t_t.slug, r_t_t.kind, r_t_t.country, r_t_t.website) FROM organizations_organization r_t_t WHERE r_t_t.id = r_t.publisher_id AND r_t_t.visibility = 'public' AND r_t_t.archived_at IS NULL), r_t.url, r_t.archived_url, r_t.published_on, r_t.published_on_precision, r_t.language, r_t.reliability) ORDER BY r_t.id) FROM cases_extradition_sources r_tm JOIN cases_source r_t ON r_t.id = r_tm.source_id WHERE r_tm.extradition_id = r.id AND r_t.visibility = 'public'), r.from_country, r.to_country, r.requesting_state, (SELECT jsonb_build_array(r_t.id, r_t.name, r_t.acronym, r_t.slug, r_t.kind, r_t.country, r_t.website) FROM organizations_organization r_t WHERE r_t.id = r.ordered_by_id AND r_t.visibility = 'public' AND r_t.archived_at IS NULL), r.charges, r.legal_basis, r.assurances, r.ordered_on, r.ordered_on_precision, r.carried_out_on, r.carried_out_on_precision, r.status)::text) AS hash, r.updated_at AS seed FROM cases_extradition r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, 'statement:' || r.id AS key, md5(jsonb_build_array(r.summary, (SELECT jsonb_agg(jsonb_build_array(r_t.id, r_t.display_name, r_t.slug, r_t.sex, r_t.nationality) ORDER BY r_t.id) FROM cases_statement_people r_tm JOIN people_person r_t ON r_t.id = r_tm.person_id WHERE r_tm.statement_id = r.id AND r_t.visibility = 'public' AND r_t.archived_at IS NULL), (SELECT jsonb_agg(jsonb_build_array(r_t.id, r_t.title, (SELECT jsonb_build_array(r_t_t.id, r_t_t.name, r_t_t.acronym, r_t_t.slug, r_t_t.kind, r_t_t.country, r_t_t.website) FROM organizations_organization r_t_t WHERE r_t_t.id = r_t.publisher_id AND r_t_t.visibility = 'public' AND r_t_t.archived_at IS NULL), r_t.url, r_t.archived_url, r_t.published_on, r_t.published_on_precision, r_t.language, r_t.reliability) ORDER BY r_t.id) FROM cases_statement_sources r_tm JOIN cases_source r_t ON r_t.id = r_tm.source_id WHERE r_tm.statement_id = r.id AND r_t.visibility = 'public'), (SELECT jsonb_build_array(r_t.id, r_t.name, r_t.acronym, r_t.slug, r_t.kind, r_t.country, r_t.website) FROM organizations_organization r_t WHERE r_t.id = r.organization_id AND r_t.visibility = 'public' AND r_t.archived_at IS NULL), (SELECT jsonb_build_array(r_t.id, r_t.display_name, r_t.slug, r_t.sex, r_t.nationality) FROM people_person r_t WHERE r_t.id = r.speaker_id AND r_t.visibility = 'public' AND r_t.archived_at IS NULL), r.made_on, r.made_on_precision, r.language, r.quote)::text) AS hash, r.updated_at AS seed FROM cases_statement r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids) AND EXISTS (SELECT 1 FROM organizations_organization x WHERE x.id = r.organization_id AND x.visibility = 'public' AND x.archived_at IS NULL)
    UNION ALL SELECT r.case_id, 'event:' || r.id AS key, md5(jsonb_build_array(r.summary, (SELECT jsonb_agg(jsonb_build_array(r_t.id, r_t.display_name, r_t.slug, r_t.sex, r_t.nationality) ORDER BY r_t.id) FROM cases_event_people r_tm JOIN people_person r_t ON r_t.id = r_tm.person_id WHERE r_tm.event_id = r.id AND r_t.visibility = 'public' AND r_t.archived_at IS NULL), (SELECT jsonb_agg(jsonb_build_array(r_t.id, r_t.title, (SELECT jsonb_build_array(r_t_t.id, r_t_t.name, r_t_t.acronym, r_t_t.slug, r_t_t.kind, r_t_t.country, r_t_t.website) FROM organizations_organization r_t_t WHERE r_t_t.id = r_t.publisher_id AND r_t_t.visibility = 'public' AND r_t_t.archived_at IS NULL), r_t.url, r_t.archived_url, r_t.published_on, r_t.published_on_precision, r_t.language, r_t.reliability) ORDER BY r_t.id) FROM cases_event_sources r_tm JOIN cases_source r_t ON r_t.id = r_tm.source_id WHERE r_tm.event_id = r.id AND r_t.visibility = 'public'), r.kind, r.title, r.place, r.started_on, r.started_on_precision, r.ended_on, r.ended_on_precision)::text) AS hash, r.updated_at AS seed FROM cases_event r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
),
stamps AS (
    SELECT h.case_id, jsonb_object_agg(h.key, h.hash) AS hashes,
           jsonb_object_agg(h.key, jsonb_build_object('h', h.hash, 't', CASE WHEN old.record_stamps -> h.key ->> 'h' = h.hash THEN old.record_stamps -> h.key -> 't' WHEN old.case_id IS NOT NULL AND old.public_hash IS NULL THEN to_jsonb(h.seed) ELSE to_jsonb(statement_timestamp()) END)) AS stamps
    FROM record_hashes h LEFT JOIN cases_casesearch old ON old.case_id = h.case_id
    GROUP BY h.case_id
),
subjects AS (
    SELECT s.case_id, jsonb_agg(jsonb_build_array((SELECT jsonb_build_array(s_t.id, s_t.display_name, s_t.slug, s_t.sex, s_t.nationality) FROM people_person s_t WHERE s_t.id = s.person_id AND s_t.visibility = 'public' AND s_t.archived_at IS NULL), s.role, s.description) ORDER BY s.id) AS value
    FROM cases_casesubject s
    WHERE s.visibility = 'public' AND s.case_id = ANY(case_ids)
      AND EXISTS (SELECT 1 FROM people_person p WHERE p.id = s.person_id AND p.visibility = 'public' AND p.archived_at IS NULL)
    GROUP BY s.case_id
),
statement_orgs AS (
    SELECT r.case_id, array_agg(DISTINCT r.organization_id ORDER BY r.organization_id) AS ids
    FROM cases_statement r
    WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids) AND EXISTS (SELECT 1 FROM organizations_organization x WHERE x.id = r.organization_id AND x.visibility = 'public' AND x.archived_at IS NULL)
    GROUP BY r.case_id
),
shown_orgs AS (
    SELECT l.case_id, array_agg(DISTINCT o.id ORDER BY o.id) AS ids,
           string_agg(DISTINCT concat_ws(' ', o.name, o.acronym), ' ')
               FILTER (WHERE l.by_record) AS record_names,
           string_agg(DISTINCT concat_ws(' ', o.name, o.acronym), ' ')
               FILTER (WHERE NOT l.by_record) AS publisher_names
    FROM (
    SELECT r.case_id, r.authority_id, true FROM cases_detention r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, r.authority_id, true FROM cases_asylumdecision r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, r.body_id, true FROM cases_appeal r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, r.ordered_by_id, true FROM cases_extradition r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, r.organization_id, true FROM cases_statement r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids) AND EXISTS (SELECT 1 FROM organizations_organization x WHERE x.id = r.organization_id AND x.visibility = 'public' AND x.archived_at IS NULL)
    UNION
    SELECT c.case_id, s.publisher_id, false FROM (
    SELECT r.case_id, m.source_id AS source_id FROM cases_detention r JOIN cases_detention_sources m ON m.detention_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.source_id AS source_id FROM cases_asylumdecision r JOIN cases_asylumdecision_sources m ON m.asylumdecision_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.source_id AS source_id FROM cases_appeal r JOIN cases_appeal_sources m ON m.appeal_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.source_id AS source_id FROM cases_extradition r JOIN cases_extradition_sources m ON m.extradition_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.source_id AS source_id FROM cases_statement r JOIN cases_statement_sources m ON m.statement_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids) AND EXISTS (SELECT 1 FROM organizations_organization x WHERE x.id = r.organization_id AND x.visibility = 'public' AND x.archived_at IS NULL)
    UNION SELECT r.case_id, m.source_id AS source_id FROM cases_event r JOIN cases_event_sources m ON m.event_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    ) c JOIN cases_source s ON s.id = c.source_id AND s.visibility = 'public'
    ) l (case_id, organization_id, by_record)
    JOIN organizations_organization o ON o.id = l.organization_id AND o.visibility = 'public' AND o.archived_at IS NULL
    GROUP BY l.case_id
),
parts AS (
    SELECT c.id AS case_id,
           c.title AS a,
           concat_ws(' ', c.summary, c.charges, array_to_string(c.tags, ' ')) AS b,
           records.text AS c,
           concat_ws(E'\x1e', CASE WHEN c.summary <> '' OR c.charges <> '' THEN 'case|' || coalesce(NULL::text, '') || '|' || coalesce(NULL, '') || E'\x1f' || translate(nullif(concat_ws(' ', c.summary, c.charges), ''), E'\x1e\x1f', '  ') END, records.segments, sources.segments) AS segments,
           people.text AS p,
           sources.text AS d,
           concat_ws(' ', nullif(people.keys, ''), (SELECT string_agg(DISTINCT word, ' ') FROM regexp_split_to_table(fold_name((SELECT string_agg(word, ' ') FROM regexp_split_to_table(c.title, '\s+') AS word WHERE word ~ '^\W*[[:upper:]]')), '\s+') AS word WHERE length(word) > 1 AND word <> ALL (string_to_array(coalesce(people.keys, ''), ' ')))) AS names,
           coalesce(fold_name((SELECT string_agg(DISTINCT word, ' ') FROM regexp_split_to_table(concat_ws(' ', records.names, shown_orgs.record_names), '\s+') AS word WHERE word ~ '^\W*[[:upper:]]')), '') AS shown_folds,
           coalesce(fold_name((SELECT string_agg(DISTINCT word, ' ') FROM regexp_split_to_table(shown_orgs.publisher_names, '\s+') AS word WHERE word ~ '^\W*[[:upper:]]')), '') AS publisher_folds,
           coalesce(kinds.kinds, '{}') AS kinds,
           coalesce(dates.days, '{}') AS days,
           coalesce(statement_orgs.ids, '{}') AS orgs,
           coalesce(people.ids, '{}') AS shown_people,
           coalesce(shown_orgs.ids, '{}') AS shown_organizations,
           hashed.hash AS public_hash,
           -- Public dates move only when what the public sees changes (public_content_sql);
           -- a document made before they were kept starts from the case's updated_at.
           CASE WHEN old.public_hash = hashed.hash THEN old.public_updated_at
                WHEN old.case_id IS NOT NULL AND old.public_hash IS NULL THEN c.updated_at
                ELSE statement_timestamp() END AS public_updated_at,
           coalesce(stamps.stamps, '{}') AS record_stamps,
           c.host_country, c.origin_country, c.status, c.tags, c.charges
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
    LEFT JOIN cases_casesearch old ON old.case_id = c.id
    CROSS JOIN LATERAL (
        SELECT md5(jsonb_build_array(jsonb_build_array(c.title, c.slug, c.summary, c.status, c.host_country, c.origin_country, c.people_count, c.charges, c.tags), subjects.value, stamps.hashes)
                   ::text)
    ) hashed (hash)
)
INSERT INTO cases_casesearch
    (case_id, document, body, names, record_kinds, record_dates, statement_orgs, shown_people,
     shown_organizations, last_activity, first_date, sample, public_hash, public_updated_at,
     record_stamps, host_country, origin_country, status, tags, charges)
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
       (hashint8(case_id) % 1000 + 1000) % 1000, public_hash, public_updated_at, record_stamps,
       host_country, origin_country, status, tags, charges
FROM parts
ON CONFLICT (case_id) DO UPDATE SET
    document = EXCLUDED.document, body = EXCLUDED.body, names = EXCLUDED.names,
    record_kinds = EXCLUDED.record_kinds, record_dates = EXCLUDED.record_dates,
    statement_orgs = EXCLUDED.statement_orgs, shown_people = EXCLUDED.shown_people,
    shown_organizations = EXCLUDED.shown_organizations, last_activity = EXCLUDED.last_activity,
    first_date = EXCLUDED.first_date, sample = EXCLUDED.sample,
    public_hash = EXCLUDED.public_hash, public_updated_at = EXCLUDED.public_updated_at,
    record_stamps = EXCLUDED.record_stamps,
    host_country = EXCLUDED.host_country, origin_country = EXCLUDED.origin_country, status = EXCLUDED.status, tags = EXCLUDED.tags, charges = EXCLUDED.charges;

INSERT INTO cases_nameword (word)
SELECT DISTINCT word
FROM cases_casesearch s, unnest(string_to_array(s.names, ' ')) AS word
WHERE s.case_id = ANY(case_ids) AND word <> ''
-- In one order, so that concurrent refreshes sharing words wait instead of deadlocking.
ORDER BY word
ON CONFLICT (word) DO NOTHING;
END
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

# As 0030_search_folds_titles_places froze them, for reversing.
PREVIOUS_REFRESH_FUNCTION = r"""
CREATE OR REPLACE FUNCTION case_search_refresh(case_ids bigint[]) RETURNS void
LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $refresh$
BEGIN
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
    SELECT case_id, string_agg(text, ' ') AS text, string_agg(names, ' ') AS names FROM (
    SELECT r.case_id, concat_ws(' ', r.summary, r.place, (SELECT concat_ws(' ', o.name, o.acronym) FROM organizations_organization o WHERE o.id = r.authority_id AND o.visibility = 'public' AND o.archived_at IS NULL), r.basis) AS text, concat_ws(' ', r.place) AS names FROM cases_detention r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, concat_ws(' ', r.summary, (SELECT concat_ws(' ', o.name, o.acronym) FROM organizations_organization o WHERE o.id = r.authority_id AND o.visibility = 'public' AND o.archived_at IS NULL), r.grounds) AS text, NULL::text AS names FROM cases_asylumdecision r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, concat_ws(' ', r.summary, (SELECT concat_ws(' ', o.name, o.acronym) FROM organizations_organization o WHERE o.id = r.body_id AND o.visibility = 'public' AND o.archived_at IS NULL), r.reference) AS text, NULL::text AS names FROM cases_appeal r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, concat_ws(' ', r.summary, (SELECT concat_ws(' ', o.name, o.acronym) FROM organizations_organization o WHERE o.id = r.ordered_by_id AND o.visibility = 'public' AND o.archived_at IS NULL), r.charges, r.legal_basis, r.assurances) AS text, NULL::text AS names FROM cases_extradition r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, concat_ws(' ', r.summary, (SELECT concat_ws(' ', o.name, o.acronym) FROM organizations_organization o WHERE o.id = r.organization_id AND o.visibility = 'public' AND o.archived_at IS NULL), (SELECT p.display_name FROM people_person p WHERE p.id = r.speaker_id AND p.visibility = 'public' AND p.archived_at IS NULL), r.quote) AS text, NULL::text AS names FROM cases_statement r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids) AND EXISTS (SELECT 1 FROM organizations_organization x WHERE x.id = r.organization_id AND x.visibility = 'public' AND x.archived_at IS NULL)
    UNION ALL SELECT r.case_id, concat_ws(' ', r.summary, r.title, r.place) AS text, concat_ws(' ', r.place) AS names FROM cases_event r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    ) t GROUP BY case_id
),
people AS (
    SELECT l.case_id,
           string_agg(concat_ws(' ', p.display_name, v.texts), ' ') AS text,
           string_agg(concat_ws(' ', p.search_key, v.keys), ' ') AS keys,
           array_agg(DISTINCT p.id ORDER BY p.id) AS ids
    FROM (
    SELECT s.case_id, s.person_id FROM cases_casesubject s WHERE s.visibility = 'public' AND s.case_id = ANY(case_ids)
    UNION SELECT r.case_id, r.speaker_id FROM cases_statement r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids) AND EXISTS (SELECT 1 FROM organizations_organization x WHERE x.id = r.organization_id AND x.visibility = 'public' AND x.archived_at IS NULL)
    UNION SELECT r.case_id, m.person_id FROM cases_detention r JOIN cases_detention_people m ON m.detention_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.person_id FROM cases_asylumdecision r JOIN cases_asylumdecision_people m ON m.asylumdecision_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.person_id FROM cases_appeal r JOIN cases_appeal_people m ON m.appeal_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.person_id FROM cases_extradition r JOIN cases_extradition_people m ON m.extradition_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.person_id FROM cases_statement r JOIN cases_statement_people m ON m.statement_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids) AND EXISTS (SELECT 1 FROM organizations_organization x WHERE x.id = r.organization_id AND x.visibility = 'public' AND x.archived_at IS NULL)
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
    UNION SELECT r.case_id, m.source_id AS source_id FROM cases_statement r JOIN cases_statement_sources m ON m.statement_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids) AND EXISTS (SELECT 1 FROM organizations_organization x WHERE x.id = r.organization_id AND x.visibility = 'public' AND x.archived_at IS NULL)
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
    UNION ALL SELECT r.case_id, 'statement' AS kind FROM cases_statement r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids) AND EXISTS (SELECT 1 FROM organizations_organization x WHERE x.id = r.organization_id AND x.visibility = 'public' AND x.archived_at IS NULL)
    UNION ALL SELECT r.case_id, 'event' AS kind FROM cases_event r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    ) k GROUP BY case_id
),
dates AS (
    SELECT case_id, array_agg(DISTINCT day ORDER BY day) AS days FROM (
    SELECT r.case_id, unnest(ARRAY[r.started_on, r.ended_on]) AS day FROM cases_detention r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, unnest(ARRAY[r.applied_on, r.decided_on]) AS day FROM cases_asylumdecision r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, unnest(ARRAY[r.filed_on, r.decided_on]) AS day FROM cases_appeal r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, unnest(ARRAY[r.ordered_on, r.carried_out_on]) AS day FROM cases_extradition r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, unnest(ARRAY[r.made_on]) AS day FROM cases_statement r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids) AND EXISTS (SELECT 1 FROM organizations_organization x WHERE x.id = r.organization_id AND x.visibility = 'public' AND x.archived_at IS NULL)
    UNION ALL SELECT r.case_id, unnest(ARRAY[r.started_on, r.ended_on]) AS day FROM cases_event r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    ) d WHERE day IS NOT NULL GROUP BY case_id
),
record_hashes AS (
    SELECT r.case_id, 'detention:' || r.id AS key, md5(jsonb_build_array(r.summary, (SELECT jsonb_agg(jsonb_build_array(r_t.id, r_t.display_name, r_t.slug, r_t.sex, r_t.nationality) ORDER BY r_t.id) FROM cases_detention_people r_tm JOIN people_person r_t ON r_t.id = r_tm.person_id WHERE r_tm.detention_id = r.id AND r_t.visibility = 'public' AND r_t.archived_at IS NULL), (SELECT jsonb_agg(jsonb_build_array(r_t.id, r_t.title, (SELECT jsonb_build_array(r_t_t.id, r_t_t.name, r_t_t.acronym, r_t_t.slug, r_t_t.kind, r_t_t.country, r_t_t.website) FROM organizations_organization r_t_t WHERE r_t_t.id = r_t.publisher_id AND r_t_t.visibility = 'public' AND r_t_t.archived_at IS NULL), r_t.url, r_t.archived_url, r_t.published_on, r_t.published_on_precision, r_t.language, r_t.reliability) ORDER BY r_t.id) FROM cases_detention_sources r_tm JOIN cases_source r_t ON r_t.id = r_tm.source_id WHERE r_tm.detention_id = r.id AND r_t.visibility = 'public'), r.place, (SELECT jsonb_build_array(r_t.id, r_t.name, r_t.acronym, r_t.slug, r_t.kind, r_t.country, r_t.website) FROM organizations_organization r_t WHERE r_t.id = r.authority_id AND r_t.visibility = 'public' AND r_t.archived_at IS NULL), r.started_on, r.started_on_precision, r.ended_on, r.ended_on_precision, r.end_reason, r.basis)::text) AS hash, r.updated_at AS seed FROM cases_detention r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, 'asylumdecision:' || r.id AS key, md5(jsonb_build_array(r.summary, (SELECT jsonb_agg(jsonb_build_array(r_t.id, r_t.display_name, r_t.slug, r_t.sex, r_t.nationality) ORDER BY r_t.id) FROM cases_asylumdecision_people r_tm JOIN people_person r_t ON r_t.id = r_tm.person_id WHERE r_tm.asylumdecision_id = r.id AND r_t.visibility = 'public' AND r_t.archived_at IS NULL), (SELECT jsonb_agg(jsonb_build_array(r_t.id, r_t.title, (SELECT jsonb_build_array(r_t_t.id, r_t_t.name, r_t_t.acronym, r_t_t.slug, r_t_t.kind, r_t_t.country, r_t_t.website) FROM organizations_organization r_t_t WHERE r_t_t.id = r_t.publisher_id AND r_t_t.visibility = 'public' AND r_t_t.archived_at IS NULL), r_t.url, r_t.archived_url, r_t.published_on, r_t.published_on_precision, r_t.language, r_t.reliability) ORDER BY r_t.id) FROM cases_asylumdecision_sources r_tm JOIN cases_source r_t ON r_t.id = r_tm.source_id WHERE r_tm.asylumdecision_id = r.id AND r_t.visibility = 'public'), (SELECT jsonb_build_array(r_t.id, r_t.name, r_t.acronym, r_t.slug, r_t.kind, r_t.country, r_t.website) FROM organizations_organization r_t WHERE r_t.id = r.authority_id AND r_t.visibility = 'public' AND r_t.archived_at IS NULL), r.kind, r.applied_on, r.applied_on_precision, r.decided_on, r.decided_on_precision, r.outcome, r.grounds)::text) AS hash, r.updated_at AS seed FROM cases_asylumdecision r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, 'appeal:' || r.id AS key, md5(jsonb_build_array(r.summary, (SELECT jsonb_agg(jsonb_build_array(r_t.id, r_t.display_name, r_t.slug, r_t.sex, r_t.nationality) ORDER BY r_t.id) FROM cases_appeal_people r_tm JOIN people_person r_t ON r_t.id = r_tm.person_id WHERE r_tm.appeal_id = r.id AND r_t.visibility = 'public' AND r_t.archived_at IS NULL), (SELECT jsonb_agg(jsonb_build_array(r_t.id, r_t.title, (SELECT jsonb_build_array(r_t_t.id, r_t_t.name, r_t_t.acronym, r_t_t.slug, r_t_t.kind, r_t_t.country, r_t_t.website) FROM organizations_organization r_t_t WHERE r_t_t.id = r_t.publisher_id AND r_t_t.visibility = 'public' AND r_t_t.archived_at IS NULL), r_t.url, r_t.archived_url, r_t.published_on, r_t.published_on_precision, r_t.language, r_t.reliability) ORDER BY r_t.id) FROM cases_appeal_sources r_tm JOIN cases_source r_t ON r_t.id = r_tm.source_id WHERE r_tm.appeal_id = r.id AND r_t.visibility = 'public'), (SELECT jsonb_build_array(r_t.id, r_t.summary, r_t.kind, r_t.applied_on, r_t.applied_on_precision, r_t.decided_on, r_t.decided_on_precision, r_t.outcome, r_t.grounds) FROM cases_asylumdecision r_t WHERE r_t.id = r.contests_decision_id AND r_t.visibility = 'public'), (SELECT jsonb_build_array(r_t.id, r_t.summary, r_t.from_country, r_t.to_country, r_t.requesting_state, r_t.charges, r_t.legal_basis, r_t.assurances, r_t.ordered_on, r_t.ordered_on_precision, r_t.carried_out_on, r_t.carried_out_on_precision, r_t.status) FROM cases_extradition r_t WHERE r_t.id = r.contests_extradition_id AND r_t.visibility = 'public'), (SELECT jsonb_build_array(r_t.id, r_t.name, r_t.acronym, r_t.slug, r_t.kind, r_t.country, r_t.website) FROM organizations_organization r_t WHERE r_t.id = r.body_id AND r_t.visibility = 'public' AND r_t.archived_at IS NULL), r.level, r.reference, r.filed_on, r.filed_on_precision, r.decided_on, r.decided_on_precision, r.outcome, r.interim_measures)::text) AS hash, r.updated_at AS seed FROM cases_appeal r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, 'extradition:' || r.id AS key, md5(jsonb_build_array(r.summary, (SELECT jsonb_agg(jsonb_build_array(r_t.id, r_t.display_name, r_t.slug, r_t.sex, r_t.nationality) ORDER BY r_t.id) FROM cases_extradition_people r_tm JOIN people_person r_t ON r_t.id = r_tm.person_id WHERE r_tm.extradition_id = r.id AND r_t.visibility = 'public' AND r_t.archived_at IS NULL), (SELECT jsonb_agg(jsonb_build_array(r_t.id, r_t.title, (SELECT jsonb_build_array(r_t_t.id, r_t_t.name, r_t_t.acronym, r_t_t.slug, r_t_t.kind, r_t_t.country, r_t_t.website) FROM organizations_organization r_t_t WHERE r_t_t.id = r_t.publisher_id AND r_t_t.visibility = 'public' AND r_t_t.archived_at IS NULL), r_t.url, r_t.archived_url, r_t.published_on, r_t.published_on_precision, r_t.language, r_t.reliability) ORDER BY r_t.id) FROM cases_extradition_sources r_tm JOIN cases_source r_t ON r_t.id = r_tm.source_id WHERE r_tm.extradition_id = r.id AND r_t.visibility = 'public'), r.from_country, r.to_country, r.requesting_state, (SELECT jsonb_build_array(r_t.id, r_t.name, r_t.acronym, r_t.slug, r_t.kind, r_t.country, r_t.website) FROM organizations_organization r_t WHERE r_t.id = r.ordered_by_id AND r_t.visibility = 'public' AND r_t.archived_at IS NULL), r.charges, r.legal_basis, r.assurances, r.ordered_on, r.ordered_on_precision, r.carried_out_on, r.carried_out_on_precision, r.status)::text) AS hash, r.updated_at AS seed FROM cases_extradition r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION ALL SELECT r.case_id, 'statement:' || r.id AS key, md5(jsonb_build_array(r.summary, (SELECT jsonb_agg(jsonb_build_array(r_t.id, r_t.display_name, r_t.slug, r_t.sex, r_t.nationality) ORDER BY r_t.id) FROM cases_statement_people r_tm JOIN people_person r_t ON r_t.id = r_tm.person_id WHERE r_tm.statement_id = r.id AND r_t.visibility = 'public' AND r_t.archived_at IS NULL), (SELECT jsonb_agg(jsonb_build_array(r_t.id, r_t.title, (SELECT jsonb_build_array(r_t_t.id, r_t_t.name, r_t_t.acronym, r_t_t.slug, r_t_t.kind, r_t_t.country, r_t_t.website) FROM organizations_organization r_t_t WHERE r_t_t.id = r_t.publisher_id AND r_t_t.visibility = 'public' AND r_t_t.archived_at IS NULL), r_t.url, r_t.archived_url, r_t.published_on, r_t.published_on_precision, r_t.language, r_t.reliability) ORDER BY r_t.id) FROM cases_statement_sources r_tm JOIN cases_source r_t ON r_t.id = r_tm.source_id WHERE r_tm.statement_id = r.id AND r_t.visibility = 'public'), (SELECT jsonb_build_array(r_t.id, r_t.name, r_t.acronym, r_t.slug, r_t.kind, r_t.country, r_t.website) FROM organizations_organization r_t WHERE r_t.id = r.organization_id AND r_t.visibility = 'public' AND r_t.archived_at IS NULL), (SELECT jsonb_build_array(r_t.id, r_t.display_name, r_t.slug, r_t.sex, r_t.nationality) FROM people_person r_t WHERE r_t.id = r.speaker_id AND r_t.visibility = 'public' AND r_t.archived_at IS NULL), r.made_on, r.made_on_precision, r.language, r.quote)::text) AS hash, r.updated_at AS seed FROM cases_statement r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids) AND EXISTS (SELECT 1 FROM organizations_organization x WHERE x.id = r.organization_id AND x.visibility = 'public' AND x.archived_at IS NULL)
    UNION ALL SELECT r.case_id, 'event:' || r.id AS key, md5(jsonb_build_array(r.summary, (SELECT jsonb_agg(jsonb_build_array(r_t.id, r_t.display_name, r_t.slug, r_t.sex, r_t.nationality) ORDER BY r_t.id) FROM cases_event_people r_tm JOIN people_person r_t ON r_t.id = r_tm.person_id WHERE r_tm.event_id = r.id AND r_t.visibility = 'public' AND r_t.archived_at IS NULL), (SELECT jsonb_agg(jsonb_build_array(r_t.id, r_t.title, (SELECT jsonb_build_array(r_t_t.id, r_t_t.name, r_t_t.acronym, r_t_t.slug, r_t_t.kind, r_t_t.country, r_t_t.website) FROM organizations_organization r_t_t WHERE r_t_t.id = r_t.publisher_id AND r_t_t.visibility = 'public' AND r_t_t.archived_at IS NULL), r_t.url, r_t.archived_url, r_t.published_on, r_t.published_on_precision, r_t.language, r_t.reliability) ORDER BY r_t.id) FROM cases_event_sources r_tm JOIN cases_source r_t ON r_t.id = r_tm.source_id WHERE r_tm.event_id = r.id AND r_t.visibility = 'public'), r.kind, r.title, r.place, r.started_on, r.started_on_precision, r.ended_on, r.ended_on_precision)::text) AS hash, r.updated_at AS seed FROM cases_event r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
),
stamps AS (
    SELECT h.case_id, jsonb_object_agg(h.key, h.hash) AS hashes,
           jsonb_object_agg(h.key, jsonb_build_object('h', h.hash, 't', CASE WHEN old.record_stamps -> h.key ->> 'h' = h.hash THEN old.record_stamps -> h.key -> 't' WHEN old.case_id IS NOT NULL AND old.public_hash IS NULL THEN to_jsonb(h.seed) ELSE to_jsonb(statement_timestamp()) END)) AS stamps
    FROM record_hashes h LEFT JOIN cases_casesearch old ON old.case_id = h.case_id
    GROUP BY h.case_id
),
subjects AS (
    SELECT s.case_id, jsonb_agg(jsonb_build_array((SELECT jsonb_build_array(s_t.id, s_t.display_name, s_t.slug, s_t.sex, s_t.nationality) FROM people_person s_t WHERE s_t.id = s.person_id AND s_t.visibility = 'public' AND s_t.archived_at IS NULL), s.role, s.description) ORDER BY s.id) AS value
    FROM cases_casesubject s
    WHERE s.visibility = 'public' AND s.case_id = ANY(case_ids)
      AND EXISTS (SELECT 1 FROM people_person p WHERE p.id = s.person_id AND p.visibility = 'public' AND p.archived_at IS NULL)
    GROUP BY s.case_id
),
statement_orgs AS (
    SELECT r.case_id, array_agg(DISTINCT r.organization_id ORDER BY r.organization_id) AS ids
    FROM cases_statement r
    WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids) AND EXISTS (SELECT 1 FROM organizations_organization x WHERE x.id = r.organization_id AND x.visibility = 'public' AND x.archived_at IS NULL)
    GROUP BY r.case_id
),
shown_orgs AS (
    SELECT l.case_id, array_agg(DISTINCT o.id ORDER BY o.id) AS ids,
           string_agg(DISTINCT concat_ws(' ', o.name, o.acronym), ' ')
               FILTER (WHERE l.by_record) AS record_names,
           string_agg(DISTINCT concat_ws(' ', o.name, o.acronym), ' ')
               FILTER (WHERE NOT l.by_record) AS publisher_names
    FROM (
    SELECT r.case_id, r.authority_id, true FROM cases_detention r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, r.authority_id, true FROM cases_asylumdecision r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, r.body_id, true FROM cases_appeal r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, r.ordered_by_id, true FROM cases_extradition r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, r.organization_id, true FROM cases_statement r WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids) AND EXISTS (SELECT 1 FROM organizations_organization x WHERE x.id = r.organization_id AND x.visibility = 'public' AND x.archived_at IS NULL)
    UNION
    SELECT c.case_id, s.publisher_id, false FROM (
    SELECT r.case_id, m.source_id AS source_id FROM cases_detention r JOIN cases_detention_sources m ON m.detention_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.source_id AS source_id FROM cases_asylumdecision r JOIN cases_asylumdecision_sources m ON m.asylumdecision_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.source_id AS source_id FROM cases_appeal r JOIN cases_appeal_sources m ON m.appeal_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.source_id AS source_id FROM cases_extradition r JOIN cases_extradition_sources m ON m.extradition_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    UNION SELECT r.case_id, m.source_id AS source_id FROM cases_statement r JOIN cases_statement_sources m ON m.statement_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids) AND EXISTS (SELECT 1 FROM organizations_organization x WHERE x.id = r.organization_id AND x.visibility = 'public' AND x.archived_at IS NULL)
    UNION SELECT r.case_id, m.source_id AS source_id FROM cases_event r JOIN cases_event_sources m ON m.event_id = r.id WHERE r.visibility = 'public' AND r.case_id = ANY(case_ids)
    ) c JOIN cases_source s ON s.id = c.source_id AND s.visibility = 'public'
    ) l (case_id, organization_id, by_record)
    JOIN organizations_organization o ON o.id = l.organization_id AND o.visibility = 'public' AND o.archived_at IS NULL
    GROUP BY l.case_id
),
parts AS (
    SELECT c.id AS case_id,
           c.title AS a,
           concat_ws(' ', c.summary, c.charges, array_to_string(c.tags, ' ')) AS b,
           records.text AS c,
           people.text AS p,
           sources.text AS d,
           concat_ws(' ', nullif(people.keys, ''), (SELECT string_agg(DISTINCT word, ' ') FROM regexp_split_to_table(fold_name((SELECT string_agg(word, ' ') FROM regexp_split_to_table(c.title, '\s+') AS word WHERE word ~ '^\W*[[:upper:]]')), '\s+') AS word WHERE length(word) > 1 AND word <> ALL (string_to_array(coalesce(people.keys, ''), ' ')))) AS names,
           coalesce(fold_name((SELECT string_agg(DISTINCT word, ' ') FROM regexp_split_to_table(concat_ws(' ', records.names, shown_orgs.record_names), '\s+') AS word WHERE word ~ '^\W*[[:upper:]]')), '') AS shown_folds,
           coalesce(fold_name((SELECT string_agg(DISTINCT word, ' ') FROM regexp_split_to_table(shown_orgs.publisher_names, '\s+') AS word WHERE word ~ '^\W*[[:upper:]]')), '') AS publisher_folds,
           coalesce(kinds.kinds, '{}') AS kinds,
           coalesce(dates.days, '{}') AS days,
           coalesce(statement_orgs.ids, '{}') AS orgs,
           coalesce(people.ids, '{}') AS shown_people,
           coalesce(shown_orgs.ids, '{}') AS shown_organizations,
           hashed.hash AS public_hash,
           -- Public dates move only when what the public sees changes (public_content_sql);
           -- a document made before they were kept starts from the case's updated_at.
           CASE WHEN old.public_hash = hashed.hash THEN old.public_updated_at
                WHEN old.case_id IS NOT NULL AND old.public_hash IS NULL THEN c.updated_at
                ELSE statement_timestamp() END AS public_updated_at,
           coalesce(stamps.stamps, '{}') AS record_stamps,
           c.host_country, c.origin_country, c.status, c.tags, c.charges
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
    LEFT JOIN cases_casesearch old ON old.case_id = c.id
    CROSS JOIN LATERAL (
        SELECT md5(jsonb_build_array(jsonb_build_array(c.title, c.slug, c.summary, c.status, c.host_country, c.origin_country, c.people_count, c.charges, c.tags), subjects.value, stamps.hashes)
                   ::text)
    ) hashed (hash)
)
INSERT INTO cases_casesearch
    (case_id, document, body, names, record_kinds, record_dates, statement_orgs, shown_people,
     shown_organizations, last_activity, first_date, sample, public_hash, public_updated_at,
     record_stamps, host_country, origin_country, status, tags, charges)
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
       concat_ws(' … ', nullif(b, ''), nullif(c, ''), nullif(d, '')),
       names, kinds, days, orgs, shown_people, shown_organizations,
       days[array_upper(days, 1)], days[1],
       (hashint8(case_id) % 1000 + 1000) % 1000, public_hash, public_updated_at, record_stamps,
       host_country, origin_country, status, tags, charges
FROM parts
ON CONFLICT (case_id) DO UPDATE SET
    document = EXCLUDED.document, body = EXCLUDED.body, names = EXCLUDED.names,
    record_kinds = EXCLUDED.record_kinds, record_dates = EXCLUDED.record_dates,
    statement_orgs = EXCLUDED.statement_orgs, shown_people = EXCLUDED.shown_people,
    shown_organizations = EXCLUDED.shown_organizations, last_activity = EXCLUDED.last_activity,
    first_date = EXCLUDED.first_date, sample = EXCLUDED.sample,
    public_hash = EXCLUDED.public_hash, public_updated_at = EXCLUDED.public_updated_at,
    record_stamps = EXCLUDED.record_stamps,
    host_country = EXCLUDED.host_country, origin_country = EXCLUDED.origin_country, status = EXCLUDED.status, tags = EXCLUDED.tags, charges = EXCLUDED.charges;

INSERT INTO cases_nameword (word)
SELECT DISTINCT word
FROM cases_casesearch s, unnest(string_to_array(s.names, ' ')) AS word
WHERE s.case_id = ANY(case_ids) AND word <> ''
-- In one order, so that concurrent refreshes sharing words wait instead of deadlocking.
ORDER BY word
ON CONFLICT (word) DO NOTHING;
END
$refresh$;
"""

PREVIOUS_TOUCH_FUNCTION = r"""
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

PREVIOUS_TRIGGERS = r"""DROP TRIGGER IF EXISTS case_search_touch ON cases_case;
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

REBUILD = """
DO $rebuild$
DECLARE
    batch bigint[];
BEGIN
    FOR batch IN
        SELECT array_agg(id) FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1) / 5000
                                   AS n FROM cases_case) AS numbered GROUP BY n
    LOOP
        PERFORM case_search_refresh(batch);
    END LOOP;
END
$rebuild$;
"""

LATER = 'Search documents were not rebuilt (SEARCH_REBUILD=later): they stay public-only but keep their old shape until `python manage.py rebuild_search_documents` has run.'


def rebuild(apps, schema_editor):
    """Rebuild every document with the function now installed, or ask for it later."""
    if os.environ.get("SEARCH_REBUILD") == "later":
        apps.get_model("cases", "SearchRebuild").objects.create(migration='cases.0031_search_body_segments')
        print("\n  " + LATER, end="")
        return
    schema_editor.execute(REBUILD, params=None)


def put_back(sql):
    return sql or migrations.RunSQL.noop


class Migration(migrations.Migration):
    dependencies = [('cases', '0030_search_folds_titles_places'), ('organizations', '0004_organization_public_name_order'), ('people', '0006_fold_name_conventions')]

    operations = [
        migrations.RunSQL(REFRESH_FUNCTION, put_back(PREVIOUS_REFRESH_FUNCTION)),
        migrations.RunSQL(TOUCH_FUNCTION, put_back(PREVIOUS_TOUCH_FUNCTION)),
        migrations.RunSQL(TRIGGERS, DROP_TRIGGERS + "\n" + PREVIOUS_TRIGGERS),
        migrations.RunPython(rebuild, migrations.RunPython.noop),
    ]
