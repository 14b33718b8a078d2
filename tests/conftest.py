"""Builder fixtures shared by the whole suite (real PostgreSQL through pytest-django)."""

import datetime

import pytest

from cases.models import (
    Case,
    CaseSubject,
    PublicationState,
    Source,
    SubjectRole,
)
from core.models import Visibility
from organizations.models import Organization, OrganizationKind
from people.models import Person


@pytest.fixture
def make_person(db):
    def make(name="Rafshan Turaev", visibility=Visibility.PUBLIC, **fields):
        slug = fields.pop("slug", None) or name.lower().replace(" ", "-")
        return Person.objects.create(display_name=name, slug=slug, visibility=visibility, **fields)

    return make


@pytest.fixture
def make_organization(db):
    def make(name="Human Rights Watch", acronym="HRW", kind=OrganizationKind.NGO, **fields):
        fields.setdefault("visibility", Visibility.PUBLIC)
        slug = fields.pop("slug", None) or name.lower().replace(" ", "-")
        return Organization.objects.create(
            name=name, acronym=acronym, kind=kind, slug=slug, **fields
        )

    return make


@pytest.fixture
def make_case(db):
    def make(title="Uzbek asylum seekers in Almaty", state=PublicationState.PUBLISHED, **fields):
        slug = fields.pop("slug", None) or title.lower().replace(" ", "-")
        fields.setdefault("host_country", "KZ")
        fields.setdefault("origin_country", "UZ")
        return Case.objects.create(title=title, slug=slug, publication_state=state, **fields)

    return make


@pytest.fixture
def make_source(db):
    def make(title="Forced returns to Uzbekistan illegal", visibility=Visibility.PUBLIC, **fields):
        fields.setdefault("published_on", datetime.date(2011, 6, 10))
        fields.setdefault("url", "https://example.org/report")
        return Source.objects.create(title=title, visibility=visibility, **fields)

    return make


@pytest.fixture
def make_subject(db):
    def make(case, person, role=SubjectRole.DETAINEE, visibility=Visibility.PUBLIC, **fields):
        return CaseSubject.objects.create(
            case=case, person=person, role=role, visibility=visibility, **fields
        )

    return make
