"""Property-based: no query string sent to an admin change list or to the autocomplete
endpoint makes it fail, whoever sends it: the answer is a page, a redirect or a 4xx."""

import pytest
from django.contrib import admin
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.roles import EDITOR
from tests.admin_helpers import admin_url
from tests.test_staff_canary import autocomplete_endpoints

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)
LOOKUPS = [
    "", "__exact", "__iexact", "__in", "__isnull", "__gt", "__gte", "__lt", "__lte", "__range",
    "__year", "__month", "__day", "__week_day", "__contains", "__icontains", "__startswith",
    "__regex", "__iregex", "__search", "__trigram_similar", "__unaccent", "__len", "__0",
    "__id", "__pk", "__nonexistent",
]  # fmt: skip
ODD = [
    "", "\x00", "%00", "%", "_", "\\", "'", '"', "1,2", ",", "a,b", "True", "False", "0", "-1",
    "2011-02-30", "2011-06", "9999-12-31", "0000-00-00", "10000", "1e309", "NaN", "[]", "{}",
    "\u202e", "\U0001f600", "\ufeff", "Ω", "\u0301", "\ud7ff",
    str(2**31), str(2**63), str(-(2**63) - 1), "9" * 40,
]  # fmt: skip


def field_names(model) -> list[str]:
    names = [f.name for f in model._meta.get_fields()]
    names += [f"{f.name}__{g.name}" for f in model._meta.get_fields() if f.is_relation
              and f.related_model for g in f.related_model._meta.concrete_fields]  # fmt: skip
    return names


def filter_name(list_filter) -> str:
    """A list_filter entry's parameter: a field path, (path, filter class) or a filter class."""
    if isinstance(list_filter, str):
        return list_filter
    if isinstance(list_filter, list | tuple):
        return list_filter[0]
    return list_filter.parameter_name


def keys_for(model):
    model_admin = admin.site._registry[model]
    known = [*field_names(model), *map(filter_name, model_admin.list_filter)]
    lookups = st.builds(
        lambda name, lookup: name + lookup, st.sampled_from(known), st.sampled_from(LOOKUPS)
    )
    special = st.sampled_from(
        ["q", "o", "p", "e", "all", "_popup", "_to_field", "_facets", "_changelist_filters"]
    )
    local = st.sampled_from([f.name for f in model._meta.concrete_fields])
    return st.one_of(lookups, local, special, st.text(max_size=20))


values = st.one_of(
    st.sampled_from(ODD),
    # Text with a NUL inside, which PostgreSQL refuses.
    st.builds("{}\x00{}".format, st.text(max_size=8), st.text(max_size=8)),
    st.text(max_size=40),
    st.integers(-(2**70), 2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.dates().map(str),
)


def changelist_queries():
    return st.sampled_from(MODELS).flatmap(
        lambda model: st.tuples(
            st.just(admin_url(model, "changelist")),
            st.dictionaries(
                keys_for(model), st.one_of(values, st.lists(values, max_size=3)), max_size=4
            ),
        )
    )


ENDPOINTS = autocomplete_endpoints()
autocomplete_queries = st.fixed_dictionaries(
    {},
    optional={
        "app_label": st.one_of(st.sampled_from([e[0] for e in ENDPOINTS]), st.text(max_size=12)),
        "model_name": st.one_of(st.sampled_from([e[1] for e in ENDPOINTS]), st.text(max_size=12)),
        "field_name": st.one_of(st.sampled_from([e[2] for e in ENDPOINTS]), st.text(max_size=12)),
        "term": values,
        "page": values,
    },
)


@pytest.fixture
def visitors(admin_client, staff_user, story):
    return [admin_client, staff_user([EDITOR])]


@FUZZ
@given(query=changelist_queries())
def test_no_change_list_query_fails(visitors, query):
    url, params = query
    for visitor in visitors:
        response = visitor.get(url, params)
        assert response.status_code in (200, 302, 400, 403, 404), (url, params)


@FUZZ
@given(endpoint=st.sampled_from(ENDPOINTS), params=autocomplete_queries)
def test_no_autocomplete_query_fails(visitors, endpoint, params):
    app_label, model_name, field_name = endpoint
    known = {"app_label": app_label, "model_name": model_name, "field_name": field_name}
    for query in (params, {**known, **{k: v for k, v in params.items() if k in ("term", "page")}}):
        for visitor in visitors:
            response = visitor.get("/admin/autocomplete/", query)
            assert response.status_code in (200, 400, 403, 404), query
