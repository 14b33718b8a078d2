"""Why each result matched: a highlighted passage of one public text of its case, and
where that text is ("Detention, 9 June 2010", "Source, May 2011").

A headline made from all of a case's texts run together joins pieces of several ("…centre
of AZ RU Police…"). The search document's body keeps each public text as a segment of its
own, with a header saying what it is (cases/search/document_sql.py): the case's summary
and charges, each public record's text, each cited public source's title. A case's
passage comes from its best-ranking segment that matches the query. One query for the
page, reading the page's documents only.
"""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from cases.models import CaseSearch
from cases.search import record_kinds
from cases.search.document_sql import HEADER_SEPARATOR, SEGMENT_SEPARATOR
from core.models import format_precise_date

# Private-use characters mark the matches, so that the text can be escaped before the
# marks become <mark>.
MARK_START, MARK_END = "\ue000", "\ue001"
HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=28, MinWords=6, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)
_TABLE = CaseSearch._meta.db_table
# {tsquery} is the query's compiled SQL (CompiledSearchQuery), which takes parameters of
# its own after the case ids.
PASSAGES_SQL = f"""
SELECT s.case_id, best.header, ts_headline('russian', best.text, q.query, %s)
FROM {_TABLE} s
CROSS JOIN (SELECT {{tsquery}}) AS q (query)
CROSS JOIN LATERAL (
    SELECT segment.header, segment.text
    FROM string_to_table(s.body, %s) WITH ORDINALITY AS p (part, position)
    CROSS JOIN LATERAL (
        SELECT split_part(p.part, %s, 1), split_part(p.part, %s, 2)
    ) AS segment (header, text)
    CROSS JOIN LATERAL (
        SELECT to_tsvector('russian', segment.text)
               || to_tsvector('simple', immutable_unaccent(segment.text))
    ) AS v (vector)
    WHERE v.vector @@ q.query
    ORDER BY ts_rank_cd(v.vector, q.query, 32) DESC, p.position
    LIMIT 1
) AS best
WHERE s.case_id = ANY(%s)
"""
CASE_TEXT, SOURCE_TEXT = "case", "source"


@dataclass(frozen=True)
class Snippet:
    text: SafeString  # escaped, the matches in <mark>
    where: str  # "Detention, 9 June 2010"


def where(header: str) -> str:
    """What a segment's header ("detention|2010-06-09|day") says it is, for the reader."""
    kind, _sep, dated = header.partition("|")
    if kind == CASE_TEXT:
        return str(_("Case summary"))
    label = _("Source") if kind == SOURCE_TEXT else dict(record_kinds.CHOICES).get(kind, "")
    day, _sep, precision = dated.partition("|")
    date = format_precise_date(datetime.date.fromisoformat(day), precision) if day else ""
    return f"{label}, {date}" if date else str(label)


def passages(query, case_ids: list[int]) -> dict[int, Snippet]:
    """Each case's passage that best matches `query` (a CompiledSearchQuery), when one of
    its public texts matches it."""
    if not case_ids:
        return {}
    compiler = CaseSearch.objects.none().query.get_compiler(connection=connection)
    query_sql, query_params = query.as_sql(compiler, connection)
    separators = [SEGMENT_SEPARATOR, HEADER_SEPARATOR, HEADER_SEPARATOR]
    with connection.cursor() as cursor:
        cursor.execute(
            PASSAGES_SQL.replace("{tsquery}", query_sql, 1),
            [HEADLINE_OPTIONS, *query_params, *separators, case_ids],
        )
        rows = cursor.fetchall()
    return {
        case_id: Snippet(
            mark_safe(escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")),
            where(header),
        )
        for case_id, header, text in rows
    }
