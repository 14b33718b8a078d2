"""The database keeps each published case's search document current and public-only."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db.migrations.loader import MigrationLoader

from cases.models import (
    Appeal,
    AppealLevel,
    CaseSearch,
    Detention,
    PublicationState,
    Statement,
)
from cases.search import document_sql
from cases.search.frozen import frozen_sql
from core.models import Visibility
from people.models import NameVariant
from tests.cases.search_documents import document_words

D = datetime.date


def test_the_frozen_migration_matches_the_models():
    """Changing a model that feeds search needs a new migration: python manage.py
    makesearchmigration, which finds what the database runs through the migration graph."""
    frozen = frozen_sql(MigrationLoader(None, ignore_no_migrations=True), "cases")
    assert document_sql.refresh_function_sql() == frozen["REFRESH_FUNCTION"].sql
    assert document_sql.triggers_sql() == frozen["TRIGGERS"].sql
    assert frozen["TOUCH_FUNCTION"].sql == document_sql.TOUCH_FUNCTION_SQL
    call_command("makesearchmigration", "--check", stdout=io.StringIO())  # exits 1 otherwise


@pytest.fixture
def case(make_case):
    return make_case("Almaty asylum seekers", summary="Extradition feared")


def test_a_published_case_has_a_document_and_a_draft_none(case, make_case):
    draft = make_case("Draft", state=PublicationState.DRAFT)
    assert CaseSearch.objects.filter(case=case).exists()
    assert not CaseSearch.objects.filter(case=draft).exists()
    assert {"almati", "almaty", "extradit"} <= document_words(case)


def test_unpublishing_removes_the_document_at_once(case):
    case.publication_state = PublicationState.WITHDRAWN
    case.save()
    assert not CaseSearch.objects.filter(case=case).exists()


def test_only_public_records_feed_the_document(case, make_organization):
    hrw = make_organization()
    Statement.objects.create(
        case=case,
        organization=hrw,
        made_on=D(2011, 6, 9),
        quote="travesty",
        visibility=Visibility.PUBLIC,
    )
    Statement.objects.create(
        case=case,
        organization=hrw,
        made_on=D(2011, 6, 9),
        quote="clandestine",
        visibility=Visibility.CONFIDENTIAL,
    )
    document = CaseSearch.objects.get(case=case)
    assert "travesti" in document_words(case)
    assert "clandestin" not in document_words(case)
    assert "clandestine" not in document.body
    assert document.statement_orgs == [hrw.pk]
    assert document.record_kinds == ["statement"]


def test_names_feed_the_document_only_when_public(case, make_person, make_subject):
    man = make_person("Toirjon Abdussamatov")
    hidden = make_person("Secretov Hiddenname", visibility=Visibility.CONFIDENTIAL)
    make_subject(case, man)
    make_subject(case, hidden)
    NameVariant.objects.create(person=man, text="Тоиржон Абдусаматов", visibility=Visibility.PUBLIC)
    NameVariant.objects.create(person=man, text="Zzsecretalias", visibility=Visibility.INTERNAL)
    document = CaseSearch.objects.get(case=case)
    assert "abdusamatov toiren" in document.names
    assert {"абдусаматов", "abdusamatov"} <= document_words(case)
    assert "hiddennam" not in document_words(case)
    assert "zzsecretalia" not in " ".join(document_words(case))


def test_bulk_updates_keep_documents_current(case, make_organization):
    court = make_organization("Almaty City Court", acronym="", kind="court")
    Appeal.objects.create(
        case=case, body=court, level=AppealLevel.UN_TREATY_BODY, visibility=Visibility.INTERNAL
    )
    assert CaseSearch.objects.get(case=case).record_kinds == []
    Appeal.objects.filter(case=case).update(visibility=Visibility.PUBLIC)
    assert CaseSearch.objects.get(case=case).record_kinds == ["appeal", "appeal:un_treaty_body"]
    court.visibility = Visibility.INTERNAL
    court.save()
    assert "court" not in document_words(case)


def test_dates_and_latest_activity(case, make_source):
    detention = Detention.objects.create(
        case=case, started_on=D(2010, 6, 9), ended_on=D(2011, 6, 9), visibility=Visibility.PUBLIC
    )
    source = make_source("Urgent action")
    detention.sources.add(source)
    document = CaseSearch.objects.get(case=case)
    assert document.record_dates == [D(2010, 6, 9), D(2011, 6, 9)]
    assert document.last_activity == D(2011, 6, 9)
    assert "urgent" in document_words(case)
    source.visibility = Visibility.INTERNAL
    source.save()
    assert "urgent" not in document_words(case)
