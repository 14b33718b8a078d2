"""Pickers find the right person among namesakes, and say which one each option is."""

import datetime
import itertools

import pytest

from accounts.roles import CONFIDENTIAL_ACCESS, EDITOR
from core.models import DatePrecision, Visibility
from people.models import NameVariant, Person
from people.pickers import matching_people, person_label, similar_people
from tests.admin_helpers import AdminPage, admin_url, page_errors

FIRST = ["Akmal", "Bahrom", "Dilshod", "Farhod", "Ilhom", "Jamshid", "Kamol", "Lutfullo"]
FIRST += ["Mirzo", "Nodir", "Olim", "Parviz", "Qodir", "Sardor", "Timur", "Umid", "Vali"]
FIRST += ["Yusuf", "Zafar", "Anvar", "Botir", "Davron", "Erkin", "Hasan", "Islom", "Jahon"]
SURNAMES = ["Nazarov", "Nazarova", "Rustamnazarov", "Nazarovich", "Alinazarov"]


@pytest.fixture
def namesakes(db):
    """About 580 people whose names hold "Nazarov", as in issue 11, alphabetically before
    and after the ones the tests look for."""
    people = [
        Person(display_name=f"{first} {surname} {number}", slug=f"n-{index}")
        for index, (number, first, surname) in enumerate(
            itertools.product(range(1, 6), FIRST, SURNAMES)
        )
    ][:575]
    people += [
        Person(display_name=f"{first} Rustamnazarov", slug=f"r-{first}")
        for first in ("Akmal", "Bek")
    ]
    return Person.objects.bulk_create(people)


@pytest.fixture
def editor(staff_user):
    return staff_user([EDITOR])


@pytest.fixture
def reader(staff_user):
    """An editor with confidential access."""
    return staff_user([EDITOR, CONFIDENTIAL_ACCESS])


@pytest.fixture
def tajik_case(make_case, make_person, make_subject):
    """The case of issue 11's scenario, with its own Nazarov (alphabetically late)."""
    case = make_case("Two Tajik asylum seekers detained in Moscow", host_country="RU")
    own = make_person("Zuhur Nazarov", nationality="TJ")
    make_subject(case, own)
    return case, own


def pick(client, term, case=None, model_name="detention", field_name="people"):
    query = {"app_label": "cases", "model_name": model_name, "field_name": field_name}
    if case is not None:
        query["case"] = str(case.pk)
    response = client.get("/admin/autocomplete/", {**query, "term": term})
    assert response.status_code == 200
    return response.json()["results"]


def ids(results):
    return [int(result["id"]) for result in results]


def test_the_case_pages_picker_puts_the_cases_own_nazarov_first(namesakes, editor, tajik_case):
    case, own = tajik_case
    assert ids(pick(editor, "Nazarov", case))[0] == own.pk
    # Without the case it is one of hundreds, far down the alphabet.
    assert own.pk not in ids(pick(editor, "Nazarov"))


@pytest.mark.parametrize("term", ["Rustam Nazarov", "Nazarov Rustam", "Назаров Рустам"])
def test_the_exact_name_comes_first_in_any_script_and_order(namesakes, editor, make_person, term):
    rustam = make_person("Rustam Nazarov", nationality="TJ")
    results = ids(pick(editor, term))
    assert results[0] == rustam.pk
    # Today's order: 25 "…Rustamnazarov" names (alphabetically earlier) came first.
    assert len(results) == 20


def test_a_name_variant_matches_exactly_too(editor, make_person):
    rustam = make_person("Rustam Nazarov")
    NameVariant.objects.create(person=rustam, text="Rustam Nazaroff")
    make_person("Ali Rustam Nazaroffski")
    assert ids(pick(editor, "Nazaroff Rustam"))[0] == rustam.pk


def test_ranks_own_exact_whole_words_word_starts_then_the_rest(editor, make_person, tajik_case):
    case, own = tajik_case
    inside = make_person("Akmal Rustamnazarov")
    start = make_person("Bek Nazarovich")
    whole = make_person("Dilshod Nazarov")
    exact = make_person("Nazarov")
    assert ids(pick(editor, "nazarov", case)) == [own.pk, exact.pk, whole.pk, start.pk, inside.pk]


def test_a_typo_still_finds_the_name(editor, make_person):
    rustam = make_person("Rustam Nazarov")
    assert rustam.pk in ids(pick(editor, "Rustam Nazarof"))


def test_a_confidential_person_never_appears_for_staff_without_access(editor, reader, make_person):
    hidden = make_person("Rustam Nazarov", visibility=Visibility.CONFIDENTIAL, slug="hidden")
    shown = make_person("Rustam Nazarov", visibility=Visibility.INTERNAL, slug="shown")
    spelled = make_person("Other Person", visibility=Visibility.INTERNAL)
    NameVariant.objects.create(
        person=spelled, text="Rustam Nazarov", visibility=Visibility.CONFIDENTIAL
    )
    for term in ("Rustam Nazarov", "Назаров", "", "rust"):
        assert hidden.pk not in ids(pick(editor, term))
    for term in ("Rustam Nazarov", "Назаров", "rust"):
        assert spelled.pk not in ids(pick(editor, term))
    assert ids(pick(editor, "Rustam Nazarov")) == [shown.pk]
    assert set(ids(pick(reader, "Rustam Nazarov"))) == {hidden.pk, shown.pk, spelled.pk}
    assert list(similar_people("Назаров Рустам", editor.user)) == [shown]


def test_a_confidential_role_neither_ranks_nor_counts(editor, reader, make_case, make_subject):
    case = make_case("Secret case")
    person = Person.objects.create(display_name="Rustam Nazarov", slug="rn")
    first = Person.objects.create(display_name="Aziz Nazarov", slug="an")
    make_subject(case, person, visibility=Visibility.CONFIDENTIAL)
    results = pick(editor, "Nazarov", case)
    assert ids(results) == [first.pk, person.pk]
    assert results[1]["text"] == "Rustam Nazarov — no case"
    assert ids(pick(reader, "Nazarov", case)) == [person.pk, first.pk]
    assert pick(reader, "Nazarov", case)[0]["text"] == "Rustam Nazarov — 1 case (Secret case)"


def test_labels_tell_namesakes_apart_with_birth_years_for_confidential_access_only(
    editor, reader, make_person, make_case, make_subject, tajik_case
):
    case, _ = tajik_case
    rustam = make_person(
        "Rustam Nazarov",
        nationality="TJ",
        birth_date=datetime.date(1984, 1, 1),
        birth_date_precision=DatePrecision.YEAR,
    )
    older = make_case("An older case", state="draft")
    make_subject(older, rustam)
    type(older).objects.filter(pk=older.pk).update(
        updated_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    make_subject(case, rustam)
    other = make_person("Rustam Nazarov", nationality="UZ", slug="other-rustam")
    label = "Rustam Nazarov — Tajikistan, b. 1984, 2 cases (Two Tajik asylum seekers detained in…)"
    assert pick(reader, "Rustam Nazarov")[0]["text"] == label
    assert person_label(rustam, reader.user) == label
    texts = [result["text"] for result in pick(editor, "Rustam Nazarov")]
    assert "Rustam Nazarov — Tajikistan, 2 cases (Two Tajik asylum seekers detained in…)" in texts
    assert "Rustam Nazarov — Uzbekistan, no case" in texts
    assert not any("1984" in text for text in texts)
    assert person_label(other, editor.user) == "Rustam Nazarov — Uzbekistan, no case"


def test_one_page_of_options_runs_a_fixed_number_of_queries(
    namesakes, editor, tajik_case, make_subject, django_assert_max_num_queries
):
    case, _ = tajik_case
    for person in namesakes[:30]:
        make_subject(case, person)
    # 8 are every admin request's (session, user, second factor, permissions, session
    # save); the picker's own: folding the term, counting, the page with its labels.
    with django_assert_max_num_queries(11) as captured:
        results = pick(editor, "Nazarov", case)
    assert len(results) == 20, captured
    assert all(" case" in result["text"] for result in results)


def test_matching_people_is_a_ranked_queryset(editor, make_person, tajik_case):
    case, own = tajik_case
    rustam = make_person("Rustam Nazarov")
    assert list(matching_people("Назаров Рустам", editor.user)) == [rustam]
    assert matching_people("", editor.user, case).first() == own


# "Is this the same person?" on adding one.


def test_adding_a_person_with_a_known_name_asks_first(editor, make_person, tajik_case):
    _, own = tajik_case
    page = AdminPage(editor, admin_url(Person, "add"))
    page.set(display_name="Назаров Зухур", slug="nazarov-zuhur-2")
    response = page.post()
    assert response.status_code == 200
    assert Person.objects.filter(slug="nazarov-zuhur-2").count() == 0
    text = response.content.decode()
    assert "Is this" in text
    assert "Zuhur Nazarov, Tajikistan, 1 case (Two Tajik asylum seekers detained in…)" in text
    assert admin_url(Person, "change", own.pk) in text
    assert 'type="checkbox" name="confirm_distinct"' in text
    assert "This is a different person" in text

    response = page.post(confirm_distinct=True)
    assert response.status_code == 302, page_errors(response)
    assert Person.objects.filter(slug="nazarov-zuhur-2").count() == 1


def test_the_question_is_asked_for_a_spelling_typed_below_the_name(editor, make_person):
    known = make_person("Rustam Nazarov")
    page = AdminPage(editor, admin_url(Person, "add"))
    page.set_inline(NameVariant, 0, text="Назаров Рустам")
    response = page.post(display_name="R. Nazarov", slug="r-nazarov")
    assert response.status_code == 200
    assert admin_url(Person, "change", known.pk) in response.content.decode()


def test_a_new_name_is_saved_without_a_question(editor, make_person):
    make_person("Rustam Nazarov")
    page = AdminPage(editor, admin_url(Person, "add"))
    assert 'type="checkbox" name="confirm_distinct"' not in page.client.get(page.url).text
    response = page.post(display_name="Rustam Nazarovich", slug="rustam-nazarovich")
    assert response.status_code == 302, page_errors(response)


def test_the_question_names_no_confidential_person(editor, make_person):
    make_person("Rustam Nazarov", visibility=Visibility.CONFIDENTIAL)
    page = AdminPage(editor, admin_url(Person, "add"))
    response = page.post(display_name="Rustam Nazarov", slug="rustam-nazarov-2")
    assert response.status_code == 302, page_errors(response)
