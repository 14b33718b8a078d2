"""The case page as one form: people, sources and records entered in one save (issue 11)."""

import datetime

import pytest

from accounts.roles import CONFIDENTIAL_ACCESS, EDITOR
from cases.models import (
    Appeal,
    AppealLevel,
    AsylumDecision,
    Case,
    CaseSource,
    CaseStatus,
    CaseSubject,
    DecisionOutcome,
    Detention,
    Source,
    Statement,
    SubjectRole,
)
from core.models import Visibility
from organizations.models import OrganizationKind
from people.models import NameVariant, Person, Script
from tests.admin_helpers import AdminPage, admin_url, page_errors

D = datetime.date
SUBJECTS = ("new:subjects-0", "new:subjects-1")
NEW_SOURCE = ("new:case_sources-0",)


def cited(**fields) -> dict:
    return {"people": list(SUBJECTS), "sources": list(NEW_SOURCE), **fields}


def test_one_post_of_the_add_page_records_a_whole_case(admin_client, make_organization):
    """Two new people (one with a Cyrillic spelling), a new source, and records citing them
    and naming them, an appeal contesting the decision of the same unsaved form."""
    fergana = make_organization("Fergana News", acronym="", kind=OrganizationKind.MEDIA)
    hrw = make_organization()
    fms = make_organization("FMS", acronym="", kind=OrganizationKind.MIGRATION_AUTHORITY)
    page = AdminPage(admin_client, admin_url(Case, "add"))
    page.set(title="Two Tajik asylum seekers in Moscow", slug="tajik-moscow")
    page.set(status=CaseStatus.DETAINED, host_country="RU", origin_country="TJ")
    page.set_inline(
        CaseSubject,
        0,
        new_name="Rustam Nazarov",
        new_spellings="Рустам Назаров\nRustam Nazarow",
        role=SubjectRole.ASYLUM_SEEKER,
    )
    page.add_inline(CaseSubject, new_name="Firuz Karimov", role=SubjectRole.ASYLUM_SEEKER)
    page.set_inline(
        CaseSource,
        0,
        url="https://fergana.example/news/1",
        title="Two Tajiks detained in Moscow",
        publisher=fergana,
        published_on="March 2024",
        language="ru",
    )
    page.add_inline(
        Detention, **cited(place="Moscow", started_on=D(2024, 3, 1), started_on_precision="month")
    )
    page.add_inline(
        AsylumDecision,
        **cited(authority=fms, decided_on=D(2024, 4, 1), outcome=DecisionOutcome.REFUSED),
    )
    page.add_inline(
        Appeal,
        **cited(
            contests_decision="new:asylumdecisions-0",
            body=hrw,
            level=AppealLevel.DOMESTIC_COURT,
            filed_on=D(2024, 5, 1),
        ),
    )
    page.add_inline(Statement, **cited(organization=hrw, made_on=D(2024, 6, 1), quote="Free them."))
    response = page.post()

    assert response.status_code == 302, page_errors(response)
    case = Case.objects.get(slug="tajik-moscow")
    nazarov, karimov = (
        Person.objects.get(display_name=n) for n in ("Rustam Nazarov", "Firuz Karimov")
    )
    assert set(case.subjects.values_list("person", flat=True)) == {nazarov.pk, karimov.pk}
    cyrillic = NameVariant.objects.get(person=nazarov, text="Рустам Назаров")
    assert cyrillic.script == Script.CYRILLIC
    assert NameVariant.objects.get(text="Rustam Nazarow").script == Script.LATIN
    source = Source.objects.get(url="https://fergana.example/news/1")
    assert (source.publisher, source.published_on_precision) == (fergana, "month")
    assert list(CaseSource.objects.filter(case=case).values_list("source", flat=True)) == [
        source.pk
    ]
    decision = case.asylumdecisions.get()
    assert case.appeals.get().contests_decision == decision
    records = [case.detentions.get(), decision, case.appeals.get(), case.statements.get()]
    for record in records:
        assert set(record.people.all()) == {nazarov, karimov}, record
        assert list(record.sources.all()) == [source], record
        assert record.visibility == Visibility.INTERNAL


@pytest.fixture
def two_cases(make_case, make_person, make_subject):
    case = make_case("Tajik asylum seekers in Moscow", slug="tajik")
    make_subject(case, make_person("Rustam Nazarov", slug="rustam-nazarov"))
    other = make_case("Another case", slug="other")
    stranger = make_person("Rustam Nazarov Rustamnazarov", slug="other-nazarov")
    make_subject(other, stranger)
    return case, stranger


def test_a_record_naming_someone_not_among_the_case_people_is_refused(admin_client, two_cases):
    """The 'wrong person' mistake: a person from another case, named by a record."""
    case, stranger = two_cases
    page = AdminPage(admin_client, admin_url(Case, "change", case.pk))
    page.add_inline(Detention, place="Moscow", started_on=D(2024, 3, 1), people=[stranger])
    response = page.post()

    assert response.status_code == 200
    assert "Not among the people of this case: Rustam Nazarov Rustamnazarov" in response.text
    assert not case.detentions.exists()


def test_an_older_record_naming_an_outsider_does_not_block_the_page(admin_client, two_cases):
    """Refused when newly named; an older record keeps its people (the checklist lists
    them), so the case's page can still be saved, e.g. to publish through the checklist."""
    case, stranger = two_cases
    older = Detention.objects.create(case=case, place="Moscow", started_on=D(2024, 3, 1))
    older.people.add(stranger)
    page = AdminPage(admin_client, admin_url(Case, "change", case.pk))
    response = page.post(summary="Updated")

    assert response.status_code == 302, page_errors(response)
    assert list(older.people.all()) == [stranger]


def test_confirming_adds_the_person_to_the_case(admin_client, two_cases):
    case, stranger = two_cases
    page = AdminPage(admin_client, admin_url(Case, "change", case.pk))
    page.add_inline(
        Detention, place="Moscow", started_on=D(2024, 3, 1), people=[stranger], add_as_subjects=True
    )
    response = page.post()

    assert response.status_code == 302, page_errors(response)
    assert list(case.detentions.get().people.all()) == [stranger]
    assert case.subjects.filter(person=stranger, role=SubjectRole.OTHER).exists()


def test_new_records_start_with_every_person_and_source_of_the_case_ticked(
    admin_client, two_cases, make_source
):
    case, _stranger = two_cases
    source = make_source()
    CaseSource.objects.create(case=case, source=source)
    page = AdminPage(admin_client, admin_url(Case, "change", case.pk))
    index = page.add_inline(Detention, place="Moscow", started_on=D(2024, 3, 1))
    assert page.data[f"detentions-{index}-sources"] == [str(source.pk)]
    response = page.post()

    assert response.status_code == 302, page_errors(response)
    detention = case.detentions.get()
    assert [p.display_name for p in detention.people.all()] == ["Rustam Nazarov"]
    assert list(detention.sources.all()) == [source]


def test_a_new_person_with_a_known_name_asks_first(admin_client, two_cases):
    case, _stranger = two_cases
    page = AdminPage(admin_client, admin_url(Case, "change", case.pk))
    page.add_inline(CaseSubject, new_name="Назаров Рустам", role=SubjectRole.DETAINEE)
    response = page.post()
    assert response.status_code == 200
    assert "Already known with this name: Rustam Nazarov" in response.text

    page.data[f"subjects-{int(page.data['subjects-TOTAL_FORMS']) - 1}-different_person"] = "on"
    response = page.post()
    assert response.status_code == 302, page_errors(response)
    assert Person.objects.filter(display_name="Назаров Рустам").exists()


def test_a_url_already_known_links_that_source(admin_client, two_cases, make_source):
    case, _stranger = two_cases
    known = make_source(url="https://hrw.example/report")
    page = AdminPage(admin_client, admin_url(Case, "change", case.pk))
    page.add_inline(CaseSource, url="https://hrw.example/report", title="Copied title")
    response = page.post()

    assert response.status_code == 302, page_errors(response)
    assert Source.objects.filter(url="https://hrw.example/report").count() == 1
    assert list(case.case_sources.values_list("source", flat=True)) == [known.pk]


def test_citing_a_source_puts_it_on_the_case(admin_client, two_cases, make_source):
    case, _stranger = two_cases
    source = make_source()
    page = AdminPage(admin_client, admin_url(Case, "change", case.pk))
    page.add_inline(Detention, place="Moscow", started_on=D(2024, 3, 1), sources=[source])
    response = page.post()

    assert response.status_code == 302, page_errors(response)
    assert case.case_sources.filter(source=source).exists()


@pytest.mark.parametrize(
    ("drawn", "posted", "expected"),
    [
        # Without JavaScript: the row still shows what it was drawn with, takes the default.
        (Visibility.INTERNAL, Visibility.INTERNAL, Visibility.PUBLIC),
        # JavaScript moved the page's rows to public, and the user set this one back.
        (Visibility.PUBLIC, Visibility.INTERNAL, Visibility.INTERNAL),
    ],
)
def test_new_rows_start_with_the_case_default_visibility(
    admin_client, two_cases, drawn, posted, expected
):
    case, _stranger = two_cases
    page = AdminPage(admin_client, admin_url(Case, "change", case.pk))
    page.set(default_visibility=Visibility.PUBLIC, rows_default=drawn)
    page.add_inline(Detention, place="Moscow", started_on=D(2024, 3, 1), visibility=posted)
    response = page.post()

    assert response.status_code == 302, page_errors(response)
    assert case.detentions.get().visibility == expected


def test_confidential_default_only_for_confidential_access(staff_user, two_cases):
    case, _stranger = two_cases
    editor = staff_user([EDITOR])
    form = editor.get(admin_url(Case, "change", case.pk)).context["adminform"].form
    assert Visibility.CONFIDENTIAL not in dict(form.fields["default_visibility"].choices)
    reader = staff_user([EDITOR, CONFIDENTIAL_ACCESS])
    form = reader.get(admin_url(Case, "change", case.pk)).context["adminform"].form
    assert Visibility.CONFIDENTIAL in dict(form.fields["default_visibility"].choices)


def test_a_confidential_source_of_the_case_is_absent_for_editors(
    staff_user, two_cases, make_source
):
    case, _stranger = two_cases
    secret = make_source("Secret witness statement", visibility=Visibility.CONFIDENTIAL)
    CaseSource.objects.create(case=case, source=secret)
    response = staff_user([EDITOR]).get(admin_url(Case, "change", case.pk))
    assert response.status_code == 200
    assert "Secret witness statement" not in response.text


def make_records(case, count, person, source):
    detentions = Detention.objects.bulk_create(
        Detention(case=case, started_on=D(2010, 1, 1) + datetime.timedelta(days=i), summary="x")
        for i in range(count)
    )
    Detention.people.through.objects.bulk_create(
        Detention.people.through(detention=d, person=person) for d in detentions
    )
    Detention.sources.through.objects.bulk_create(
        Detention.sources.through(detention=d, source=source) for d in detentions
    )


# Session, user, case, the page's choices (people, sources, decisions, orders) and each
# inline's rows with their many-to-many prefetches: a fixed number.
CASE_FORM_QUERIES = 40


@pytest.mark.parametrize("count", [5, 200])
def test_the_case_form_runs_a_bounded_number_of_queries(
    admin_client, two_cases, make_source, django_assert_max_num_queries, count
):
    case, _stranger = two_cases
    source = make_source()
    CaseSource.objects.create(case=case, source=source)
    make_records(case, count, case.subjects.get().person, source)
    url = admin_url(Case, "change", case.pk)
    with django_assert_max_num_queries(CASE_FORM_QUERIES):
        response = admin_client.get(url)
    assert response.text.count('<details class="record-fold"') == count
    page = AdminPage(admin_client, url)
    # Saving locks and checks each saved row it shows (core.locking, the constraints
    # Django 5.2 skips in inlines): a few queries per record, rewriting none of them.
    with django_assert_max_num_queries(CASE_FORM_QUERIES + 6 * count) as saving:
        response = page.post()
    assert response.status_code == 302, page_errors(response)
    print(f"case form with {count} records: {len(saving)} queries to save")


def test_editors_and_publishers_may_enter_a_case_s_sources_and_people(staff_user, two_cases):
    """The roles are groups made by migrations: a model added later needs its permissions
    granted by a later one (accounts 0003), or its inline vanishes for every role."""
    case, _stranger = two_cases
    editor = staff_user([EDITOR])
    response = editor.get(admin_url(Case, "change", case.pk))
    prefixes = {formset.formset.prefix for formset in response.context["inline_admin_formsets"]}
    assert {"subjects", "case_sources"} <= prefixes
    assert editor.user.has_perms(["cases.add_casesource", "cases.change_casesource"])
