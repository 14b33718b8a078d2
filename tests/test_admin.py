"""The staff admin: every page renders and saves, bad input is refused, queries stay bounded."""

import datetime
import re

import pytest
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.auth.models import Group, User
from django.db import connection
from django.forms.models import _get_foreign_key
from django.test.utils import CaptureQueriesContext

from cases.models import (
    RECORD_MODELS,
    Appeal,
    AppealLevel,
    AsylumDecision,
    Case,
    CaseStatus,
    CaseSubject,
    DecisionOutcome,
    Detention,
    Event,
    EventKind,
    Extradition,
    ExtraditionStatus,
    Source,
    Statement,
    SubjectRole,
)
from cases.models.records import OUTCOME_NEEDS_DATE, STATEMENT_NEEDS_CONTENT
from core.date_fields import date_companions
from organizations.models import Affiliation, Organization, OrganizationKind
from people.models import ContactDetail, NameVariant, Person, Relation, RelationKind, Script
from tests.admin_helpers import AdminPage, admin_url, page_errors

D = datetime.date
# Our models and auth's; third-party admins (login lockouts, authenticator devices) are
# their libraries' to test.
THIRD_PARTY = {"axes", "otp_totp"}
REGISTERED = [m for m in admin.site._registry if m._meta.app_label not in THIRD_PARTY]


def model_id(model) -> str:
    return model._meta.label


@pytest.fixture
def world(make_person, make_organization, make_case, make_source, make_subject, admin_user):
    """One row of every registered model, linked as in the seed story."""
    turaev = make_person()
    wife = make_person("Dilnoza Turaeva")
    hrw = make_organization()
    court = make_organization("Almaty City Court", acronym="", kind=OrganizationKind.COURT)
    migration = make_organization(
        "Migration Police", acronym="", kind=OrganizationKind.MIGRATION_AUTHORITY
    )
    case = make_case()
    source = make_source(publisher=hrw)
    decision = AsylumDecision.objects.create(
        case=case, authority=migration, decided_on=D(2010, 9, 14), outcome=DecisionOutcome.REFUSED
    )
    extradition = Extradition.objects.create(
        case=case,
        from_country="KZ",
        to_country="UZ",
        ordered_on=D(2011, 5, 1),
        carried_out_on=D(2011, 6, 9),
        status=ExtraditionStatus.CARRIED_OUT,
    )
    records = [
        decision,
        extradition,
        Detention.objects.create(case=case, started_on=D(2010, 6, 9), authority=migration),
        Appeal.objects.create(
            case=case, contests_decision=decision, body=court, level=AppealLevel.DOMESTIC_COURT
        ),
        Statement.objects.create(
            case=case, organization=hrw, speaker=turaev, made_on=D(2011, 6, 10), quote="Illegal."
        ),
        Event.objects.create(
            case=case, kind=EventKind.PROTEST, title="Wives protest", started_on=D(2011, 6, 12)
        ),
    ]
    for record in records:
        record.people.add(turaev)
        record.sources.add(source)
    rows = {type(record): record for record in records}
    rows |= {
        Person: turaev,
        Organization: hrw,
        Case: case,
        Source: source,
        CaseSubject: make_subject(case, turaev),
        Affiliation: Affiliation.objects.create(
            person=wife, organization=hrw, role_title="Researcher"
        ),
        NameVariant: NameVariant.objects.create(
            person=turaev, text="Рафшан Тураев", script=Script.CYRILLIC
        ),
        User: admin_user,
        Group: Group.objects.create(name="Editors"),
    }
    Relation.objects.create(person=turaev, relative=wife, kind=RelationKind.SPOUSE)
    ContactDetail.objects.create(person=wife, kind="phone", value="+7 700 000 00 00")
    return rows


def add_values(world) -> dict:
    """For each registered model, the fields a valid add form needs (beyond defaults)."""
    case, person, hrw = world[Case], world[Person], world[Organization]
    return {
        Person: {"display_name": "Toirjon Abdusamatov", "slug": "toirjon-abdusamatov"},
        Organization: {"name": "Amnesty International", "slug": "amnesty", "kind": "ngo"},
        Source: {"title": "Kazakhstan: do not return refugees", "publisher": hrw},
        Case: {"title": "Andijan refugees", "slug": "andijan-refugees", "host_country": "KG"},
        CaseSubject: {"case": case, "person": person, "role": SubjectRole.ASYLUM_SEEKER},
        Detention: {"case": case, "started_on": D(2010, 6, 1), "people": [person]},
        AsylumDecision: {"case": case, "authority": hrw, "applied_on": D(2010, 7, 1)},
        Appeal: {"case": case, "body": hrw, "level": AppealLevel.UN_TREATY_BODY},
        Extradition: {"case": case, "from_country": "RU", "to_country": "UZ"},
        Statement: {"case": case, "organization": hrw, "made_on": D(2011, 6, 1), "quote": "No."},
        Event: {
            "case": case,
            "kind": EventKind.HEARING,
            "title": "Hearing",
            "started_on": "2011-01-01",
        },
        Affiliation: {"person": person, "organization": hrw, "role_title": "Director"},
        NameVariant: {"person": person, "text": "Rafshan Turayev"},
        Group: {"name": "Reviewers"},
        User: {
            "username": "editor",
            "usable_password": "true",
            "password1": "a long enough passphrase 42",
            "password2": "a long enough passphrase 42",
        },
    }


def lookup(model, values: dict) -> dict:
    """The values that name the new row, as a queryset filter."""
    names = {f.name for f in model._meta.concrete_fields}
    return {key: value for key, value in values.items() if key in names}


# Every registered model: its pages render, its add page and change page save.


@pytest.mark.parametrize("model", REGISTERED, ids=model_id)
def test_changelist_renders(admin_client, world, model):
    response = admin_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert str(world[model]) in response.text or model in (User, Group)


@pytest.mark.parametrize("model", REGISTERED, ids=model_id)
def test_add_page_renders(admin_client, world, model):
    assert admin_client.get(admin_url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=model_id)
def test_change_page_renders(admin_client, world, model):
    assert model in world, f"add a {model_id(model)} row to the `world` fixture"
    assert admin_client.get(admin_url(model, "change", world[model].pk)).status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=model_id)
def test_add_page_saves(admin_client, world, model):
    values = add_values(world)
    assert model in values, f"add valid form values for {model_id(model)} to add_values()"
    before = model._default_manager.count()
    response = AdminPage(admin_client, admin_url(model, "add")).post(**values[model])
    assert response.status_code == 302, page_errors(response)
    assert model._default_manager.count() == before + 1
    assert model._default_manager.filter(**lookup(model, values[model])).exists()


@pytest.mark.parametrize("model", REGISTERED, ids=model_id)
def test_change_page_saves_unchanged(admin_client, world, model):
    row = world[model]
    response = AdminPage(admin_client, admin_url(model, "change", row.pk)).post()
    assert response.status_code == 302, page_errors(response)
    assert model._default_manager.filter(pk=row.pk).exists()


PROJECT_APPS = {"core", "people", "organizations", "cases"}
PROJECT_MODELS = [model for model in REGISTERED if model._meta.app_label in PROJECT_APPS]


def editable_fields(model) -> set[str]:
    return {
        field.name
        for field in model._meta.get_fields()
        if (field.concrete or field.many_to_many) and field.editable and not field.auto_created
    }


@pytest.mark.parametrize("model", PROJECT_MODELS, ids=model_id)
def test_every_editable_field_is_on_the_admin_pages(rf, admin_user, model):
    """A field added to a model must be placed in its admin layouts, not silently missing."""
    request = rf.get("/")
    request.user = admin_user
    model_admin = admin.site._registry[model]
    # A date's precision (and a span's end) is typed in the date's own field.
    shown = {*flatten_fieldsets(model_admin.get_fieldsets(request)), *date_companions(model)}
    assert editable_fields(model) <= shown
    for inline in model_admin.get_inline_instances(request):
        parent_key = _get_foreign_key(model, inline.model, inline.fk_name).name
        shown = {
            parent_key,
            *flatten_fieldsets(inline.get_fieldsets(request)),
            *date_companions(inline.model),
        }
        assert editable_fields(inline.model) <= shown, type(inline).__name__


def test_saving_an_unchanged_case_page_keeps_every_record_and_citation(admin_client, world):
    case = world[Case]
    before = {model: model.objects.filter(case=case).count() for model in RECORD_MODELS}
    response = AdminPage(admin_client, admin_url(Case, "change", case.pk)).post()
    assert response.status_code == 302, page_errors(response)
    for model in RECORD_MODELS:
        assert model.objects.filter(case=case).count() == before[model]
        record = model.objects.get(case=case)
        assert list(record.people.all()) == [world[Person]]
        assert list(record.sources.all()) == [world[Source]]
    assert Appeal.objects.get(case=case).contests_decision == world[AsylumDecision]


# The case page: a whole case recorded in one save.


def test_case_page_records_every_kind_of_fact_in_one_save(admin_client, world, make_source):
    case, turaev, hrw = world[Case], world[Person], world[Organization]
    court = Organization.objects.get(name="Almaty City Court")
    report = make_source("Kazakhstan: extradited despite UN request")
    page = AdminPage(admin_client, admin_url(Case, "change", case.pk))
    wife = Person.objects.get(display_name="Dilnoza Turaeva")
    page.add_inline(CaseSubject, person=wife, role=SubjectRole.RELATIVE)
    page.add_inline(
        Detention,
        place="Almaty pre-trial detention centre",
        started_on="June 2010",
        ended_on=D(2011, 6, 9),
        people=[turaev],
        sources=[report],
    )
    page.add_inline(
        AsylumDecision,
        authority=hrw,
        applied_on=D(2010, 7, 1),
        decided_on=D(2010, 9, 14),
        outcome=DecisionOutcome.REFUSED,
        sources=[report],
    )
    page.add_inline(
        Appeal,
        contests_decision=world[AsylumDecision],
        body=court,
        level=AppealLevel.DOMESTIC_COURT,
        filed_on=D(2010, 10, 1),
        sources=[report],
    )
    page.add_inline(
        Extradition,
        from_country="KZ",
        to_country="UZ",
        requesting_state="UZ",
        status=ExtraditionStatus.ORDERED,
        ordered_on=D(2011, 5, 20),
        sources=[report, world[Source]],
    )
    page.add_inline(
        Statement, organization=hrw, made_on=D(2011, 6, 10), quote="Illegal.", sources=[report]
    )
    page.add_inline(
        Event,
        kind=EventKind.RELATIVES_ARRESTED,
        title="Wives briefly detained",
        started_on=D(2011, 6, 14),
        people=[wife],
        sources=[report],
    )
    response = page.post(status=CaseStatus.EXTRADITED)

    assert response.status_code == 302, page_errors(response)
    case.refresh_from_db()
    assert case.status == CaseStatus.EXTRADITED
    assert case.subjects.filter(person=wife, role=SubjectRole.RELATIVE).exists()
    detention = case.detentions.get(place="Almaty pre-trial detention centre")
    assert (detention.started_on_precision, detention.ended_on) == ("month", D(2011, 6, 9))
    assert list(detention.people.all()) == [turaev]
    assert case.asylumdecisions.filter(decided_on=D(2010, 9, 14), authority=hrw).exists()
    appeal = case.appeals.get(filed_on=D(2010, 10, 1))
    assert appeal.contests_decision == world[AsylumDecision]
    extradition = case.extraditions.get(status=ExtraditionStatus.ORDERED)
    assert set(extradition.sources.all()) == {report, world[Source]}
    assert case.statements.filter(made_on=D(2011, 6, 10)).exists()
    assert list(case.events.get(title="Wives briefly detained").people.all()) == [wife]
    for model in RECORD_MODELS:
        assert model.objects.filter(case=case, sources=report).count() == 1, model


def test_appeal_cannot_contest_a_decision_of_another_case(admin_client, world, make_case):
    other = make_case("Another case")
    page = AdminPage(admin_client, admin_url(Case, "change", other.pk))
    page.add_inline(
        Appeal,
        contests_decision=world[AsylumDecision],
        body=world[Organization],
        level=AppealLevel.OTHER,
    )
    response = page.post()
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not other.appeals.exists()


def test_appeal_dropdowns_offer_only_this_cases_decisions(admin_client, world, make_case):
    other = make_case("Another case")
    foreign = AsylumDecision.objects.create(case=other, authority=world[Organization])
    response = admin_client.get(admin_url(Case, "change", world[Case].pk))
    appeal_formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is Appeal
    )
    choices = appeal_formset.empty_form.fields["contests_decision"].choices
    assert [value for value, _ in choices if value] == [str(world[AsylumDecision].pk)]
    assert foreign.pk not in [value for value, _ in choices if value]
    add_page = admin_client.get(admin_url(Case, "add"))
    appeal_formset = next(
        inline.formset
        for inline in add_page.context["inline_admin_formsets"]
        if inline.formset.model is Appeal
    )
    assert [
        v for v, _ in appeal_formset.empty_form.fields["contests_extradition"].choices if v
    ] == []


def test_appeal_page_offers_only_its_cases_decisions(admin_client, world, make_case):
    other = make_case("Another case")
    AsylumDecision.objects.create(case=other, authority=world[Organization])
    appeal = world[Appeal]
    response = admin_client.get(admin_url(Appeal, "change", appeal.pk))
    field = response.context["adminform"].form.fields["contests_decision"]
    assert [value for value, _ in field.choices if value] == [world[AsylumDecision].pk]
    add_page = admin_client.get(admin_url(Appeal, "add"))
    field = add_page.context["adminform"].form.fields["contests_decision"]
    assert [value for value, _ in field.choices if value] == []


# Inconsistent input is refused with a message saying what to fix, and nothing is written.

INCONSISTENT = [
    pytest.param(
        Detention,
        {"started_on": D(2011, 6, 9), "ended_on": D(2010, 6, 9)},
        "The release date cannot be before the arrest date.",
        id="detention-ends-before-it-starts",
    ),
    pytest.param(
        AsylumDecision,
        {"authority": "hrw", "outcome": DecisionOutcome.REFUSED},
        OUTCOME_NEEDS_DATE,
        id="refusal-without-a-date",
    ),
    pytest.param(
        AsylumDecision,
        {
            "authority": "hrw",
            "applied_on": D(2010, 8, 1),
            "decided_on": D(2010, 5, 1),
            "outcome": DecisionOutcome.REFUSED,
        },
        "The decision cannot be before the application.",
        id="decision-before-application",
    ),
    pytest.param(
        Statement,
        {"organization": "hrw", "made_on": D(2011, 6, 10)},
        STATEMENT_NEEDS_CONTENT,
        id="statement-without-quote-or-summary",
    ),
    pytest.param(
        Extradition,
        {"from_country": "KZ", "to_country": "UZ", "status": ExtraditionStatus.CARRIED_OUT},
        "A carried-out extradition needs the date it was carried out.",
        id="extradition-carried-out-without-a-date",
    ),
    pytest.param(
        Appeal,
        {
            "body": "hrw",
            "level": AppealLevel.DOMESTIC_COURT,
            "contests_decision": "decision",
            "contests_extradition": "extradition",
        },
        "An appeal contests either an asylum decision or an extradition, not both.",
        id="appeal-contests-two-things",
    ),
    pytest.param(
        Event,
        {
            "kind": EventKind.HEARING,
            "title": "Hearing",
            "started_on": "1 February 2011 – 1 January 2011",
        },
        "The end cannot be before the start.",
        id="event-ends-before-it-starts",
    ),
]


def resolve(world, values: dict) -> dict:
    named = {
        "hrw": world[Organization],
        "decision": world[AsylumDecision],
        "extradition": world[Extradition],
    }
    return {key: named.get(value, value) for key, value in values.items()}


@pytest.mark.parametrize(("model", "values", "message"), INCONSISTENT)
def test_case_page_refuses_an_inconsistent_record(admin_client, world, model, values, message):
    case = world[Case]
    before = {m: m.objects.count() for m in RECORD_MODELS}
    page = AdminPage(admin_client, admin_url(Case, "change", case.pk))
    # A valid record in the same save must not be written either: all or nothing.
    page.add_inline(Event, kind=EventKind.PROTEST, title="Valid protest", started_on=D(2011, 6, 1))
    page.add_inline(model, **resolve(world, values))
    response = page.post(summary="A change to the case itself")

    assert response.status_code == 200
    assert str(message) in response.text
    assert {m: m.objects.count() for m in RECORD_MODELS} == before
    case.refresh_from_db()
    assert case.summary != "A change to the case itself"


@pytest.mark.parametrize(("model", "values", "message"), INCONSISTENT)
def test_record_page_refuses_inconsistent_input(admin_client, world, model, values, message):
    before = model.objects.count()
    page = AdminPage(admin_client, admin_url(model, "add"))
    response = page.post(case=world[Case], **resolve(world, values))
    assert response.status_code == 200
    assert str(message) in response.text or "Select a valid choice" in response.text
    assert model.objects.count() == before


def test_case_page_refuses_a_zero_people_count(admin_client, world):
    case = world[Case]
    response = AdminPage(admin_client, admin_url(Case, "change", case.pk)).post(people_count=0)
    assert response.status_code == 200
    assert "The number of people must be at least 1, or left empty." in response.text
    case.refresh_from_db()
    assert case.people_count is None


def test_case_page_refuses_the_same_role_twice(admin_client, world):
    case = world[Case]
    page = AdminPage(admin_client, admin_url(Case, "change", case.pk))
    page.add_inline(CaseSubject, person=world[Person], role=SubjectRole.DETAINEE)
    response = page.post()
    assert response.status_code == 200
    assert "This person already has this role in the case." in response.text
    assert case.subjects.count() == 1


def test_organization_page_refuses_a_role_ending_before_it_starts(admin_client, world):
    hrw = world[Organization]
    page = AdminPage(admin_client, admin_url(Organization, "change", hrw.pk))
    page.add_inline(
        Affiliation,
        person=world[Person],
        role_title="Advocacy director",
        started_on=D(2012, 1, 1),
        ended_on=D(2011, 1, 1),
    )
    response = page.post()
    assert response.status_code == 200
    assert "The end of the role cannot be before its start." in response.text
    assert not hrw.affiliations.filter(role_title="Advocacy director").exists()


def test_person_page_refuses_a_person_related_to_themselves(admin_client, world):
    turaev = world[Person]
    page = AdminPage(admin_client, admin_url(Person, "change", turaev.pk))
    page.add_inline(Relation, relative=turaev, kind=RelationKind.SIBLING)
    response = page.post()
    assert response.status_code == 200
    assert "A person cannot be their own relative." in response.text
    assert turaev.relations.count() == 1


# Lists, search and autocomplete.


def test_case_list_filters_and_searches(admin_client, world, make_case):
    make_case("Chechen refugees in Azerbaijan", host_country="AZ", origin_country="RU")
    url = admin_url(Case, "changelist")
    response = admin_client.get(
        url, {"host_country": "KZ", "status__exact": "at_risk", "q": "turaev"}
    )
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [world[Case]]
    response = admin_client.get(url, {"publication_state__exact": "draft"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


def test_record_lists_filter_by_case_publication_state(admin_client, world):
    for model in RECORD_MODELS:
        url = admin_url(model, "changelist")
        published = admin_client.get(url, {"case__publication_state__exact": "published"})
        assert published.status_code == 200
        assert list(published.context["cl"].result_list) == [world[model]]
        drafts = admin_client.get(url, {"case__publication_state__exact": "draft", "q": "x"})
        assert drafts.status_code == 200
        assert list(drafts.context["cl"].result_list) == []


@pytest.mark.parametrize("term", ["turaev", "Тураев", "Turayev", "rafshan tur"])
def test_autocomplete_finds_a_person_in_any_spelling(admin_client, world, make_person, term):
    make_person("Toirjon Abdusamatov")
    response = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "cases", "model_name": "detention", "field_name": "people", "term": term},
    )
    assert response.status_code == 200
    results = response.json()["results"]
    labels = {result["id"]: result["text"] for result in results}
    assert labels[str(world[Person].pk)].startswith("Rafshan Turaev — ")
    assert not any(label.startswith("Toirjon Abdusamatov") for label in labels.values())


def test_person_list_search_finds_name_variants(admin_client, world):
    response = admin_client.get(admin_url(Person, "changelist"), {"q": "Рафшан"})
    assert list(response.context["cl"].result_list) == [world[Person]]


def test_autocomplete_finds_sources_and_organizations(admin_client, world):
    sources = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "cases", "model_name": "event", "field_name": "sources", "term": "Human"},
    )
    assert [r["id"] for r in sources.json()["results"]] == [str(world[Source].pk)]
    bodies = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "cases", "model_name": "appeal", "field_name": "body", "term": "hrw"},
    )
    assert [r["id"] for r in bodies.json()["results"]] == [str(world[Organization].pk)]


def test_case_page_creates_people_and_sources_in_place(admin_client, world):
    response = admin_client.get(admin_url(Case, "change", world[Case].pk))
    # People and sources are created in their rows (tests/cases/test_caseform.py), no popup.
    assert 'name="subjects-1-new_name"' in response.text
    assert 'name="case_sources-0-title"' in response.text
    assert admin_url(Source, "add") + "?_to_field=id&amp;_popup=1" not in response.text
    assert admin_url(Organization, "add") + "?_to_field=id&amp;_popup=1" in response.text


def test_popup_creates_a_source_and_hands_it_back(admin_client, world):
    url = admin_url(Source, "add") + "?_to_field=id&_popup=1"
    response = AdminPage(admin_client, url).post(title="Kazakhstan: UN finds torture ban broken")
    source = Source.objects.get(title="Kazakhstan: UN finds torture ban broken")
    assert response.status_code == 200
    assert "admin/popup_response.html" in [template.name for template in response.templates]
    assert f"&quot;value&quot;: &quot;{source.pk}&quot;" in response.text


# Bounded queries, whatever the number of records.


def add_records(case, count: int, person, organization, source) -> None:
    """`count` records of each kind, each naming a person and citing a source."""
    for i in range(count):
        day = D(2010, 1, 1) + datetime.timedelta(days=i)
        number = Person.objects.count()
        new_person = Person.objects.create(display_name=f"Detainee {number}", slug=f"d-{number}")
        CaseSubject.objects.create(case=case, person=new_person, role=SubjectRole.DETAINEE)
        decision = AsylumDecision.objects.create(case=case, authority=organization, applied_on=day)
        extradition = Extradition.objects.create(case=case, from_country="KZ", to_country="UZ")
        records = [
            decision,
            extradition,
            Detention.objects.create(case=case, started_on=day, authority=organization),
            Appeal.objects.create(
                case=case, body=organization, level=AppealLevel.OTHER, contests_decision=decision
            ),
            Statement.objects.create(
                case=case, organization=organization, speaker=person, made_on=day, quote="q"
            ),
            Event.objects.create(
                case=case, kind=EventKind.OTHER, title=f"Event {i}", started_on=day
            ),
        ]
        for record in records:
            record.people.add(person, new_person)
            record.sources.add(source)


# About 32 today: session, user and session refresh, the case, what records choose among
# (people, sources, decisions, orders of the case: cases/admin/record_choices.py), and for
# each of the eight inlines its rows plus one query per many-to-many field.
CASE_PAGE_QUERIES = 36


def test_case_page_queries_do_not_grow_with_records(
    admin_client, world, django_assert_max_num_queries
):
    case = world[Case]
    url = admin_url(Case, "change", case.pk)
    args = (world[Person], world[Organization], world[Source])
    add_records(case, 1, *args)  # with the world's own: two of each kind
    admin_client.get(url)
    with django_assert_max_num_queries(CASE_PAGE_QUERIES) as with_two:
        assert admin_client.get(url).status_code == 200
    add_records(case, 8, *args)
    with django_assert_max_num_queries(CASE_PAGE_QUERIES) as with_ten:
        response = admin_client.get(url)
    assert response.text.count('class="inline-related') > 60
    # Selected people, sources and organizations are labelled without a query per record.
    turaev = world[Person]
    ticked = re.findall(
        rf'<input type="checkbox" name="[a-z]+-\d+-people" value="{turaev.pk}"[^>]*checked',
        response.text,
    )
    assert len(ticked) > 50
    assert len(with_ten) == len(with_two)


def test_list_queries_do_not_grow_with_rows(admin_client, world):
    args = (world[Person], world[Organization], world[Source])
    models = [Case, CaseSubject, *RECORD_MODELS, Source, Person, Affiliation, NameVariant]

    def counts():
        result = {}
        for model in models:
            with CaptureQueriesContext(connection) as queries:
                assert admin_client.get(admin_url(model, "changelist")).status_code == 200
            result[model] = len(queries)
        return result

    add_records(world[Case], 1, *args)
    few = counts()
    add_records(world[Case], 8, *args)
    assert counts() == few
