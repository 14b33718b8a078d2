"""The one FilterSet behind public search, its facet counts, feeds and exports."""

import django_filters
from django import forms
from django.contrib.postgres.search import SearchVectorField
from django.db.models import BooleanField, F, FloatField, Q
from django.db.models.expressions import RawSQL
from django_countries import countries

from cases.models import CaseSearch, CaseStatus
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

DOCUMENT = '"cases_casesearch"."document"'
NAMES = '"cases_casesearch"."names"'


class DateInput(forms.DateInput):
    input_type = "date"


def text_match(parsed) -> tuple[RawSQL, RawSQL, RawSQL]:
    """(matches, rank, tsquery) expressions for a parsed query."""
    tsquery, params = parsed.tsquery_sql()
    match_sql, match_params = f"{DOCUMENT} @@ {tsquery}", list(params)
    rank_sql, rank_params = f"ts_rank_cd({DOCUMENT}, {tsquery}, 32)", list(params)
    name = parsed.plain_words
    if name:
        match_sql += f" OR fold_name(%s) <%% {NAMES}"
        match_params.append(name)
        rank_sql += f" + word_similarity(fold_name(%s), {NAMES})"
        rank_params.append(name)
    return (
        RawSQL(f"({match_sql})", match_params, output_field=BooleanField()),
        RawSQL(rank_sql, rank_params, output_field=FloatField()),
        RawSQL(tsquery, params, output_field=SearchVectorField()),
    )


class CaseSearchFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text",
        label="Search",
        help_text='Names in any script or spelling; "a phrase", -exclude, this or that.',
    )
    host_country = django_filters.MultipleChoiceFilter(
        field_name="case__host_country", choices=countries, label="Host country"
    )
    origin_country = django_filters.MultipleChoiceFilter(
        field_name="case__origin_country", choices=countries, label="Country of origin"
    )
    status = django_filters.MultipleChoiceFilter(
        field_name="case__status", choices=CaseStatus.choices, label="Status"
    )
    kind = django_filters.MultipleChoiceFilter(
        choices=RECORD_KINDS, method="filter_kind", label="Records present"
    )
    organization = django_filters.ModelMultipleChoiceFilter(
        queryset=Organization.objects.public(),
        to_field_name="slug",
        method="filter_organization",
        label="Statement by",
    )
    tag = django_filters.CharFilter(method="filter_tag", label="Tag or charge")
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

    def __init__(self, data=None, *args, **kwargs):
        if kwargs.get("queryset") is None:
            kwargs["queryset"] = CaseSearch.objects.public()
        super().__init__(data, *args, **kwargs)
        # Set from the validated text by filter_text; empty until then.
        self.parsed = parse("")

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return self.order(queryset)

    def filter_text(self, queryset, name, value):
        self.parsed = parse(value)
        if not self.parsed:
            return queryset
        matches, rank, _ = text_match(self.parsed)
        return queryset.filter(matches).annotate(rank=rank)

    def filter_kind(self, queryset, name, value):
        return queryset.filter(record_kinds__overlap=list(value)) if value else queryset

    def filter_organization(self, queryset, name, value: list[Organization]):
        ids = [org.pk for org in value]
        return queryset.filter(statement_orgs__overlap=ids) if ids else queryset

    def filter_tag(self, queryset, name, value):
        tag = value.strip()
        if not tag:
            return queryset
        return queryset.filter(Q(case__tags__contains=[tag]) | Q(case__charges__icontains=tag))

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

    def order(self, queryset):
        sort = self.form.cleaned_data.get("sort") if self.is_bound else None
        if sort in (None, "", "relevance") and self.parsed:
            return queryset.order_by(F("rank").desc(), "-last_activity", "pk")
        if sort == "date":
            first = RawSQL("cases_casesearch.record_dates[1]", [])
            return queryset.order_by(first.asc(nulls_last=True), "pk")
        return queryset.order_by(F("last_activity").desc(nulls_last=True), "pk")
