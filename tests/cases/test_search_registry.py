"""Each facet and each kind of record is defined once (cases/search/facets.py and
record_kinds.py), and everything that filters, counts, indexes or shows them reads that."""

import datetime

import pytest

from cases.models import RECORD_MODELS, Appeal, AppealLevel, CaseSearch
from cases.search import CaseSearchFilter, SearchRequest, facets, record_kinds, search
from cases.search.counts import FACET_COLUMNS
from cases.search.document_sql import refresh_function_sql

D = datetime.date


def test_every_facet_is_a_field_an_index_a_count_and_a_copied_column():
    form = CaseSearchFilter({}).form
    indexed = {tuple(index.fields) for index in CaseSearch._meta.indexes}
    refresh = refresh_function_sql()
    for facet in facets.FACETS:
        assert form.fields[facet.param].label == facet.label
        assert (facet.column,) in indexed
        assert FACET_COLUMNS[facet.param] == facet.column
        CaseSearch._meta.get_field(facet.column)  # a column of the documents
        if facet.copied:
            assert f"c.{facet.column}" in refresh


def test_every_record_model_has_a_kind_and_every_kind_is_a_choice():
    choices = dict(CaseSearchFilter({}).form.fields["kind"].choices)
    for model in RECORD_MODELS:
        assert record_kinds.record_kind(model) in choices
    assert set(choices) == {kind.value for kind in record_kinds.KINDS}


def test_the_page_shows_each_facet_with_its_label_and_counts(client, story):
    results = client.get("/cases/").context["results"]
    assert [(f.param, f.label) for f in results.facets] == [
        (facet.param, facet.label) for facet in facets.FACETS
    ]
    kind = next(f for f in results.facets if f.param == "kind")
    assert {option.value for option in kind.options} >= {"statement", "appeal"}


@pytest.mark.django_db
def test_appeals_are_listed_by_their_level_too(story):
    Appeal.objects.filter(case=story).update(level=AppealLevel.REGIONAL_COURT)
    kinds = set(CaseSearch.objects.get(case=story).record_kinds)
    assert {"appeal", "appeal:regional_court"} <= kinds
    found = search({"kind": "appeal:regional_court"})
    assert [doc.case for doc in found.page.object_list] == [story]


def test_a_search_request_is_immutable_and_built_before_filtering(story):
    request = SearchRequest.from_params({"q": "Abdusamatov", "host_country": ["KZ", "ZZ"]})
    assert request.errors  # ZZ is no country: refused, and said so
    assert "host_country" not in request.values
    with pytest.raises(AttributeError):
        request.query = None
    documents = request.documents()
    assert list(documents) == list(request.documents())
    assert request.query.similar == SearchRequest.from_params({"q": "Abdusamatov"}).query.similar
    # Counting the facets' sets asks the same request without some filters: a copy.
    loose = request.without(["host_country"])
    assert loose is not request and loose.query is request.query
