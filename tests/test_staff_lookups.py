"""Staff without confidential access learn nothing confidential from list URLs, searches,
autocompletes or uniqueness messages (issue 10, items 4, 5 and 7)."""

import datetime

import pytest
from django.contrib import admin

from accounts.roles import CONFIDENTIAL_ACCESS, EDITOR
from cases.models import CaseSubject, Detention, Statement
from core.models import Visibility
from people.models import NameVariant, Person
from tests.admin_helpers import AdminPage, admin_url, page_errors

CONFIDENTIAL = Visibility.CONFIDENTIAL


@pytest.fixture
def world(story, make_person, make_subject, make_organization):
    """Visible people and records with confidential rows beside them, each carrying a
    word that only the confidential row holds."""
    man = Person.objects.get(display_name="Toirjon Abdussamatov")
    man.birth_date, man.nationality = datetime.date(1922, 2, 22), "UZ"
    man.save()
    secret = make_person("Quillon Vexmarch", visibility=CONFIDENTIAL, nationality="TM")
    NameVariant.objects.create(person=man, text="Zorvath Ilminsky", visibility=CONFIDENTIAL)
    NameVariant.objects.create(person=man, text="Зорват Ильминский", visibility=CONFIDENTIAL)
    witness = make_person("Brannoch Ustevy", visibility=Visibility.INTERNAL)
    make_subject(story, witness, role="witness", visibility=CONFIDENTIAL)
    make_subject(story, secret, role="relative", visibility=Visibility.PUBLIC)
    detention = Detention.objects.get(case=story)
    detention.people.add(secret)
    statement = Statement.objects.get(case=story)
    statement.people.add(secret)
    return story


def results(client, model, **params):
    response = client.get(admin_url(model, "changelist"), params)
    assert response.status_code == 200, (params, response.status_code)
    return list(response.context["cl"].result_list)


def autocomplete(client, app_label, model_name, field_name, term, **extra):
    response = client.get(
        "/admin/autocomplete/",
        {
            "app_label": app_label,
            "model_name": model_name,
            "field_name": field_name,
            "term": term,
            **extra,
        },
    )
    assert response.status_code == 200, (model_name, field_name)
    return [item["id"] for item in response.json()["results"]]


def autocompletes_of(model):
    """Every (app label, model name, field name) whose autocomplete lists `model`."""
    found = []
    for source in admin.site._registry:
        for field in source._meta.get_fields():
            if field.concrete and field.is_relation and field.related_model is model:
                found.append((source._meta.app_label, source._meta.model_name, field.name))
    return found


# Item 4: list URLs filter only by declared filters, never by confidential fields.

BIRTH_DATE_LOOKUPS = [
    {"birth_date": "1922-02-22"},
    {"birth_date__year": "1922"},
    {"birth_date__gte": "1922-01-01"},
    {"birth_date__lt": "1923-01-01"},
    {"birth_date__isnull": "False"},
    {"birth_date__isnull": "True"},
    {"birth_date_precision": "day"},
    {"birth_date__month__in": "2"},
]


@pytest.mark.parametrize("params", BIRTH_DATE_LOOKUPS)
def test_an_editor_cannot_filter_people_by_birth_date(staff_user, world, params):
    editor = staff_user([EDITOR])
    response = editor.get(admin_url(Person, "changelist"), params)
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("model", "params"),
    [
        (Person, {"internal_notes__contains": "note"}),
        (Person, {"name_variants__text": "Zorvath Ilminsky"}),
        (Person, {"relations__isnull": "False"}),
        (Person, {"pk__in": "1,2"}),
        (Detention, {"people__birth_date__year": "1922"}),
        (Detention, {"people__display_name": "Quillon Vexmarch"}),
        (CaseSubject, {"person__birth_date": "1922-02-22"}),
    ],
)
def test_only_declared_filters_are_accepted(staff_user, world, model, params):
    for client in (staff_user([EDITOR]), staff_user([EDITOR, CONFIDENTIAL_ACCESS])):
        assert client.get(admin_url(model, "changelist"), params).status_code == 400


def test_with_confidential_access_birth_dates_are_still_not_a_url_filter(staff_user, world):
    reader = staff_user([EDITOR, CONFIDENTIAL_ACCESS])
    assert reader.get(admin_url(Person, "changelist"), {"birth_date": "x"}).status_code == 400


def test_every_declared_filter_and_date_link_works_for_an_editor(staff_user, world):
    editor = staff_user([EDITOR])
    for model in admin.site._registry:
        url = admin_url(model, "changelist")
        response = editor.get(url)
        if response.status_code == 403:
            continue  # nothing but confidential fields: not listed for editors
        assert response.status_code == 200, url
        changelist = response.context["cl"]
        links = [
            choice["query_string"]
            for spec in changelist.filter_specs
            for choice in spec.choices(changelist)
        ]
        for link in links:
            assert editor.get(url + link).status_code == 200, url + link


def test_country_filters_list_only_countries_of_visible_rows(staff_user, world):
    editor = staff_user([EDITOR])
    response = editor.get(admin_url(Person, "changelist"))
    changelist = response.context["cl"]
    shown = {
        choice["display"] for spec in changelist.filter_specs for choice in spec.choices(changelist)
    }
    assert "Uzbekistan" in shown
    assert "Turkmenistan" not in shown  # only the confidential person is Turkmen
    reader = staff_user([EDITOR, CONFIDENTIAL_ACCESS])
    changelist = reader.get(admin_url(Person, "changelist")).context["cl"]
    shown = {c["display"] for spec in changelist.filter_specs for c in spec.choices(changelist)}
    assert "Turkmenistan" in shown


def test_autocomplete_ignores_other_url_parameters(staff_user, world):
    editor = staff_user([EDITOR])
    everyone = autocomplete(editor, "cases", "casesubject", "person", "")
    filtered = autocomplete(editor, "cases", "casesubject", "person", "", birth_date="1922-02-22")
    assert filtered == everyone


# Item 5: searches match through visible rows only.


def test_a_confidential_spelling_does_not_find_the_person(staff_user, world):
    editor = staff_user([EDITOR])
    man = Person.objects.get(display_name="Toirjon Abdussamatov")
    assert results(editor, Person, q="Abdussamatov") == [man]
    for term in ("Zorvath", "Ilminsky", "Зорват", "Zorvat Ilminskii"):
        assert results(editor, Person, q=term) == [], term
        for app_label, model_name, field_name in autocompletes_of(Person):
            found = autocomplete(editor, app_label, model_name, field_name, term)
            assert found == [], (term, model_name, field_name)
    reader = staff_user([EDITOR, CONFIDENTIAL_ACCESS])
    assert results(reader, Person, q="Zorvath") == [man]
    # Two spellings match: the person is listed once.
    assert autocomplete(reader, "cases", "casesubject", "person", "Zorvat") == [str(man.pk)]


def test_a_confidential_subject_does_not_find_the_case(staff_user, world):
    editor = staff_user([EDITOR])
    case = world
    assert results(editor, type(case), q="Toirjon") == [case]
    for term in ("Brannoch", "Vexmarch"):
        assert results(editor, type(case), q=term) == [], term
        for app_label, model_name, field_name in autocompletes_of(type(case)):
            assert autocomplete(editor, app_label, model_name, field_name, term) == [], (
                term,
                model_name,
                field_name,
            )
    reader = staff_user([EDITOR, CONFIDENTIAL_ACCESS])
    assert results(reader, type(case), q="Brannoch") == [case]
    assert results(reader, type(case), q="Abdussamatov") == [case]  # once, not per subject


def test_a_confidential_person_named_on_a_record_does_not_find_it(staff_user, world):
    editor = staff_user([EDITOR])
    detention = Detention.objects.get(case=world)
    assert results(editor, Detention, q="Toirjon") == [detention]
    for model in (Detention, Statement):
        assert results(editor, model, q="Vexmarch") == [], model
        for app_label, model_name, field_name in autocompletes_of(model):
            assert autocomplete(editor, app_label, model_name, field_name, "Vexmarch") == []
    reader = staff_user([EDITOR, CONFIDENTIAL_ACCESS])
    assert results(reader, Detention, q="Vexmarch") == [detention]


def test_a_search_runs_a_bounded_number_of_queries(
    staff_user, world, django_assert_max_num_queries
):
    editor = staff_user([EDITOR])
    with django_assert_max_num_queries(12):
        autocomplete(editor, "cases", "detention", "case", "Toirjon Abdussamatov Almaty")
    with django_assert_max_num_queries(12):
        autocomplete(editor, "cases", "casesubject", "person", "Toirjon Abdussamatov")


# Item 7: uniqueness gives no signal about rows the user cannot see.


def test_an_editor_can_take_the_slug_of_a_hidden_person_without_a_signal(staff_user, world):
    editor = staff_user([EDITOR])
    secret = Person.objects.get(display_name="Quillon Vexmarch")
    for slug in (secret.slug, "nobody-has-this-slug"):
        # The first asks nothing (its namesake is hidden); the second's namesake is the
        # first, whom the editor sees, so "This is a different person" is ticked.
        response = AdminPage(editor, admin_url(Person, "add")).post(
            display_name="Quillon Vexmarch",
            slug=slug,
            visibility=Visibility.INTERNAL,
            confirm_distinct=slug != secret.slug,
        )
        assert response.status_code == 302, page_errors(response)
        assert Person.objects.filter(slug=slug, visibility=Visibility.INTERNAL).exists()
    secret.refresh_from_db()
    assert secret.slug != "quillon-vexmarch"  # the hidden row yielded, and is kept
    assert secret.display_name == "Quillon Vexmarch"
    # A visible row's slug is still refused, with the usual message.
    response = AdminPage(editor, admin_url(Person, "add")).post(
        display_name="Again", slug="toirjon-abdussamatov"
    )
    assert response.status_code == 200
    assert "already exists" in response.text


def test_an_editor_can_add_a_spelling_or_role_that_is_confidential(staff_user, world):
    editor = staff_user([EDITOR])
    man = Person.objects.get(display_name="Toirjon Abdussamatov")
    page = AdminPage(editor, admin_url(Person, "change", man.pk))
    page.add_inline(NameVariant, text="Zorvath Ilminsky", visibility=Visibility.INTERNAL)
    response = page.post()
    assert response.status_code == 302, page_errors(response)
    assert man.name_variants.filter(text="Zorvath Ilminsky").count() == 2

    witness = Person.objects.get(display_name="Brannoch Ustevy")
    page = AdminPage(editor, admin_url(type(world), "change", world.pk))
    page.add_inline(CaseSubject, person=witness, role="witness", visibility="internal")
    response = page.post()
    assert response.status_code == 302, page_errors(response)
    assert CaseSubject.objects.filter(case=world, person=witness, role="witness").count() == 2
