"""The organization picker ranks by folded name and acronym, and tells twins apart."""

import datetime

import pytest

from accounts.roles import EDITOR
from cases.models import Statement
from core.models import Visibility
from organizations.models import Organization
from organizations.pickers import organization_label
from tests.admin_helpers import AdminPage, admin_url, page_errors


@pytest.fixture
def editor(staff_user):
    return staff_user([EDITOR])


def pick(client, term):
    query = {"app_label": "cases", "model_name": "statement", "field_name": "organization"}
    response = client.get("/admin/autocomplete/", {**query, "term": term})
    assert response.status_code == 200
    return response.json()["results"]


@pytest.fixture
def twins(make_organization, make_case):
    """Two "Human Rights Watch (HRW)" rows: the real one, used, and a stray copy."""
    real = make_organization(country="US")
    copy = make_organization(slug="hrw-copy", kind="media", visibility=Visibility.INTERNAL)
    case = make_case()
    for day in (1, 2):
        Statement.objects.create(
            case=case, organization=real, made_on=datetime.date(2011, 6, day), quote="q"
        )
    Statement.objects.create(
        case=case,
        organization=copy,
        made_on=datetime.date(2011, 6, 3),
        quote="q",
        visibility=Visibility.CONFIDENTIAL,
    )
    return real, copy


def test_two_organizations_of_one_name_are_told_apart(editor, twins):
    real, copy = twins
    texts = {int(result["id"]): result["text"] for result in pick(editor, "Human Rights Watch")}
    used = "Human Rights Watch (HRW) — NGO, United States of America, 2 statements"
    assert texts[real.pk] == used
    # The confidential statement is not counted for staff without confidential access.
    assert texts[copy.pk] == "Human Rights Watch (HRW) — Media, international, not used yet"
    assert organization_label(copy, editor.user) == texts[copy.pk]


def test_the_acronym_and_the_folded_name_come_first(editor, twins, make_organization):
    real, copy = twins
    make_organization("HRW Alumni Network", acronym="", slug="alumni")
    make_organization("Association for Human Rights Watchers", acronym="AHRW", slug="ahrw")
    for term in ("hrw", "watch human rights", "Human Rights Watch (HRW)"):
        assert {int(result["id"]) for result in pick(editor, term)[:2]} == {real.pk, copy.pk}


def test_adding_an_organization_whose_acronym_exists_asks_first(editor, twins):
    real, _ = twins
    page = AdminPage(editor, admin_url(Organization, "add"))
    page.set(name="Housing Rights Worldwide", acronym="hrw", slug="housing", kind="ngo")
    response = page.post()
    assert response.status_code == 200
    assert list(page_errors(response)[0]) == ["confirm_distinct"]
    text = response.content.decode()
    assert "Human Rights Watch (HRW), NGO, United States of America, 2 statements" in text
    assert admin_url(Organization, "change", real.pk) in text
    assert "This is a different organization" in text
    assert not Organization.objects.filter(slug="housing").exists()
    response = page.post(confirm_distinct=True)
    assert response.status_code == 302, page_errors(response)
    assert Organization.objects.filter(slug="housing").exists()
