"""Names in titles, organizations and places are found in any script or spelling, as
people's names are; nothing that is not public is folded into a document."""

import datetime

import pytest
from django.db import models

from cases.models import RECORD_MODELS, CaseSearch, Detention, Event, EventKind, Source
from core.models import Visibility
from tests.cases.search_documents import document_words

D = datetime.date


def found(client, query: str) -> list[str]:
    response = client.get("/cases/", {"q": query})
    assert response.status_code == 200
    return [doc.case.title for doc in response.context["results"].page.object_list]


@pytest.fixture
def other(make_case):
    """A case that none of the names below should find."""
    return make_case("Almaty asylum seekers", summary="Extradition feared.")


@pytest.fixture
def decisions(make_case, other):
    """UN decisions as they are published: a title, no person record."""
    return [
        make_case("Gerasimov v. Kazakhstan", slug="gerasimov", summary="Torture in custody."),
        make_case("Джакишев против Казахстана", slug="dzhakishev", summary="Пытки в изоляторе."),
    ]


@pytest.mark.parametrize(
    "query",
    # Cyrillic, English, French (ACAT-France) spellings; French "gue" for ге is corrected
    # through the lexicon of name words, which the title's names now feed.
    ["Герасимов", "Gerasimov", "Guerassimov", "gerasimov kazakhstan"],
)
def test_a_name_in_a_title_is_found_in_any_script(client, decisions, query):
    assert found(client, query) == ["Gerasimov v. Kazakhstan"]


@pytest.mark.parametrize("query", ["Dzhakishev", "Djakishev", "Dschakischew", "Jakishev"])
def test_a_cyrillic_title_is_found_by_its_latin_spellings(client, decisions, query):
    assert found(client, query) == ["Джакишев против Казахстана"]


def test_a_title_names_its_case_but_its_other_words_are_no_names(decisions):
    names = CaseSearch.objects.get(case=decisions[0]).names.split()
    # Capitalized words only: "v." and common words stay out of the name lexicon.
    assert names == ["gerasimov", "kazahstan"]
    assert CaseSearch.objects.get(case=decisions[1]).names.split() == ["iakicev", "kazahstana"]


def test_a_public_organization_is_found_in_any_script(client, make_case, make_organization, other):
    police = make_organization("ОВД Хамовники", acronym="", kind="police", slug="ovd")
    case = make_case("Detained at a picket", summary="Twelve people were taken away.")
    Detention.objects.create(
        case=case, authority=police, started_on=D(2022, 3, 6), visibility=Visibility.PUBLIC
    )
    for query in ("Khamovniki", "Hamovniki", "Хамовники", "OVD Khamovniki"):
        assert found(client, query) == [case.title], query
    # Organizations are shown by thousands of cases: their words are no case's name.
    assert "hamovniki" not in CaseSearch.objects.get(case=case).names


def test_a_publisher_is_found_in_any_script(client, make_case, make_organization, other):
    memorial = make_organization("Мемориал", acronym="", slug="memorial")
    case = make_case("Forced returns", summary="Returned despite the risk.")
    source = Source.objects.create(
        title="Report", publisher=memorial, url="https://example.org/r", visibility="public"
    )
    detention = Detention.objects.create(
        case=case, started_on=D(2011, 6, 9), visibility=Visibility.PUBLIC
    )
    detention.sources.add(source)
    assert found(client, "Memorial") == [case.title]


def test_a_place_is_found_by_its_latin_spelling(client, make_case, other):
    case = make_case("Hunger strike", summary="They refused food for a month.")
    Detention.objects.create(
        case=case, place="СИЗО Бутырка", started_on=D(2012, 1, 5), visibility=Visibility.PUBLIC
    )
    Event.objects.create(
        case=case,
        kind=EventKind.PROTEST,
        title="Picket",
        place="Жезказган",
        started_on=D(2012, 2, 1),
        visibility=Visibility.PUBLIC,
    )
    for query in ("Butyrka", "Zhezkazgan", "Jezkazgan", "Džezkazgan"):
        assert found(client, query) == [case.title], query


def test_nothing_that_is_not_public_is_folded(client, make_case, make_organization):
    hidden = make_organization("ОВД Тверской", acronym="", kind="police", visibility="internal")
    shown = make_organization(
        "ОВД Хамовники", acronym="", kind="police", slug="ovd", internal_notes="Лефортово"
    )
    case = make_case(
        "Detained at a picket", summary="Taken away.", internal_notes="Матросская Тишина"
    )
    Detention.objects.create(
        case=case, authority=hidden, started_on=D(2022, 3, 6), visibility=Visibility.PUBLIC
    )
    Detention.objects.create(
        case=case,
        authority=shown,
        place="Бутырка",
        started_on=D(2022, 3, 7),
        visibility=Visibility.INTERNAL,
    )
    Event.objects.create(
        case=case,
        kind=EventKind.PROTEST,
        title="Picket",
        place="Жезказган",
        started_on=D(2022, 3, 6),
        visibility=Visibility.CONFIDENTIAL,
    )
    folded = document_words(case)
    for secret in ("tverskoi", "butirka", "ezkazgan", "lefortovo", "matroskaia", "ticina"):
        assert not any(secret in word for word in folded), secret
    for query in ("Tverskoy", "Butyrka", "Zhezkazgan", "Lefortovo", "Matrosskaya", "Khamovniki"):
        assert found(client, query) == [], query


def test_name_fields_are_public_text():
    """A record's NAME_FIELDS are folded into public documents: only public text qualifies
    (document_sql skips any other, which would hide the mistake)."""
    for model in RECORD_MODELS:
        for name in model.NAME_FIELDS:
            field = model._meta.get_field(name)
            assert name in model.PUBLIC_FIELDS, (model, name)
            assert isinstance(field, models.CharField | models.TextField), (model, name)
