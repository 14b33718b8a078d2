"""Public pages of a person and of an organization: their public cases and statements."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from cases.models import RECORD_MODELS, Case, CaseSubject, Statement
from cases.selectors import public_case_list
from organizations.models import Affiliation, Organization
from people.models import Person


@dataclass
class PersonPage:
    person: Person
    variants: list
    roles: list[CaseSubject]
    statements: list[Statement]
    affiliations: list[Affiliation]


@dataclass
class OrganizationPage:
    organization: Organization
    cases: list[Case]
    statements: list[Statement]
    affiliations: list[Affiliation]


def public_statements() -> QuerySet[Statement]:
    """Public statements by public organizations on public cases (pages and API)."""
    return (
        Statement.objects.public()
        .filter(case__in=Case.objects.public(), organization__in=Organization.objects.public())
        .select_related("case", "organization", "speaker")
        .order_by("-made_on", "pk")
    )


def person_page(slug: str) -> PersonPage:
    person = get_object_or_404(Person.objects.public(), slug=slug)
    roles = (
        CaseSubject.objects.public()
        .filter(person=person, case__in=Case.objects.public())
        .select_related("case")
        .order_by("case__title", "role")
    )
    affiliations = (
        Affiliation.objects.public()
        .filter(person=person, organization__in=Organization.objects.public())
        .select_related("organization")
    )
    return PersonPage(
        person=person,
        variants=list(person.name_variants.public().order_by("script", "text")),
        roles=list(roles),
        statements=list(public_statements().filter(speaker=person)),
        affiliations=list(affiliations),
    )


def _cases_involving(organization: Organization) -> QuerySet[Case]:
    """Public cases with a public record that names the organization."""
    condition = Q()
    for model in RECORD_MODELS:
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is Organization:
                records = model.objects.public().filter(**{field.name: organization})
                condition |= Q(pk__in=records.values("case_id"))
    return public_case_list().filter(condition)


def organization_page(slug: str) -> OrganizationPage:
    organization = get_object_or_404(Organization.objects.public(), slug=slug)
    affiliations = (
        Affiliation.objects.public()
        .filter(organization=organization, person__in=Person.objects.public())
        .select_related("person")
    )
    return OrganizationPage(
        organization=organization,
        cases=list(_cases_involving(organization)),
        statements=list(public_statements().filter(organization=organization)),
        affiliations=list(affiliations),
    )
