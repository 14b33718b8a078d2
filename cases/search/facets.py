"""The search's facets, each defined once: its parameter, label, column, condition and
choices. Read by the search document's indexes (cases/models/search.py), the document SQL
(which case fields it copies), the FilterSet's fields, the counts and the result page.

Adding a facet: a column on CaseSearch (copied from the case, or computed in
cases/search/document_sql.py), an entry in FACETS, and the migrations that
`makemigrations` and `makesearchmigration` write. Nothing else reads facets by name.

This module imports no models at import time: the models read it for their indexes.
"""

from collections import Counter
from dataclasses import dataclass

import django_filters
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

# A collection's statements come from thousands of organizations, and tags are free text:
# such facets list the values with the most cases (and any chosen), so the page stays the
# same size at any scale.
MAX_OPTIONS = 20


@dataclass(frozen=True)
class Facet:
    """A multiple-choice filter on one column of the search document, counted per value."""

    param: str
    label: str
    column: str
    # Whether the document copies the column from the case's own field of that name.
    copied: bool = True
    # Whether the column is an array (each value counted once per document).
    array: bool = False

    @property
    def tested(self) -> tuple[str, ...]:
        """The document columns the condition reads: the sampled count's index covers them."""
        return (self.column,)

    def index(self) -> models.Index:
        name = f"casesearch_{self.column}"
        if self.array:
            return GinIndex(fields=[self.column], name=name)
        return models.Index(fields=[self.column], name=name)

    def choices(self) -> list[tuple[str, str]]:
        raise NotImplementedError

    def filter(self) -> django_filters.Filter:
        # The values are applied by CaseSearchFilter.filter_queryset through condition().
        return django_filters.MultipleChoiceFilter(
            field_name=self.param, choices=self.choices, label=self.label
        )

    def condition(self, value) -> Q | None:
        """The condition a validated value puts on documents; None when it is empty."""
        if not value:
            return None
        lookup = "overlap" if self.array else "in"
        return Q(**{f"{self.column}__{lookup}": list(value)})

    def options(self, counts: Counter, selected: set[str]) -> list[tuple[str, str, int]]:
        """(value, label, count) of the values to offer, most cases first."""
        return ranked(counts, self.labels(counts, selected))

    def labels(self, counts: Counter, selected: set[str]) -> dict:
        """The label of each value that may be offered."""
        return dict(self.choices())


def ranked(counts: Counter, labels: dict) -> list[tuple[str, str, int]]:
    return [
        (str(value), labels[value], count)
        for value, count in sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
        if value in labels and count
    ]


# Codes only: the facets show the names, and translating some 250 names each time a
# FilterSet's form is built cost ~10 ms per search.
COUNTRY_CHOICES = [(code, code) for code, _name in countries]


class CountryFacet(Facet):
    def choices(self):
        return COUNTRY_CHOICES

    def labels(self, counts, selected):
        return {code: countries.name(code) for code in counts if countries.name(code)}


@dataclass(frozen=True)
class ChoiceFacet(Facet):
    # "module.attribute" of the choices: imported when first needed (models import this).
    source: str = ""

    def choices(self):
        from importlib import import_module

        module, name = self.source.rsplit(".", 1)
        choices = getattr(import_module(module), name)
        return getattr(choices, "choices", choices)

    def filter(self):
        # A list, not a callable: the API schema lists a list's values.
        return django_filters.MultipleChoiceFilter(
            field_name=self.param, choices=self.choices(), label=self.label
        )


class OrganizationFacet(Facet):
    """Cases with a public statement by one of the organizations, chosen by slug."""

    def filter(self):
        from organizations.models import Organization

        chosen = django_filters.ModelMultipleChoiceFilter(
            field_name=self.param,
            queryset=Organization.objects.public(),
            to_field_name="slug",
            label=self.label,
        )
        return extend_schema_field(OpenApiTypes.STR)(chosen)  # slugs, for the API schema

    def condition(self, value):
        if isinstance(value, models.QuerySet) and value.query.is_empty():
            # None chosen: the form's `.none()` of Organization.objects.public(). Testing
            # it with bool() would compile that query, some 50 ms of Python.
            return None
        return Q(**{f"{self.column}__overlap": [org.pk for org in value]}) if value else None

    def options(self, counts, selected):
        from organizations.models import Organization

        # The documents hold only organizations of public statements of published cases,
        # which show them: their own visibility is the rest of public(). (Compiling
        # public()'s EXISTS over every appearance costs some 50 ms of Python.)
        top = [pk for pk, _ in counts.most_common(MAX_OPTIONS)]
        orgs = Organization.objects.visible().filter(Q(pk__in=top) | Q(slug__in=selected))
        by_slug = Counter()
        labels = {}
        for org in orgs.only("name", "acronym", "slug"):
            by_slug[org.slug] = counts[org.pk]
            labels[org.slug] = str(org)
        return ranked(by_slug, labels)


@dataclass(frozen=True)
class TagFacet(Facet):
    """One tag, or words of the charges: free text, so one value, not a choice."""

    also_tests: str = "charges"

    @property
    def tested(self):
        return (self.column, self.also_tests)

    def filter(self):
        return django_filters.CharFilter(field_name=self.param, label=self.label)

    def condition(self, value):
        tag = (value or "").strip()
        if not tag:
            return None
        return Q(**{f"{self.column}__contains": [tag]}) | Q(
            **{f"{self.also_tests}__icontains": tag}
        )

    def labels(self, counts, selected):
        return {tag: tag for tag, _ in counts.most_common(MAX_OPTIONS)}


FACETS = (
    CountryFacet("host_country", _("Host country"), "host_country"),
    CountryFacet("origin_country", _("Country of origin"), "origin_country"),
    ChoiceFacet("status", _("Status"), "status", source="cases.models.CaseStatus"),
    ChoiceFacet(
        "kind",
        _("Records present"),
        "record_kinds",
        copied=False,
        array=True,
        source="cases.search.record_kinds.CHOICES",
    ),
    OrganizationFacet(
        "organization", _("Statement by"), "statement_orgs", copied=False, array=True
    ),
    TagFacet("tag", _("Tag or charge"), "tags", array=True),
)
BY_PARAM = {facet.param: facet for facet in FACETS}
# The case fields each document copies for its facets, in a stable order (the SQL is frozen).
COPIED_COLUMNS = tuple(
    dict.fromkeys(
        column for facet in FACETS if facet.copied for column in (facet.column, *facet.tested)
    )
)
# What a sampled count reads: every column a facet counts or tests.
SAMPLED_COLUMNS = tuple(dict.fromkeys(column for facet in FACETS for column in facet.tested))
