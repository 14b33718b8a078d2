"""Reading a case's search document as the database holds it."""

from django.db import connection

from cases.models import CaseSearch


def document_words(case) -> set[str]:
    """The lexemes of the case's search document."""
    table = connection.ops.quote_name(CaseSearch._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT array_agg(word) FROM {table}, unnest(document) AS u(word) WHERE case_id = %s",
            [case.pk],
        )
        return set(cursor.fetchone()[0] or [])
