"""The public JSON API: read-only views over the same public() querysets and selectors
as the public pages, so the API can never show more, or other, than the site.

Bad filter or page-size values answer 400 with a message per parameter (as the search
page does, which names the valid choices);
unknown or non-public slugs and ids, and forged cursors, answer 404; every error is JSON.
"""

import hashlib

from django.db.models import F, OuterRef, Prefetch, Q
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext
from django_countries import countries
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.api.filters import StatementFilter
from cases.api.pagination import KeysetCursorPagination, PositionCursorPagination
from cases.api.serializers import (
    CasePageSerializer,
    CaseSerializer,
    OrganizationPageSerializer,
    OrganizationSerializer,
    PersonPageSerializer,
    PersonSerializer,
    SourceSerializer,
    StatementSerializer,
    absolute_url,
)
from cases.models import Case, CaseSearch, Source
from cases.models.appearances import public_citations
from cases.profiles import organization_page, person_page, public_statements
from cases.search import CaseSearchFilter, SearchRequest, ranking
from cases.selectors import public_case_page
from core.models import RowByRowExists
from organizations.models import Organization
from people.models import Person

COUNTRY_CODES = [code for code, _name in countries]
DETAIL_ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
PARAMETER_ERRORS = {
    "type": "object",
    "description": "Each invalid query parameter with its messages.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
THROTTLED = OpenApiResponse(DETAIL_ERROR, description="Too many requests: retry after Retry-After.")
RETRY_AFTER = OpenApiParameter(
    "Retry-After",
    OpenApiTypes.INT,
    OpenApiParameter.HEADER,
    response=[429],
    description="Seconds to wait before the next request.",
)
SLUG = OpenApiParameter(
    "slug",
    {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
    OpenApiParameter.PATH,
    description="The slug of its public page's address.",
)
ID = OpenApiParameter("id", {"type": "integer", "minimum": 1}, OpenApiParameter.PATH)
DATE_OR_EMPTY = {
    "anyOf": [{"type": "string", "format": "date"}, {"type": "string", "maxLength": 0}]
}


def list_schema(**kwargs):
    return extend_schema(
        parameters=[RETRY_AFTER, *kwargs.pop("parameters", [])],
        responses={
            200: kwargs.pop("serializer"),
            400: OpenApiResponse(PARAMETER_ERRORS, description="Invalid parameter values."),
            404: OpenApiResponse(DETAIL_ERROR, description="Invalid cursor."),
            429: THROTTLED,
        },
        **kwargs,
    )


def detail_schema(serializer, lookup=SLUG, **kwargs):
    return extend_schema(
        parameters=[lookup, RETRY_AFTER],
        responses={
            200: serializer,
            404: OpenApiResponse(DETAIL_ERROR, description="Missing or not public."),
            429: THROTTLED,
        },
        **kwargs,
    )


def _public_people():
    """The people of public records of published cases: the records show them, so their
    own visibility is the rest of Person.objects.public()."""
    return Prefetch("people", queryset=Person.objects.visible().order_by("display_name", "pk"))


def _public_sources():
    return Prefetch("sources", queryset=Source.objects.public().order_by("pk"))


def cited_sources():
    """Public sources that a public record of a published case cites.

    Checked row by row (RowByRowExists) while the list walks the public sources' index
    in its order (Source.Meta.indexes), stopping after a page: a plain EXISTS under OR
    lets PostgreSQL hash every citation of every record first."""
    cited = Q(pk__in=[])
    for citations in public_citations():
        cited |= RowByRowExists(citations.rows.filter(source=OuterRef("pk")))
    return Source.objects.public().filter(cited).select_related("publisher")


def cases_citing(source_ids) -> dict[int, list[Case]]:
    """The public cases whose public records cite each source (two queries)."""
    links = [
        citations.rows.filter(source_id__in=source_ids).values_list("source_id", citations.case)
        for citations in public_citations()
    ]
    pairs = set(links[0].union(*links[1:])) if source_ids else set()
    cases = Case.objects.public().filter(pk__in={case_id for _, case_id in pairs})
    by_id = {case.pk: case for case in cases.only("pk", "slug", "title").order_by("title", "pk")}
    cited_in: dict[int, list[Case]] = {}
    for case in by_id.values():
        for source_id in sorted(s for s, case_id in pairs if case_id == case.pk):
            cited_in.setdefault(source_id, []).append(case)
    return cited_in


class ApiView(generics.GenericAPIView):
    pagination_class = KeysetCursorPagination
    filter_backends = []


@extend_schema(
    tags=["cases"],
    summary="Search public cases",
    description=(
        "The search of /cases/: the same text search (names in any script or spelling, "
        '"a phrase", -word, or) and filters. Ordered by `sort` (relevance when there is '
        "a query, else latest activity), as on the search page. Date orders end with an "
        "internal key, so their cursors are stable whatever changes; relevance pages are "
        f"by position and stop after {ranking.MAX_RESULTS:,} results. When more "
        f"match, relevance ranks the {ranking.RANKED_CANDIDATES:,} most recently active "
        "(ranking them all would read every match); sort by date to reach every match."
    ),
)
@list_schema(
    serializer=CaseSerializer(many=True),
    parameters=[
        *(
            OpenApiParameter(
                name,
                {"type": "array", "items": {"type": "string", "enum": COUNTRY_CODES}},
                explode=True,
                style="form",
                description=f"{label}: ISO 3166-1 alpha-2 codes (any of them).",
            )
            for name, label in [("host_country", "Host country"), ("origin_country", "Origin")]
        ),
        *(
            OpenApiParameter(
                name, DATE_OR_EMPTY, description=f"{label} (YYYY-MM-DD; empty for no bound)."
            )
            for name, label in [
                ("date_from", "Cases with a dated record on or after this day"),
                ("date_to", "Cases with a dated record on or before this day"),
            ]
        ),
        OpenApiParameter(
            "sort",
            {"type": "string", "enum": [value for value, _label in ranking.SORT_CHOICES] + [""]},
            description=(
                "`relevance` (the default with `q`), `activity` (latest first; the default "
                "without `q`) or `date` (earliest record first); empty for the default."
            ),
        ),
        OpenApiParameter(
            "organization",
            {"type": "array", "items": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"}},
            explode=True,
            style="form",
            description=(
                "Slugs of public organizations: cases with a statement by one of them. "
                "A slug that names no public organization is a 400."
            ),
        ),
    ],
)
class CaseList(ApiView, generics.ListAPIView):
    serializer_class = CaseSerializer
    # The FilterSet documents the parameters (the schema reads it); the search request
    # validates, filters and orders them as the search page does.
    filter_backends = [DjangoFilterBackend]
    filterset_class = CaseSearchFilter
    # Ties are broken by the public slug rather than the filter's pk: no internal id in cursors.
    cursor_tiebreaker = "case__slug"
    ONLY = (
        "last_activity", "public_updated_at", *(f"case__{name}" for name in Case.PUBLIC_FIELDS),
    )  # fmt: skip

    def get_queryset(self):
        return CaseSearch.objects.public()

    def list(self, request, *args, **kwargs):
        search = SearchRequest.from_params(request.query_params)
        if search.errors:
            raise ValidationError(search.errors)
        documents = search.filter(self.get_queryset())
        if search.ranks:
            self._paginator = PositionCursorPagination()
            page = self._paginator.paginate_positions(
                request,
                lambda offset, limit: self._ranked(search, documents, offset, limit),
                fingerprint=_fingerprint(request.query_params),
                stop=ranking.MAX_RESULTS,
            )
        else:
            ordered = ranking.order(documents, search).select_related("case").only(*self.ONLY)
            page = self.paginate_queryset(ordered)
        serializer = self.get_serializer([doc.case for doc in page], many=True)
        return self.get_paginated_response(serializer.data)

    def _ranked(self, search, documents, offset: int, limit: int):
        ids, _ = ranking.page_ids(search, documents, offset, limit)
        rows = self.get_queryset().select_related("case").only(*self.ONLY).in_bulk(ids)
        return [rows[pk] for pk in ids if pk in rows]


def _fingerprint(params) -> str:
    """What a position cursor belongs to: the search, whatever page and size."""
    kept = sorted((k, v) for k, v in params.lists() if k not in ("cursor", "page_size"))
    return hashlib.sha256(repr(kept).encode()).hexdigest()[:16]


@extend_schema(tags=["cases"], summary="A public case page, whole")
@detail_schema(CasePageSerializer)
class CaseDetail(ApiView):
    serializer_class = CasePageSerializer

    def get(self, request, slug):
        page = public_case_page(slug)
        context = {
            **self.get_serializer_context(),
            "case_url": page.case.get_absolute_url(),
            "source_numbers": {source.pk: n for n, source in enumerate(page.sources, 1)},
        }
        return Response(CasePageSerializer(page, context=context).data)


@extend_schema(tags=["people"], summary="Public people, by name")
@list_schema(serializer=PersonSerializer(many=True))
class PersonList(ApiView, generics.ListAPIView):
    serializer_class = PersonSerializer
    cursor_tiebreaker = "slug"

    def get_queryset(self):
        people = Person.objects.public().only("pk", *Person.PUBLIC_FIELDS)
        return people.order_by("display_name", "slug")


@extend_schema(tags=["people"], summary="A public person's page")
@detail_schema(PersonPageSerializer)
class PersonDetail(ApiView):
    serializer_class = PersonPageSerializer

    def get(self, request, slug):
        return Response(self.get_serializer(person_page(slug)).data)


@extend_schema(tags=["organizations"], summary="Public organizations, by name")
@list_schema(serializer=OrganizationSerializer(many=True))
class OrganizationList(ApiView, generics.ListAPIView):
    serializer_class = OrganizationSerializer
    cursor_tiebreaker = "slug"

    def get_queryset(self):
        organizations = Organization.objects.public().only("pk", *Organization.PUBLIC_FIELDS)
        return organizations.order_by("name", "slug")


@extend_schema(tags=["organizations"], summary="A public organization's page")
@detail_schema(OrganizationPageSerializer)
class OrganizationDetail(ApiView):
    serializer_class = OrganizationPageSerializer

    def get(self, request, slug):
        return Response(self.get_serializer(organization_page(slug)).data)


def _statements():
    return public_statements().prefetch_related(_public_people(), _public_sources())


STATEMENT_FILTERS = [
    OpenApiParameter(
        name,
        {"type": "string", "pattern": "^[-a-zA-Z0-9_]*$"},
        description=f"{label}; empty for all. A slug that names no public one is a 400.",
    )
    for name, label in [
        ("organization", "Slug of a public organization: its statements"),
        ("speaker", "Slug of a public person: the statements they made"),
    ]
]


@extend_schema(tags=["statements"], summary="Public statements on public cases, latest first")
@list_schema(serializer=StatementSerializer(many=True), parameters=STATEMENT_FILTERS)
class StatementList(ApiView, generics.ListAPIView):
    """Latest first (made_on, then id), read through the statements' indexes in that
    order (Statement.Meta.indexes): all public ones, an organization's or a speaker's."""

    serializer_class = StatementSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = StatementFilter

    def get_queryset(self):
        return _statements()


@extend_schema(tags=["statements"], summary="A public statement")
@detail_schema(StatementSerializer, lookup=ID)
class StatementDetail(ApiView, generics.RetrieveAPIView):
    serializer_class = StatementSerializer

    def get_queryset(self):
        return _statements()


class SourceMixin:
    serializer_class = SourceSerializer

    def get_queryset(self):
        return cited_sources().order_by(F("published_on").desc(nulls_last=True), "pk")

    def get_serializer(self, instance, **kwargs):
        rows = instance if kwargs.get("many") else [instance]
        context = {**self.get_serializer_context(), "cited_in": cases_citing([s.pk for s in rows])}
        return self.serializer_class(instance, context=context, **kwargs)


@extend_schema(tags=["sources"], summary="Public sources cited on public case pages, latest first")
@list_schema(serializer=SourceSerializer(many=True))
class SourceList(SourceMixin, ApiView, generics.ListAPIView):
    pass


@extend_schema(tags=["sources"], summary="A public source and the cases citing it")
@detail_schema(SourceSerializer, lookup=ID)
class SourceDetail(SourceMixin, ApiView, generics.RetrieveAPIView):
    pass


@extend_schema(exclude=True)
class ApiRoot(APIView):
    """Where everything is."""

    def get(self, request):
        names = ["cases", "people", "organizations", "statements", "sources"]
        links = {name: absolute_url({"request": request}, reverse(f"api:{name}")) for name in names}
        for name in ("schema", "docs"):
            links[name] = absolute_url({"request": request}, reverse(f"api:{name}"))
        return Response(links)


def not_found(request, *args, **kwargs):
    """Any other address under /api/: JSON, like every API error."""
    return JsonResponse({"detail": gettext("Not found.")}, status=404)
