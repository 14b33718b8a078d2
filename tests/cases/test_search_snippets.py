"""A result's snippet comes from one public text of its case and says where it is."""

import datetime

import pytest

from cases.models import Detention, Source, Statement
from core.models import DatePrecision, Visibility

D = datetime.date


def snippets(client, query: str) -> dict[str, tuple[str, str]]:
    """{case title: (snippet html, where)} of the results."""
    results = client.get("/cases/", {"q": query}).context["results"]
    titles = {doc.pk: doc.case.title for doc in results.page.object_list}
    return {titles[pk]: (str(s.text), s.where) for pk, s in results.snippets.items()}


@pytest.fixture
def picket(make_case, make_organization):
    hrw = make_organization("Human Rights Watch", slug="hrw")
    case = make_case("Wives at a picket", summary="The wives of the men protested in Almaty.")
    Detention.objects.create(
        case=case,
        started_on=D(2010, 6, 9),
        summary="Held in the Zhezkazgan detention centre for a year.",
        visibility=Visibility.PUBLIC,
    )
    Detention.objects.create(
        case=case,
        started_on=D(2010, 7, 1),
        summary="Secretly moved to the Karaganda prison.",
        visibility=Visibility.INTERNAL,
    )
    statement = Statement.objects.create(
        case=case,
        organization=hrw,
        made_on=D(2011, 6, 1),
        made_on_precision=DatePrecision.MONTH,
        quote="Returning them would expose them to torture.",
        visibility=Visibility.PUBLIC,
    )
    source = Source.objects.create(
        title="Kazakhstan: forced returns to Uzbekistan illegal",
        url="https://example.org/returns",
        published_on=D(2011, 6, 10),
        visibility=Visibility.PUBLIC,
    )
    statement.sources.add(source)
    return case


def test_a_snippet_is_one_records_text_and_says_which(client, picket):
    text, where = snippets(client, "Zhezkazgan")[picket.title]
    assert "<mark>Zhezkazgan</mark> detention centre" in text
    assert where == "Detention, 9 June 2010"
    # Nothing of the case's other texts is run into it.
    assert "wives" not in text and "torture" not in text


@pytest.mark.parametrize(
    "query, where",
    [
        ("protested", "Case summary"),
        ("torture", "Statement by an organization, June 2011"),
        ("illegal", "Source, 10 June 2011"),
    ],
)
def test_each_kind_of_text_says_where_it_is(client, picket, query, where):
    assert snippets(client, query)[picket.title][1] == where


def test_an_internal_record_gives_no_snippet(client, picket):
    assert snippets(client, "Karaganda") == {}


def test_the_page_says_where_the_match_is(client, picket):
    html = client.get("/cases/", {"q": "Zhezkazgan"}).content.decode()
    assert "(in: Detention, 9 June 2010)" in html


def test_snippets_take_one_query_for_the_page(client, picket, django_assert_num_queries):
    from cases.search.request import SearchRequest
    from cases.search.snippets import passages
    from cases.search.text import text_match

    request = SearchRequest.from_params({"q": "Zhezkazgan"})
    _, _, query = text_match(request.query)
    with django_assert_num_queries(1):
        assert set(passages(query, [picket.pk, picket.pk + 1000])) == {picket.pk}
