"""The one FilterSet behind public search, its facet counts, feeds and exports."""

from dataclasses import dataclass, field

import django_filters
from django import forms
from django.contrib.postgres.search import SearchVectorField
from django.db import connection
from django.db.models import BooleanField, F, FloatField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django_countries import countries

from cases.models import CaseSearch, CaseStatus, NameWord
from cases.search.query import parse
from organizations.models import Organization

RECORD_KINDS = [
    ("detention", "Detention"),
    ("asylum_decision", "Asylum decision"),
    ("appeal", "Appeal"),
    ("appeal:un_treaty_body", "Appeal to a UN treaty body"),
    ("appeal:regional_court", "Appeal to a regional court"),
    ("extradition", "Extradition"),
    ("statement", "Statement by an organization"),
    ("event", "Other event"),
]

SORTS = [
    ("relevance", "Relevance"),
    ("activity", "Latest activity"),
    ("date", "Earliest date"),
]

# Codes only: the facets show the names, and translating some 250 names each time a
# FilterSet's form is built cost ~10 ms per search.
COUNTRY_CHOICES = [(code, code) for code, _name in countries]


def country_choices():
    # A callable: each FilterSet deep-copies its form fields, and a list would be copied.
    return COUNTRY_CHOICES


# The orders of the two date sorts, matched by indexes on CaseSearch.
LATEST_FIRST = (F("last_activity").desc(nulls_last=True), "pk")
EARLIEST_FIRST = (F("first_date").asc(nulls_last=True), "pk")
RELEVANCE = (F("rank").desc(), *LATEST_FIRST)

# Names are also matched by similarity when their words match fewer cases than this.
FUZZY_BELOW = 10
SIMILAR_WORDS = 5
SIMILAR_WORDS_SQL = f"""
SELECT query.word,
       EXISTS (SELECT 1 FROM {NameWord._meta.db_table} known
               WHERE known.word = fold_word(query.word)),
       ARRAY(
           SELECT lexicon.word FROM {NameWord._meta.db_table} lexicon
           WHERE lexicon.word %% fold_word(query.word)
           ORDER BY similarity(lexicon.word, fold_word(query.word)) DESC, lexicon.word
           LIMIT %s
       )
FROM unnest(%s::text[]) AS query (word)
"""


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


# How many documents match the words exactly (up to FUZZY_BELOW), and whether any word is
# a name word of the lexicon, in one query.
NAME_CHECK_SQL = f"""
SELECT (SELECT count(*) FROM ({{matches}}) AS matched),
       EXISTS (SELECT 1 FROM {NameWord._meta.db_table} known
               WHERE known.word IN (SELECT fold_word(word) FROM unnest(%s::text[]) AS word))
"""


@dataclass(frozen=True)
class NameLookup:
    """What a plain-words query is, as names: the lexicon's words similar to its words
    (typos), and whether results are ranked by how close their names are to the query."""

    similar: dict[str, list[str]] = field(default_factory=dict)
    ranks_names: bool = False


DOCUMENT = '"cases_casesearch"."document"'
NAMES = '"cases_casesearch"."names"'


class DateInput(forms.DateInput):
    input_type = "date"


def text_match(parsed) -> tuple[RawSQL, RawSQL, RawSQL]:
    """(matches, rank, tsquery) expressions for a parsed query."""
    tsquery, params = parsed.tsquery_sql()
    match_sql, match_params = f"{DOCUMENT} @@ {tsquery}", list(params)
    rank_sql, rank_params = f"ts_rank_cd({DOCUMENT}, {tsquery}, 32)", list(params)
    name = parsed.plain_words if parsed.ranks_names else None
    if name:
        # Names closest to the query first, typos included. Only for queries that are
        # names (a word of the lexicon, or few matches): word_similarity() reads each
        # document's names, some 30 µs a document, and for a common word that is no name
        # its trigrams shared with names are noise in the rank.
        rank_sql += f" + word_similarity(fold_name(%s), {NAMES})"
        rank_params.append(name)
    return (
        RawSQL(f"({match_sql})", match_params, output_field=BooleanField()),
        RawSQL(rank_sql, rank_params, output_field=FloatField()),
        RawSQL(tsquery, params, output_field=SearchVectorField()),
    )


def _tag_condition(value: str) -> Q:
    tag = value.strip()
    return Q(tags__contains=[tag]) | Q(charges__icontains=tag) if tag else Q()


# The facet filters, each one condition on the search document's own columns: the
# FilterSet filters with them and the facet counts (cases/search/counts.py) evaluate them
# row by row, so both always agree.
FACET_CONDITIONS = {
    "host_country": lambda codes: Q(host_country__in=codes),
    "origin_country": lambda codes: Q(origin_country__in=codes),
    "status": lambda statuses: Q(status__in=statuses),
    "kind": lambda kinds: Q(record_kinds__overlap=list(kinds)),
    "organization": lambda orgs: Q(statement_orgs__overlap=[org.pk for org in orgs]),
    "tag": _tag_condition,
}


def facet_condition(param: str, value) -> Q | None:
    """The condition a facet's validated value puts on documents; None when it is empty."""
    if isinstance(value, QuerySet) and value.query.is_empty():
        # No organization chosen: the form's `.none()` of Organization.objects.public().
        # Testing it with bool() would compile that query, some 50 ms of Python.
        return None
    condition = FACET_CONDITIONS[param](value) if value else None
    return condition or None


class CaseSearchFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text",
        label="Search",
        help_text='Names in any script or spelling; "a phrase", -exclude, this or that.',
    )
    host_country = django_filters.MultipleChoiceFilter(
        choices=country_choices, method="filter_facet", label="Host country"
    )
    origin_country = django_filters.MultipleChoiceFilter(
        choices=country_choices, method="filter_facet", label="Country of origin"
    )
    status = django_filters.MultipleChoiceFilter(
        choices=CaseStatus.choices, method="filter_facet", label="Status"
    )
    kind = django_filters.MultipleChoiceFilter(
        choices=RECORD_KINDS, method="filter_facet", label="Records present"
    )
    organization = django_filters.ModelMultipleChoiceFilter(
        queryset=Organization.objects.public(),
        to_field_name="slug",
        method="filter_organization",
        label="Statement by",
    )
    tag = django_filters.CharFilter(method="filter_facet", label="Tag or charge")
    date_from = django_filters.DateFilter(
        method="filter_dates", label="Events from", widget=DateInput
    )
    date_to = django_filters.DateFilter(
        method="filter_dates", label="Events until", widget=DateInput
    )
    sort = django_filters.ChoiceFilter(
        choices=SORTS, method="filter_sort", label="Sort by", empty_label=None
    )

    class Meta:
        model = CaseSearch
        fields = []

    def __init__(self, data=None, *args, names: NameLookup | None = None, **kwargs):
        if kwargs.get("queryset") is None:
            kwargs["queryset"] = CaseSearch.objects.public()
        super().__init__(data, *args, **kwargs)
        # Set from the validated text by filter_text; empty until then.
        self.parsed = parse("")
        # The query as names (typos, name ranking); None: filter_text looks it up.
        self.names = names

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return self.order(queryset)

    def filter_text(self, queryset, name, value):
        self.parsed = parse(value)
        if not self.parsed:
            return queryset
        if self.names is None:
            self.names = self._name_lookup(queryset)
        self.parsed.similar = self.names.similar
        self.parsed.ranks_names = self.names.ranks_names
        matches, rank, _ = text_match(self.parsed)
        return queryset.filter(matches).annotate(rank=rank)

    def _name_lookup(self, queryset) -> NameLookup:
        """Name words like the query's, when the words themselves match few cases (a
        typo, or a spelling no document holds); names rank results when the query matches
        few cases or holds a name word."""
        if not self.parsed.plain_words:
            return NameLookup()
        words = self.parsed.plain_words.split()
        exact, _, _ = text_match(self.parsed)
        matches = queryset.filter(exact).values("pk")[:FUZZY_BELOW]
        sql, params = matches.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(NAME_CHECK_SQL.format(matches=sql), [*params, words])
            count, known = cursor.fetchone()
        if count >= FUZZY_BELOW:
            return NameLookup(ranks_names=known)
        return NameLookup(similar_name_words(words), ranks_names=True)

    def filter_facet(self, queryset, name, value):
        condition = facet_condition(name, value)
        return queryset.filter(condition) if condition else queryset

    def filter_organization(self, queryset, name, value: list[Organization]):
        # Its own method only for the type hint, which the OpenAPI schema reads.
        return self.filter_facet(queryset, name, value)

    def filter_dates(self, queryset, name, value):
        # Both bounds are applied together, once, by date_from (or date_to alone).
        data = self.form.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        if name == "date_to" and start:
            return queryset
        condition = (
            "EXISTS (SELECT 1 FROM unnest(cases_casesearch.record_dates) AS day "
            "WHERE (%s::date IS NULL OR day >= %s) AND (%s::date IS NULL OR day <= %s))"
        )
        return queryset.filter(
            RawSQL(condition, [start, start, end, end], output_field=BooleanField())
        )

    def filter_sort(self, queryset, name, value):
        return queryset  # Ordering is applied in `order`, after every filter.

    @property
    def ranks(self) -> bool:
        """Whether results are in relevance order: a text query, no other sort chosen."""
        return bool(self.parsed) and self._sort in (None, "", "relevance")

    @property
    def _sort(self):
        return self.form.cleaned_data.get("sort") if self.is_bound else None

    def order(self, queryset):
        if self.ranks:
            return queryset.order_by(*RELEVANCE)
        if self._sort == "date":
            return queryset.order_by(*EARLIEST_FIRST)
        return queryset.order_by(*LATEST_FIRST)
