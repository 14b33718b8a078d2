"""Property-based: no cursor, however forged, makes an API listing fail.

Cursors are signed, but a deployment that kept the development key lets anyone sign one:
the values inside must be checked like any other input."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.api.pagination import SALT
from cases.models import Statement
from core.models import Visibility

pytestmark = pytest.mark.django_db

LISTINGS = [
    ("/api/cases/", {}),
    ("/api/cases/", {"sort": "date"}),
    ("/api/cases/", {"q": "almaty"}),
    ("/api/people/", {}),
    ("/api/organizations/", {}),
    ("/api/statements/", {}),
    ("/api/sources/", {}),
]
FUZZ = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=2**63 - 2, max_value=2**70)
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(["2011-06-09", "2011-06-09T10:00:00", "2011-06-09T10:00:00+00:00", "\x00"]),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)
pairs = st.one_of(
    st.tuples(st.sampled_from(["v", "d", "t", "x"]), json_values).map(list),
    json_values,
)


@pytest.fixture
def listings(client, no_throttle, story, make_case, make_person, make_organization, make_source):
    """Every listing with two rows at least, and what its real cursors look like."""
    make_case("Almaty second case")
    person = make_person("Another person")
    group = make_organization("Another group", acronym="")
    statement = Statement.objects.create(
        case=story,
        organization=story.statements.first().organization,
        made_on=datetime.date(2011, 7, 1),
        quote="Again",
        visibility=Visibility.PUBLIC,
    )
    # People and organizations are public only through a published case that shows them.
    statement.people.add(person)
    statement.sources.add(make_source("Another report", publisher=group))
    found = []
    for url, params in LISTINGS:
        next_link = client.get(url, {**params, "page_size": 1}).json()["next"]
        real = signing.loads(parse_qs(urlsplit(next_link).query)["cursor"][0], salt=SALT)
        found.append((url, params, real))
    return found


def payloads(real):
    """Cursors of the listing's own fingerprint and length with any values, or anything."""
    if "p" in real:  # a position (relevance order)
        right_shape = st.fixed_dictionaries(
            {"o": st.just(real["o"]), "p": st.integers() | json_values}
        )
        return st.one_of(right_shape, right_shape, json_values)
    right_shape = st.fixed_dictionaries(
        {
            "o": st.just(real["o"]),
            "r": json_values,
            "k": st.lists(pairs, min_size=len(real["k"]), max_size=len(real["k"])),
        }
    )
    return st.one_of(right_shape, right_shape, json_values)


@FUZZ
@given(data=st.data())
def test_no_cursor_makes_a_listing_fail(client, listings, data):
    url, params, real = data.draw(st.sampled_from(listings))
    if data.draw(st.booleans()):
        cursor = signing.dumps(
            data.draw(payloads(real)), salt=SALT, compress=data.draw(st.booleans())
        )
    else:
        cursor = data.draw(st.text(max_size=80).filter(lambda text: "\x00" not in text))
    response = client.get(url, {**params, "cursor": cursor})
    assert response.status_code in (200, 400, 404), (url, cursor)


@pytest.mark.parametrize(
    "values",
    [
        ["v", ["a", "list"]],
        ["v", {"a": "dict"}],
        ["v", True],
        ["d", "2011-06-09"],  # right for a date key, wrong for the final slug or id
        ["v", "nul\x00byte"],
        ["v", 2**70],
    ],
    ids=str,
)
def test_a_cursor_value_of_the_wrong_type_is_a_404(client, listings, values):
    for url, params, real in listings:
        forged = {**real, "p": values} if "p" in real else {**real, "k": [values] * len(real["k"])}
        response = client.get(url, {**params, "cursor": signing.dumps(forged, salt=SALT)})
        assert response.status_code == 404, (url, values)
        assert response.json()["detail"].startswith("Invalid cursor")


def test_a_string_for_a_date_is_a_404(client, listings):
    keyed = [(url, params, real) for url, params, real in listings if "k" in real]
    dated = [(url, params, real) for url, params, real in keyed if real["k"][0][0] == "d"]
    assert len(dated) >= 3  # statements, sources, cases by date: a date comes first
    for url, params, real in dated:
        forged = {**real, "k": [["v", "not a date"], *real["k"][1:]]}
        response = client.get(url, {**params, "cursor": signing.dumps(forged, salt=SALT)})
        assert response.status_code == 404, url
