"""A parsed text query as SQL over the search documents: whether a document matches, its
rank, and the names a query's words may be (typos, other spellings)."""

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection
from django.db.models import Expression, ExpressionWrapper, F, FloatField, Func, Q, TextField, Value

from cases.models import CaseSearch, NameWord
from cases.search.query import ParsedQuery

# Names are also matched by similarity when their words match fewer cases than this.
FUZZY_BELOW = 10
SIMILAR_WORDS = 5
_LEXICON = NameWord._meta.db_table
# Raw SQL for the two lookups below: each asks, in one query, about every word of the
# query at once (unnest), which Django's TrigramSimilarity would take a query per word for.
SIMILAR_WORDS_SQL = f"""
SELECT query.word,
       EXISTS (SELECT 1 FROM {_LEXICON} known WHERE known.word = fold_word(query.word)),
       ARRAY(
           SELECT lexicon.word FROM {_LEXICON} lexicon
           WHERE lexicon.word %% fold_word(query.word)
           ORDER BY similarity(lexicon.word, fold_word(query.word)) DESC, lexicon.word
           LIMIT %s
       )
FROM unnest(%s::text[]) AS query (word)
"""
# How many documents match the words exactly (up to FUZZY_BELOW), and whether any word is
# a name word of the lexicon, in one query.
NAME_CHECK_SQL = f"""
SELECT (SELECT count(*) FROM ({{matches}}) AS matched),
       EXISTS (SELECT 1 FROM {_LEXICON} known
               WHERE known.word IN (SELECT fold_word(word) FROM unnest(%s::text[]) AS word))
"""


def column(name: str) -> str:
    """A column of the search documents, qualified, for SQL that Django has no words for."""
    quote = connection.ops.quote_name
    return f"{quote(CaseSearch._meta.db_table)}.{quote(CaseSearch._meta.get_field(name).column)}"


def similar_name_words(words: list[str]) -> dict[str, list[str]]:
    """The most similar folded name words of the lexicon (trigrams), for the words it
    does not hold (typos), or for every word when it holds them all (the typo may be in
    the records)."""
    with connection.cursor() as cursor:
        cursor.execute(SIMILAR_WORDS_SQL, [SIMILAR_WORDS, words])
        rows = cursor.fetchall()
    # Correcting only the unknown words keeps a search for a long name narrow.
    chosen = [row for row in rows if not row[1]] or rows
    return {word: similar for word, _known, similar in chosen if similar}


def with_names(parsed: ParsedQuery) -> ParsedQuery:
    """The query with its words looked up as names: name words like them, when the words
    themselves match few cases (a typo, or a spelling no document holds); names rank the
    results when the query matches few cases or holds a name word."""
    if not parsed.plain_words:
        return parsed
    words = parsed.plain_words.split()
    exact, _, _ = text_match(parsed)
    matches = CaseSearch.objects.matching().filter(exact).values("pk")[:FUZZY_BELOW]
    sql, params = matches.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(NAME_CHECK_SQL.format(matches=sql), [*params, words])
        count, known = cursor.fetchone()
    if count >= FUZZY_BELOW:
        return parsed.with_names({}, ranks_names=known)
    return parsed.with_names(similar_name_words(words), ranks_names=True)


def text_match(parsed: ParsedQuery) -> tuple[Q, Expression, SearchQuery]:
    """(matches, rank, query) expressions for a parsed query."""
    query = parsed.search_query
    rank = SearchRank(F("document"), query, normalization=32, cover_density=True)
    name = parsed.plain_words if parsed.ranks_names else None
    if name:
        # Names closest to the query first, typos included. Only for queries that are
        # names (a word of the lexicon, or few matches): word_similarity() reads each
        # document's names, some 30 µs a document, and for a common word that is no name
        # its trigrams shared with names are noise in the rank.
        folded = Func(Value(name), function="fold_name", output_field=TextField())
        rank = rank + TrigramWordSimilarity(folded, F("names"))
    return Q(document=query), ExpressionWrapper(rank, FloatField()), query
