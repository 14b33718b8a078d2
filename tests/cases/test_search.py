"""Public search: text in several languages, names in any script, filters with counts."""

import datetime

import pytest

from cases.models import (
    Appeal,
    AppealLevel,
    Event,
    EventKind,
    Extradition,
    PublicationState,
    Statement,
)
from cases.search import facets
from core.models import Visibility
from people.models import NameVariant

D = datetime.date


@pytest.fixture
def almaty(make_case, make_person, make_subject, make_organization):
    case = make_case(
        "Uzbek asylum seekers extradited from Kazakhstan",
        summary="Men held a year in Almaty were sent back despite the risk of torture.",
        tags=["extradition", "religious extremism"],
        status="extradited",
    )
    man = make_person("Toirjon Abdussamatov")
    NameVariant.objects.create(person=man, text="Тоиржон Абдусаматов", visibility=Visibility.PUBLIC)
    make_subject(case, man)
    hrw = make_organization()
    Statement.objects.create(
        case=case,
        organization=hrw,
        made_on=D(2011, 6, 9),
        quote="a human tragedy",
        visibility=Visibility.PUBLIC,
    )
    Extradition.objects.create(
        case=case, from_country="KZ", to_country="UZ", visibility=Visibility.PUBLIC
    )
    court = make_organization("Committee Against Torture", acronym="CAT", kind="un_body")
    Appeal.objects.create(
        case=case, body=court, level=AppealLevel.UN_TREATY_BODY, visibility=Visibility.PUBLIC
    )
    return case


@pytest.fixture
def moscow(make_case):
    return make_case(
        "Задержание в Москве",
        slug="moscow-detention",
        summary="Беженцы задержаны полицией в Москве.",
        host_country="RU",
        origin_country="TJ",
        status="detained",
    )


def found(client, **params):
    response = client.get("/cases/", params)
    assert response.status_code == 200
    return response


def titles(response):
    return [doc.case.title for doc in response.context["results"].page.object_list]


@pytest.mark.parametrize(
    "query",
    ["Abdusamatov", "Абдусаматов", "Toirzhon", "Abdussamatov Toirjon", "Abdusamatof", "tragedy"],
)
def test_names_and_words_find_the_case(client, almaty, moscow, query):
    assert titles(found(client, q=query)) == [almaty.title]


def test_english_and_russian_words_are_stemmed(client, almaty, moscow):
    assert titles(found(client, q="extraditions")) == [almaty.title]
    assert titles(found(client, q="беженцев задержали")) == [moscow.title]


def test_web_search_syntax(client, almaty, moscow):
    assert titles(found(client, q='"human tragedy"')) == [almaty.title]
    assert titles(found(client, q='"tragedy human"')) == []
    assert titles(found(client, q="extradited -torture")) == []
    assert set(titles(found(client, q="tragedy or Москве"))) == {almaty.title, moscow.title}


def test_results_have_an_exact_count_and_a_highlighted_snippet(client, almaty, moscow):
    response = found(client, q="tragedy")
    html = response.content.decode()
    assert "1 case found" in html
    assert "<mark>tragedy</mark>" in html


def test_snippets_are_escaped(client, make_case):
    make_case("Escape test", summary="<script>alert(1)</script> Jerry's tragedy")
    html = found(client, q="tragedy").content.decode()
    assert "<script>alert(1)" not in html
    assert "Jerry&#x27;s <mark>tragedy</mark>" in html


def test_filters_narrow_and_facets_count(client, almaty, moscow):
    results = found(client, host_country="KZ").context["results"]
    assert [doc.case for doc in results.page.object_list] == [almaty]
    facets = {facet.param: facet for facet in results.facets}
    # Counts of a facet ignore its own selection, so other countries stay choosable.
    assert {(o.value, o.count, o.selected) for o in facets["host_country"].options} == {
        ("KZ", 1, True),
        ("RU", 1, False),
    }
    assert {o.value: o.count for o in facets["kind"].options} == {
        "appeal": 1,
        "appeal:un_treaty_body": 1,
        "extradition": 1,
        "statement": 1,
    }
    assert [o.label for o in facets["organization"].options] == ["Human Rights Watch (HRW)"]
    assert {o.value for o in facets["tag"].options} == {"extradition", "religious extremism"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "appeal:un_treaty_body"}, "almaty"),
        ({"organization": "human-rights-watch"}, "almaty"),
        ({"status": "detained"}, "moscow"),
        ({"origin_country": "TJ"}, "moscow"),
        ({"tag": "extradition"}, "almaty"),
        ({"date_from": "2011-06-01", "date_to": "2011-06-30"}, "almaty"),
    ],
)
def test_each_filter(client, almaty, moscow, params, expected):
    case = {"almaty": almaty, "moscow": moscow}[expected]
    assert titles(found(client, **params)) == [case.title]


def test_date_range_excludes_cases_without_events_in_it(client, almaty, moscow):
    assert titles(found(client, date_from="2012-01-01")) == []
    assert titles(found(client, date_to="2011-01-01")) == []


def test_bad_filter_values_get_a_message_not_an_error(client, almaty):
    params = {"host_country": "XX", "date_from": "not-a-date", "page": "-3", "sort": "bogus"}
    response = client.get("/cases/", params)
    assert response.status_code == 400  # and no cases: tests/cases/test_invalid_filters.py
    assert "were not understood" in response.content.decode()


def test_sorting(client, almaty, moscow):
    Event.objects.create(
        case=moscow,
        kind=EventKind.ARREST,
        title="Raid",
        started_on=D(2020, 1, 1),
        visibility=Visibility.PUBLIC,
    )
    assert titles(found(client, sort="activity")) == [moscow.title, almaty.title]
    assert titles(found(client, sort="date")) == [almaty.title, moscow.title]


def test_nothing_private_is_searchable_or_counted(client, almaty, make_case, make_person):
    make_case("Zzsecret draft case", state=PublicationState.DRAFT, host_country="TR")
    Statement.objects.create(
        case=almaty,
        organization=almaty.statements.first().organization,
        made_on=D(2011, 1, 1),
        quote="zzsecretquote",
        visibility=Visibility.CONFIDENTIAL,
    )
    hidden = make_person("Zzhidden Person", visibility=Visibility.INTERNAL)
    almaty.subjects.create(person=hidden, role="relative", visibility=Visibility.PUBLIC)
    for query in ("zzsecret", "zzsecretquote", "Zzhidden"):
        assert titles(found(client, q=query)) == []
    html = found(client, q="tragedy").content.decode().lower()
    assert "zzsecret" not in html
    assert "zzhidden" not in html
    facets = {f.param: f for f in found(client).context["results"].facets}
    assert "TR" not in {o.value for o in facets["host_country"].options}


@pytest.mark.parametrize("count", [3, 30])
def test_search_query_count_does_not_grow(client, make_case, django_assert_max_num_queries, count):
    for number in range(count):
        make_case(f"Extradition case {number}", tags=[f"tag{number}"])
    with django_assert_max_num_queries(12):
        found(client, q="extradition", host_country="KZ", kind="extradition")


def test_the_home_page_counts_public_cases_only(client, almaty, moscow, make_case):
    make_case("Draft in Turkey", slug="draft", host_country="TR", state=PublicationState.DRAFT)
    counts = client.get("/").context["counts"]
    assert (counts["exact"], counts["cases"], counts["countries"]) == (True, 2, 2)
    assert (counts["extraditions"], counts["un_appeals"]) == (1, 1)


def test_the_organization_facet_lists_those_with_most_cases_and_any_chosen(
    client, make_case, make_organization, monkeypatch
):
    monkeypatch.setattr(facets, "MAX_OPTIONS", 2)
    orgs = [make_organization(f"Group {n}", acronym=f"G{n}") for n in range(3)]
    for n in range(6):
        case = make_case(f"Case {n}", slug=f"case-{n}")
        # Group 0 speaks on every case, group 1 on four, group 2 on two.
        for org in orgs[: 1 + (n < 4) + (n < 2)]:
            Statement.objects.create(
                case=case,
                organization=org,
                made_on=D(2011, 6, 9),
                quote="Stop the extradition.",
                visibility=Visibility.PUBLIC,
            )

    def listed(**params):
        facets = {f.param: f for f in found(client, **params).context["results"].facets}
        return [(o.value, o.count) for o in facets["organization"].options]

    assert listed() == [("group-0", 6), ("group-1", 4)]
    assert listed(organization="group-2") == [("group-0", 6), ("group-1", 4), ("group-2", 2)]
