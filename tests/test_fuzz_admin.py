"""Property-based: whatever staff type into the case page, the answer is a saved page or a
form with messages, never a server error, and a refused form writes nothing."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.models import RECORD_MODELS, Case, Detention, Statement
from tests.admin_helpers import AdminPage, admin_url

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
text = st.text(max_size=120)
dates = st.one_of(text, st.dates().map(str), st.just(""), st.just("2011-02-30"))
numbers = st.one_of(text, st.integers(-10, 10**12).map(str))


def snapshot(case):
    case.refresh_from_db()
    rows = {model.__name__: model.objects.filter(case=case).count() for model in RECORD_MODELS}
    return case.title, case.summary, case.people_count, tuple(case.tags), rows


@FUZZ
@given(
    title=text, summary=text, people_count=numbers, host=st.text(max_size=4),
    tags=text, started_on=dates, ended_on=dates, quote=text, made_on=dates,
)  # fmt: skip
def test_the_case_page_never_fails(
    admin_client, story, title, summary, people_count, host, tags,
    started_on, ended_on, quote, made_on,
):  # fmt: skip
    organization = story.statements.first().organization
    page = AdminPage(admin_client, admin_url(Case, "change", story.pk))
    before = snapshot(story)
    page.add_inline(Detention, started_on=started_on, ended_on=ended_on, visibility="public")
    page.add_inline(Statement, organization=organization.pk, made_on=made_on, quote=quote)
    response = page.post(
        title=title, summary=summary, people_count=people_count, host_country=host, tags=tags
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert snapshot(story) == before  # refused: nothing written
        assert "errornote" in response.content.decode()


@FUZZ
@given(name=text, slug=text, birth=dates, nationality=st.text(max_size=3))
def test_the_person_add_page_never_fails(admin_client, name, slug, birth, nationality):
    from people.models import Person

    page = AdminPage(admin_client, "/admin/people/person/add/")
    count = Person.objects.count()
    response = page.post(
        display_name=name, slug=slug, birth_date=birth, nationality=nationality,
        visibility="public",
    )  # fmt: skip
    assert response.status_code in (200, 302)
    assert Person.objects.count() == count + (response.status_code == 302)
