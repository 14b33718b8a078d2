"""Public pages of a person and of an organization: their public cases and statements."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from cases.models import Case, CaseSubject, Statement
from cases.models.appearances import cases_showing, organization_appearances, person_appearances
from cases.selectors import public_case_list
from organizations.models import Affiliation, Organization
from people.models import Person


@dataclass
class PersonCase:
    """A published case that shows the person, with their public parts in it (if any:
    a record or a statement may name them without a part)."""

    case: Case
    roles: list[CaseSubject]


@dataclass
class PersonPage:
    person: Person
    variants: list
    roles: list[CaseSubject]
    cases: list[PersonCase]
    statements: list[Statement]
    affiliations: list[Affiliation]


@dataclass
class OrganizationPage:
    organization: Organization
    cases: list[Case]
    statements: list[Statement]
    affiliations: list[Affiliation]


def public_statements() -> QuerySet[Statement]:
    """Public statements (by public organizations, on published cases): pages and API."""
    return (
        Statement.objects.public()
        .select_related("case", "organization", "speaker")
        .order_by("-made_on", "pk")
    )


def person_page(slug: str) -> PersonPage:
    person = get_object_or_404(Person.objects.public(), slug=slug)
    roles = list(
        CaseSubject.objects.public()
        .filter(person=person)
        .select_related("case")
        .order_by("case__title", "role")
    )
    cases = cases_showing(person_appearances(), person).only(*Case.PUBLIC_FIELDS)
    affiliations = (
        Affiliation.objects.public()
        .filter(Organization.objects.points_public("organization"), person=person)
        .select_related("organization")
    )
    return PersonPage(
        person=person,
        variants=list(person.name_variants.public().order_by("script", "text")),
        roles=roles,
        cases=[
            PersonCase(case, [role for role in roles if role.case_id == case.pk])
            for case in cases.order_by("title", "pk")
        ],
        statements=list(public_statements().filter(speaker=person)),
        affiliations=list(affiliations),
    )


def organization_page(slug: str) -> OrganizationPage:
    organization = get_object_or_404(Organization.objects.public(), slug=slug)
    affiliations = (
        Affiliation.objects.public()
        .filter(Person.objects.points_public("person"), organization=organization)
        .select_related("person")
    )
    cases = cases_showing(organization_appearances(), organization, cases=public_case_list())
    return OrganizationPage(
        organization=organization,
        cases=list(cases),
        statements=list(public_statements().filter(organization=organization)),
        affiliations=list(affiliations),
    )
