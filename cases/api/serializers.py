"""What the public API shows: explicit allow-lists of each model's PUBLIC_FIELDS.

Every serializer of a model (PublicSerializer) lists its fields; each field reads a
public field of the model (a date's `_precision` companion goes with its date) or is a
computed one named in Meta.computed (permalinks, citation numbers). Related people,
organizations and sources appear only when they are public themselves. The case page's
timeline and proceedings come from cases.selectors, already made of public values.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.urls import reverse
from django.utils.http import urlencode
from django_countries.serializers import CountryFieldMixin
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.models import (
    Case,
    CaseSubject,
    Source,
    Statement,
)
from cases.search.record_kinds import MODEL_KINDS, record_kind
from core.models import DatePrecision
from core.public import is_public
from organizations.models import Affiliation, Organization
from people.models import NameVariant, Person


def absolute_url(context, path: str) -> str:
    """A public address: from SITE_URL when set, else from the request."""
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/") + path
    return context["request"].build_absolute_uri(path)


def allowed_sources(serializer_class) -> set[str]:
    """Attributes a serializer may read: public fields, their dates' precision, Meta.ids."""
    model = serializer_class.Meta.model
    public = set(model.PUBLIC_FIELDS)
    field_names = {field.name for field in model._meta.get_fields()}
    precisions = {f"{name}_precision" for name in public} & field_names
    ids = set(getattr(serializer_class.Meta, "ids", ()))
    return public | precisions | ids | ({"pk"} if "id" in ids else set())


def leaked_fields(serializer_class) -> set[str]:
    """Fields of the serializer that read anything but an allowed attribute."""
    allowed = allowed_sources(serializer_class)
    computed = set(getattr(serializer_class.Meta, "computed", ()))
    prefix = getattr(serializer_class.Meta, "record", "")
    leaked = set()
    for name, field in serializer_class().fields.items():
        if name in computed:
            if field.source != "*" and not isinstance(field, serializers.SerializerMethodField):
                leaked.add(name)
            continue
        source = field.source.removeprefix(f"{prefix}.") if prefix else field.source
        if source.split(".")[0] not in allowed:
            leaked.add(name)
    return leaked


class PublicListSerializer(serializers.ListSerializer):
    """A list of related rows keeps only the public ones."""

    def to_representation(self, data):
        rows = data.all() if isinstance(data, models.Manager) else data
        return [self.child.to_representation(row) for row in rows if is_public(row)]


class PublicSerializer(serializers.ModelSerializer):
    """A model's public fields, listed explicitly; refuses to be defined with any other."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "Meta" not in cls.__dict__:
            return  # An intermediate base such as RefSerializer.
        if cls.Meta.fields == serializers.ALL_FIELDS:
            raise ImproperlyConfigured(f"{cls.__name__} must list its fields")
        declared = set(cls.Meta.fields) - set(getattr(cls.Meta, "computed", ()))
        unknown = {
            name for name in declared - allowed_sources(cls) if name not in cls._declared_fields
        }
        if unknown:
            raise ImproperlyConfigured(f"{cls.__name__} shows non-public fields {unknown}")


class RefSerializer(PublicSerializer):
    """A related row in short, or null when it is not public."""

    def to_representation(self, instance):
        return super().to_representation(instance) if is_public(instance) else None


class PersonRefSerializer(RefSerializer):
    """A public person in short."""

    permalink = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = ("slug", "display_name", "permalink")
        computed = ("permalink",)
        list_serializer_class = PublicListSerializer

    def get_permalink(self, person) -> str:
        return absolute_url(self.context, person.get_absolute_url())


class OrganizationRefSerializer(RefSerializer):
    """A public organization in short."""

    permalink = serializers.SerializerMethodField()

    class Meta:
        model = Organization
        fields = ("slug", "name", "acronym", "permalink")
        computed = ("permalink",)
        list_serializer_class = PublicListSerializer

    def get_permalink(self, organization) -> str:
        return absolute_url(self.context, organization.get_absolute_url())


class CaseRefSerializer(PublicSerializer):
    """A case the queryset already limited to public ones."""

    permalink = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = ("slug", "title", "permalink")
        computed = ("permalink",)

    def get_permalink(self, case) -> str:
        return absolute_url(self.context, case.get_absolute_url())


class SourceRefSerializer(RefSerializer):
    """A public source in short; /api/sources/{id}/ has the rest."""

    class Meta:
        model = Source
        fields = ("id", "title", "url")
        ids = ("id",)
        list_serializer_class = PublicListSerializer


class PersonSerializer(CountryFieldMixin, PublicSerializer):
    """A public person."""

    permalink = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = ("slug", "display_name", "sex", "nationality", "permalink")
        computed = ("permalink",)

    def get_permalink(self, person) -> str:
        return absolute_url(self.context, person.get_absolute_url())


class OrganizationSerializer(CountryFieldMixin, PublicSerializer):
    """A public organization."""

    permalink = serializers.SerializerMethodField()

    class Meta:
        model = Organization
        fields = ("slug", "name", "acronym", "kind", "country", "website", "permalink")
        computed = ("permalink",)

    def get_permalink(self, organization) -> str:
        return absolute_url(self.context, organization.get_absolute_url())


class CaseSerializer(CountryFieldMixin, PublicSerializer):
    """A published case."""

    updated_at = serializers.SerializerMethodField()
    permalink = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = (
            "slug", "title", "summary", "status", "host_country", "origin_country",
            "people_count", "charges", "tags", "updated_at", "permalink",
        )  # fmt: skip
        computed = ("updated_at", "permalink")

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_updated_at(self, case):
        """When public content last changed: the search document's date, not the case's
        own updated_at, which internal edits move too."""
        return serializers.DateTimeField().to_representation(case.search.public_updated_at)

    def get_permalink(self, case) -> str:
        return absolute_url(self.context, case.get_absolute_url())


class SourceSerializer(PublicSerializer):
    """A public source cited on a public case page, with the cases that cite it."""

    publisher = OrganizationRefSerializer(read_only=True, allow_null=True)
    cited_in = serializers.SerializerMethodField()
    permalink = serializers.SerializerMethodField()

    class Meta:
        model = Source
        fields = (
            "id", "title", "publisher", "url", "archived_url", "published_on",
            "published_on_precision", "language", "reliability", "cited_in", "permalink",
        )  # fmt: skip
        ids = ("id",)
        computed = ("cited_in", "permalink")

    def _cases(self, source) -> list[Case]:
        return self.context["cited_in"].get(source.pk, [])

    @extend_schema_field(CaseRefSerializer(many=True))
    def get_cited_in(self, source):
        return CaseRefSerializer(self._cases(source), many=True, context=self.context).data

    def get_permalink(self, source) -> str:
        """Its own address, else its archived copy, else the sources of a case citing it."""
        if source.url or source.archived_url:
            return source.url or source.archived_url
        cases = self._cases(source)
        path = cases[0].get_absolute_url() + "#sources-heading" if cases else ""
        return absolute_url(self.context, path or reverse("api:source-detail", args=[source.pk]))


class StatementSerializer(PublicSerializer):
    """A public statement by a public organization on a public case."""

    case = CaseRefSerializer(read_only=True)
    organization = OrganizationRefSerializer(read_only=True)
    speaker = PersonRefSerializer(read_only=True, allow_null=True)
    people = PersonRefSerializer(read_only=True, many=True)
    sources = SourceRefSerializer(read_only=True, many=True)
    permalink = serializers.SerializerMethodField()

    class Meta:
        model = Statement
        fields = (
            "id", "case", "organization", "speaker", "made_on", "made_on_precision",
            "language", "quote", "summary", "people", "sources", "permalink",
        )  # fmt: skip
        ids = ("id",)
        computed = ("permalink",)

    def get_permalink(self, statement) -> str:
        """The statement on its case page."""
        anchor = f"#statement-{statement.pk}"
        return absolute_url(self.context, f"{statement.case.get_absolute_url()}{anchor}")


class NameVariantSerializer(PublicSerializer):
    """A public spelling of a person's name."""

    class Meta:
        model = NameVariant
        fields = ("text", "script", "kind", "language")


class PersonAffiliationSerializer(PublicSerializer):
    """The person's public role in a public organization."""

    organization = OrganizationRefSerializer(read_only=True)

    class Meta:
        model = Affiliation
        fields = (
            "organization", "role_title", "started_on", "started_on_precision", "ended_on",
            "ended_on_precision",
        )  # fmt: skip


class OrganizationAffiliationSerializer(PublicSerializer):
    """A public person's public role in the organization."""

    person = PersonRefSerializer(read_only=True)

    class Meta:
        model = Affiliation
        fields = (
            "person", "role_title", "started_on", "started_on_precision", "ended_on",
            "ended_on_precision",
        )  # fmt: skip


class CaseRoleSerializer(PublicSerializer):
    """A person's public part in a public case (on the person's page)."""

    case = CaseRefSerializer(read_only=True)

    class Meta:
        model = CaseSubject
        fields = ("case", "role", "description")


class SubjectSerializer(PublicSerializer):
    """A public person's public part in the case (on the case page)."""

    person = PersonRefSerializer(read_only=True)

    class Meta:
        model = CaseSubject
        fields = ("person", "role", "description")


# The case page, person page and organization page, as cases.selectors and
# cases.profiles build them: the API and the pages read the same objects.


class DetailSerializer(serializers.Serializer):
    """One (label, value) pair of core.public.public_details."""

    label = serializers.CharField()
    value = serializers.CharField()

    def to_representation(self, pair):
        label, value = pair
        return {"label": str(label), "value": str(value)}


class CitedSourceSerializer(PublicSerializer):
    """A source in a case page's numbered list; its permalink is its footnote there."""

    publisher = OrganizationRefSerializer(read_only=True, allow_null=True)
    number = serializers.SerializerMethodField()
    permalink = serializers.SerializerMethodField()

    class Meta:
        model = Source
        fields = (
            "number", "id", "title", "publisher", "url", "archived_url", "published_on",
            "published_on_precision", "language", "reliability", "permalink",
        )  # fmt: skip
        ids = ("id",)
        computed = ("number", "permalink")

    def get_number(self, source) -> int:
        return self.context["source_numbers"][source.pk]

    def get_permalink(self, source) -> str:
        case_url = self.context["case_url"]
        return absolute_url(self.context, f"{case_url}#source-{self.get_number(source)}")


def _citations(citations) -> list[int]:
    return [number for number, _source in citations]


class TimelineItemSerializer(serializers.Serializer):
    """A dated entry derived from a public record (cases.selectors.TimelineItem)."""

    date = serializers.DateField(source="entry.date")
    precision = serializers.ChoiceField(DatePrecision.choices, source="entry.precision")
    date_display = serializers.SerializerMethodField()
    kind = serializers.SerializerMethodField()
    label = serializers.CharField(source="entry.label")
    summary = serializers.CharField(allow_null=True)
    details = DetailSerializer(many=True)
    people = PersonRefSerializer(many=True)
    citations = serializers.SerializerMethodField()

    def get_date_display(self, item) -> str:
        return item.entry.display_date  # a span reads as one range: '9–11 June 2010'

    @extend_schema_field(serializers.ChoiceField(sorted(MODEL_KINDS)))
    def get_kind(self, item):
        return record_kind(type(item.entry.record))

    def get_citations(self, item) -> list[int]:
        return _citations(item.citations)


class AppealSummarySerializer(serializers.Serializer):
    details = DetailSerializer(many=True)

    def to_representation(self, pair):
        _appeal, details = pair
        return super().to_representation({"details": details})


class ProceedingSerializer(serializers.Serializer):
    """A contested decision or order (null for appeals against nothing public) and its appeals."""

    kind = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    details = DetailSerializer(many=True)
    appeals = AppealSummarySerializer(many=True)

    @extend_schema_field(
        serializers.ChoiceField(["asylum_decision", "extradition"], allow_null=True)
    )
    def get_kind(self, proceeding):
        return record_kind(type(proceeding.record)) if proceeding.record else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_title(self, proceeding):
        return str(proceeding.record) if proceeding.record else None


class PageStatementSerializer(serializers.Serializer):
    """A public statement on the case page (cases.selectors.PublicStatement)."""

    id = serializers.IntegerField(source="record.pk")
    organization = OrganizationRefSerializer()
    speaker = PersonRefSerializer(allow_null=True)
    speaker_role = serializers.SerializerMethodField()
    made_on = serializers.DateField(source="record.made_on")
    made_on_precision = serializers.ChoiceField(
        DatePrecision.choices, source="record.made_on_precision"
    )
    language = serializers.CharField(source="record.language")
    quote = serializers.CharField(source="record.quote")
    summary = serializers.CharField(source="record.summary")
    citations = serializers.SerializerMethodField()
    permalink = serializers.SerializerMethodField()

    class Meta:
        model = Statement
        record = "record"
        ids = ("id",)
        computed = ("speaker_role", "citations", "permalink")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_speaker_role(self, item):
        """The speaker's public role title in the organization, when recorded."""
        return item.role

    def get_citations(self, item) -> list[int]:
        return _citations(item.citations)

    def get_permalink(self, item) -> str:
        return absolute_url(self.context, f"{self.context['case_url']}#statement-{item.record.pk}")


class CasePageSerializer(serializers.Serializer):
    """The whole public case page (cases.selectors.public_case_page)."""

    case = CaseSerializer()
    subjects = SubjectSerializer(many=True)
    timeline = TimelineItemSerializer(many=True)
    proceedings = ProceedingSerializer(many=True)
    statements = PageStatementSerializer(many=True)
    organizations = OrganizationRefSerializer(many=True)
    sources = CitedSourceSerializer(many=True)


class ProfileStatementSerializer(StatementSerializer):
    """A statement listed on a person's or organization's page."""

    class Meta(StatementSerializer.Meta):
        fields = (
            "id", "case", "organization", "speaker", "made_on", "made_on_precision",
            "language", "quote", "summary", "permalink",
        )  # fmt: skip


def _list_url(context, name: str, **params) -> str:
    """An API list endpoint filtered by `params`, absolute."""
    return absolute_url(context, f"{reverse(name)}?{urlencode(params)}")


class ProfileSerializer(serializers.Serializer):
    """What person and organization pages share: the first page of each list, and how
    many rows each holds (exact up to cases.profiles.COUNTED_UP_TO, else estimated)."""

    cases_count = serializers.IntegerField(source="cases.count")
    cases_count_exact = serializers.BooleanField(
        source="cases.exact", help_text="False when cases_count is an estimate."
    )
    statements = ProfileStatementSerializer(
        many=True, source="statements.page.object_list", help_text="The newest, first page."
    )
    statements_count = serializers.IntegerField(source="statements.count")
    statements_count_exact = serializers.BooleanField(
        source="statements.exact", help_text="False when statements_count is an estimate."
    )
    statements_url = serializers.SerializerMethodField(
        help_text="Every statement, page by page (/api/statements/ filtered)."
    )


class PersonPageSerializer(ProfileSerializer):
    """A public person's page (cases.profiles.person_page)."""

    person = PersonSerializer()
    name_variants = NameVariantSerializer(many=True, source="variants")
    cases = CaseRoleSerializer(
        many=True, source="roles", help_text="Their public parts in the cases of named_in."
    )
    named_in = serializers.SerializerMethodField()
    affiliations = PersonAffiliationSerializer(many=True)

    @extend_schema_field(CaseRefSerializer(many=True))
    def get_named_in(self, page):
        """The published cases that show the person (a part in it, a record naming them
        or a statement they made), latest public change first: the first page."""
        cases = [item.case for item in page.cases.page.object_list]
        return CaseRefSerializer(cases, many=True, context=self.context).data

    def get_statements_url(self, page) -> str:
        return _list_url(self.context, "api:statements", speaker=page.person.slug)


class OrganizationPageSerializer(ProfileSerializer):
    """A public organization's page (cases.profiles.organization_page)."""

    organization = OrganizationSerializer()
    cases = CaseRefSerializer(
        many=True,
        source="cases.page.object_list",
        help_text="The cases that show it, latest public change first: the first page.",
    )
    cases_url = serializers.SerializerMethodField(
        help_text="The cases with a statement by it, page by page (/api/cases/ filtered)."
    )
    affiliations = OrganizationAffiliationSerializer(many=True)

    def get_cases_url(self, page) -> str:
        return _list_url(self.context, "api:cases", organization=page.organization.slug)

    def get_statements_url(self, page) -> str:
        return _list_url(self.context, "api:statements", organization=page.organization.slug)
