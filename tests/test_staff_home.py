"""The staff home (admin index): the work first, one search box, administration for
administrators only, nothing confidential for staff without confidential access."""

import pghistory
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.roles import ADMINISTRATOR, CONFIDENTIAL_ACCESS, EDITOR, PUBLISHER
from cases.models import PublicationState
from core.models import Visibility
from people.models import NameVariant, Script

HOME = reverse("admin:index")
SEARCH = "/admin/search/"  # reverse("admin:staff_search")
CANARY = "CANARY-HOME-7f3e"
ADMIN_TABLES = ("Axes", "Groups", "Users", "Access attempts", "TOTP devices")


def page(client, url=HOME, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def as_user(user):
    """Rows written as this staff member, as the admin's history middleware records them."""
    return pghistory.context(user=user.pk, url="/admin/")


def test_the_home_starts_from_the_work(staff_user):
    html = page(staff_user([EDITOR]))
    assert "Record a new case" in html
    assert reverse("admin:cases_case_add") in html
    assert "My drafts" in html and "Recently changed cases" in html
    assert f'action="{SEARCH}"' in html and 'type="search"' in html
    # Kept from the index it replaces.
    assert reverse("spreadsheet-import") in html and reverse("admin:two_factor") in html
    # The case work stays reachable in a compact Browse section.
    assert "Browse" in html
    for model in ("person", "organization", "source", "detention"):
        app = {"person": "people", "organization": "organizations"}.get(model, "cases")
        assert reverse(f"admin:{app}_{model}_changelist") in html, model


def test_an_editor_sees_no_administration(staff_user):
    editor = staff_user([EDITOR])
    # Even given a permission on accounts by hand, the section is for administrators.
    editor.user.user_permissions.add(Permission.objects.get(codename="view_user"))
    html = page(editor)
    assert "Administration" not in html
    for url in ("admin:auth_user_changelist", "admin:auth_group_changelist"):
        assert reverse(url) not in html
    for name in ADMIN_TABLES:
        assert f">{name}<" not in html, name


def test_an_administrator_sees_administration(staff_user, admin_client):
    html = page(staff_user([ADMINISTRATOR]))
    assert "Administration" in html
    for url in ("admin:auth_user_changelist", "admin:auth_group_changelist"):
        assert reverse(url) in html
    superuser = page(admin_client)
    assert "Administration" in superuser
    assert reverse("admin:axes_accessattempt_changelist") in superuser
    assert reverse("admin:otp_totp_totpdevice_changelist") in superuser


def test_my_drafts_are_the_drafts_i_created_or_last_changed(staff_user, make_case):
    me, colleague = staff_user([EDITOR]), staff_user([EDITOR])
    with as_user(me.user):
        mine = make_case("Mine from the start", state=PublicationState.DRAFT)
        taken_over = make_case("Created by me, edited by a colleague", state="draft")
        submitted = make_case("Mine but submitted", state=PublicationState.IN_REVIEW)
    with as_user(colleague.user):
        theirs = make_case("A draft all of the colleague", state=PublicationState.DRAFT)
        edited = make_case("Their draft I edited", state=PublicationState.DRAFT)
        taken_over.summary = "Edited by a colleague"
        taken_over.save()
    with as_user(me.user):
        edited.summary = "Edited by me"
        edited.save()

    html = page(me)
    drafts = html.split('id="my-drafts"')[1].split("</section>")[0]
    for case in (mine, taken_over, edited):
        assert case.title in drafts, case
    for case in (theirs, submitted):
        assert case.title not in drafts, case


def test_cases_in_review_are_shown_to_publishers_only(staff_user, make_case):
    waiting = make_case("Waiting for a publisher", state=PublicationState.IN_REVIEW)
    publisher_home = page(staff_user([PUBLISHER]))
    assert "Cases in review" in publisher_home
    assert waiting.title in publisher_home.split('id="in-review"')[1].split("</section>")[0]
    assert "Cases in review" not in page(staff_user([EDITOR]))


def test_search_finds_a_person_by_a_cyrillic_spelling_of_a_latin_name(staff_user, make_person):
    nazarov = make_person("Rustam Nazarov", visibility=Visibility.INTERNAL)
    make_person("Rustamnazar Karimov")
    html = page(staff_user([EDITOR]), SEARCH, q="Назаров Рустам")
    assert reverse("admin:people_person_change", args=[nazarov.pk]) in html
    assert "Rustamnazar Karimov" not in html


def test_search_finds_a_case_by_a_cyrillic_spelling_of_its_people(
    staff_user, make_case, make_person, make_subject
):
    case = make_case("Two brothers detained in Moscow", state=PublicationState.DRAFT)
    make_subject(case, make_person("Rustam Nazarov"), visibility=Visibility.INTERNAL)
    html = page(staff_user([EDITOR]), SEARCH, q="Назаров")
    assert reverse("admin:cases_case_change", args=[case.pk]) in html


def test_search_finds_cases_and_organizations(staff_user, make_case, make_organization):
    case = make_case("Tajik asylum seekers detained in Moscow", state=PublicationState.DRAFT)
    hrw = make_organization()
    client = staff_user([EDITOR])
    assert reverse("admin:cases_case_change", args=[case.pk]) in page(client, SEARCH, q="moscow")
    html = page(client, SEARCH, q="HRW")
    assert reverse("admin:organizations_organization_change", args=[hrw.pk]) in html
    assert "None found." in page(client, SEARCH, q="nothing matches this")


def test_nothing_confidential_reaches_staff_without_access(
    staff_user, make_case, make_person, make_organization, make_subject
):
    hidden = make_person(f"{CANARY} Nazarov", visibility=Visibility.CONFIDENTIAL)
    named = make_person("Akmal Nazarov", visibility=Visibility.INTERNAL)
    NameVariant.objects.create(
        person=named, text=f"{CANARY}nom", script=Script.LATIN, visibility="confidential"
    )
    make_organization(f"{CANARY} shelter", acronym="SHLT", visibility=Visibility.CONFIDENTIAL)
    case = make_case("Nazarov brothers", state=PublicationState.DRAFT)
    make_subject(case, hidden, visibility=Visibility.CONFIDENTIAL)

    editor = staff_user([EDITOR])
    for html in (page(editor), page(editor, SEARCH, q="Nazarov"), page(editor, SEARCH, q="SHLT")):
        assert CANARY not in html
    # Matching through a hidden name or a hidden subject would tell who they are.
    for term in (f"{CANARY}nom", CANARY):
        assert page(editor, SEARCH, q=term).count("None found.") == 3, term
    assert "Nazarov brothers" not in page(editor, SEARCH, q="Назаров")
    # Guards the checks above: with confidential access, the same searches find them.
    trusted = staff_user([EDITOR, CONFIDENTIAL_ACCESS])
    assert f"{CANARY} Nazarov" in page(trusted, SEARCH, q="Nazarov")
    assert f"{CANARY} shelter" in page(trusted, SEARCH, q="SHLT")
    assert "Nazarov brothers" in page(trusted, SEARCH, q="Назаров")


def many_cases(make_case, user, count):
    with as_user(user):
        for n in range(count):
            state = (PublicationState.DRAFT, PublicationState.IN_REVIEW)[n % 2]
            make_case(f"Case number {n}", state=state)


@pytest.mark.parametrize("count", [4, 60])
def test_the_home_runs_a_bounded_number_of_queries(
    staff_user, make_case, count, django_assert_max_num_queries
):
    publisher = staff_user([PUBLISHER])
    many_cases(make_case, publisher.user, count)
    with django_assert_max_num_queries(14) as queries:
        html = page(publisher)
    print(f"staff home: {len(queries)} queries with {count} cases")
    assert f"Case number {count - 1}<" in html and f"Case number {count - 2}<" in html


@pytest.mark.parametrize("count", [4, 60])
def test_the_search_runs_a_bounded_number_of_queries(
    staff_user, make_case, make_person, count, django_assert_max_num_queries
):
    editor = staff_user([EDITOR])
    many_cases(make_case, editor.user, count)
    for n in range(count):
        make_person(f"Person number {n}")
    with django_assert_max_num_queries(14) as queries:
        html = page(editor, SEARCH, q="number")
    print(f"staff search: {len(queries)} queries with {count} cases and people")
    assert "Case number" in html and "Person number" in html
