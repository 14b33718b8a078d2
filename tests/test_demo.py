"""The demo data: the model case complete, valid, idempotent, and private where it should be."""

import datetime
import re
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import RequestFactory

from accounts.roles import ADMINISTRATOR, CONFIDENTIAL_ACCESS, EDITOR, PUBLISHER, ROLES
from cases.demo import CASE_SLUG
from cases.demo.loader import TABLES
from cases.models import (
    RECORD_MODELS,
    Appeal,
    AppealLevel,
    AppealOutcome,
    AsylumDecision,
    AsylumKind,
    Case,
    CaseStatus,
    CaseSubject,
    DecisionOutcome,
    Detention,
    Event,
    EventKind,
    Extradition,
    ExtraditionStatus,
    InterimMeasures,
    PublicationState,
    Source,
    Statement,
    SubjectRole,
)
from core.models import DatePrecision, Visibility
from organizations.models import Affiliation, Organization, OrganizationKind
from people.models import ContactDetail, NameVariant, Person, Relation, Script

D = datetime.date
PAGE = f"/cases/{CASE_SLUG}/"
LOADED_MODELS = [*(table.model for table in TABLES), *RECORD_MODELS]
# Texts that only staff may ever read.
PRIVATE_TEXTS = ("CONFIDENTIAL-DEMO", "INTERNAL-DEMO", "+7 700 000 0000", "Aged 32")


def load(**kwargs) -> str:
    out = StringIO()
    call_command("load_demo", stdout=out, **kwargs)
    return out.getvalue()


@pytest.fixture
def demo(db):
    load()
    return Case.objects.get(slug=CASE_SLUG)


def table_state() -> dict:
    """Every row's primary key (and updated_at) in every table the demo can touch."""
    models = [
        m
        for name in ("people", "organizations", "cases")
        for m in apps.get_app_config(name).get_models()
    ]
    models += [f.remote_field.through for m in list(models) for f in m._meta.local_many_to_many]
    state = {}
    for model in models:
        fields = ["pk", *(["updated_at"] if hasattr(model, "updated_at") else [])]
        state[model._meta.label] = sorted(model.objects.values_list(*fields))
    return state


def test_load_demo_loads_the_model_case(demo):
    for model in LOADED_MODELS:
        assert model.objects.exists(), model
    assert demo.publication_state == PublicationState.PUBLISHED
    assert demo.status == CaseStatus.EXTRADITED
    assert (demo.host_country.code, demo.origin_country.code) == ("KZ", "UZ")
    assert demo.people_count == 29
    assert "244-2" in demo.charges
    assert "29" in demo.summary and "28" in demo.summary
    assert demo.internal_notes

    aubakirov = Person.objects.get(display_name="Tashkenbai Aubakirov")
    affiliation = Affiliation.objects.get(person=aubakirov)
    assert affiliation.organization.kind == OrganizationKind.PROSECUTOR
    assert affiliation.organization.country.code == "KZ"
    assert CaseSubject.objects.filter(case=demo, person=aubakirov, role="official").exists()

    extradition = Extradition.objects.get(case=demo)
    assert extradition.status == ExtraditionStatus.CARRIED_OUT
    assert extradition.carried_out_on == D(2011, 6, 9)
    assert extradition.carried_out_on_precision == DatePrecision.DAY
    assert extradition.requesting_state.code == "UZ"
    assert "Minsk" in extradition.legal_basis and "Shanghai" in extradition.legal_basis
    assert extradition.assurances
    assert extradition.people.count() == 5


def test_the_timeline_rows_keep_their_dates_and_precision(demo):
    detention = Detention.objects.get(case=demo)
    assert (detention.started_on, detention.ended_on) == (D(2010, 6, 9), D(2011, 6, 9))
    law = Event.objects.get(case=demo, kind=EventKind.LEGAL_CHANGE)
    assert (law.started_on, law.started_on_precision) == (D(2010, 1, 1), DatePrecision.MONTH)
    mandate = AsylumDecision.objects.get(case=demo, kind=AsylumKind.MANDATE_REFUGEE)
    assert mandate.outcome == DecisionOutcome.GRANTED
    assert mandate.decided_on_precision == DatePrecision.YEAR
    refusals = AsylumDecision.objects.filter(case=demo, outcome=DecisionOutcome.REFUSED)
    assert sorted(r.decided_on for r in refusals) == [D(2010, 8, 11), D(2010, 8, 27)]
    nabiev = AsylumDecision.objects.get(
        case=demo, outcome=DecisionOutcome.GRANTED, kind="refugee_status"
    )
    assert nabiev.decided_on == D(2010, 9, 8)
    assert [p.slug for p in nabiev.people.all()] == ["nigmatulla-nabiev"]

    cat = Appeal.objects.get(case=demo, level=AppealLevel.UN_TREATY_BODY)
    assert cat.reference == "CAT/C/48/D/444/2010"
    assert (cat.filed_on, cat.decided_on) == (D(2010, 12, 24), D(2012, 6, 1))
    assert cat.outcome == AppealOutcome.VIOLATION_FOUND
    assert cat.interim_measures == InterimMeasures.IGNORED
    city = Appeal.objects.get(case=demo, body__slug="almaty-city-court")
    assert city.decided_on == D(2011, 3, 1) and city.contests_decision is not None
    district = Appeal.objects.get(case=demo, body__slug="almaty-district-court")
    assert district.decided_on == D(2011, 3, 15) and district.contests_extradition is not None

    for kind in (EventKind.PROTEST, EventKind.RELATIVES_ARRESTED):
        assert Event.objects.get(case=demo, kind=kind, visibility="public").started_on == D(
            2011, 6, 9
        )
    quote = Statement.objects.get(case=demo, speaker__slug="veronika-szente-golston")
    assert "human tragedy" in quote.quote and quote.language == "en"
    assert quote.made_on == D(2011, 6, 9)
    letters = Statement.objects.filter(case=demo, made_on=D(2011, 6, 7))
    assert letters.count() == 5


def test_records_cite_sources_and_name_the_men(demo):
    for model in RECORD_MODELS:
        for record in model.objects.filter(case=demo):
            assert record.sources.exists(), record
    # Only the UNHCR recognitions (which men is unknown) and staff notes name nobody.
    unnamed = [r for model in RECORD_MODELS for r in model.objects.filter(case=demo, people=None)]
    assert {type(r) for r in unnamed} <= {AsylumDecision, Event}
    assert len(unnamed) == 2
    seed = Source.objects.get(title__startswith="Kazakhstan Extradites 29")
    assert seed.language == "en" and seed.publisher.acronym == "RFE/RL"
    assert Source.objects.get(publisher__slug="azattyq").language == "ru"
    assert Source.objects.get(title__contains="EUR 57/004/2010").url == ""


def test_names_are_recorded_in_every_script(demo):
    texts = set(
        NameVariant.objects.filter(person__slug="toirjon-abdussamatov").values_list(
            "text", flat=True
        )
    )
    assert texts == {"Toirjon Abdussamatov", "Toirzhon Abdusamatov", "Тоиржон Абдусаматов"}
    for variant in NameVariant.objects.all():
        cyrillic = bool(re.search("[\u0400-\u04ff]", variant.text))
        assert variant.script == (Script.CYRILLIC if cyrillic else Script.LATIN), variant
        assert variant.language == ("ru" if cyrillic else "en"), variant
        assert variant.visibility == Visibility.PUBLIC
    assert Person.objects.get(slug="akmaljon-shodiev").name_variants.filter(
        text="Shodiev Akmaljon", kind="official"
    )


def test_visibility_is_set_on_purpose(demo):
    assert set(Organization.objects.values_list("visibility", flat=True)) == {"public"}
    relative = Person.objects.get(visibility=Visibility.CONFIDENTIAL)
    assert Relation.objects.get(relative=relative).visibility == Visibility.CONFIDENTIAL
    assert ContactDetail.objects.get(person=relative).visibility == Visibility.CONFIDENTIAL
    subject = CaseSubject.objects.get(person=relative)
    assert (subject.role, subject.visibility) == (SubjectRole.RELATIVE, Visibility.CONFIDENTIAL)
    assert Source.objects.filter(visibility=Visibility.INTERNAL).exists()
    assert Event.objects.filter(visibility=Visibility.INTERNAL).exists()
    men = Person.objects.filter(case_roles__role=SubjectRole.DETAINEE).distinct()
    assert men.count() == 7
    assert set(men.values_list("visibility", flat=True)) == {"public"}


def test_every_loaded_row_passes_full_clean(demo):
    for model in LOADED_MODELS:
        for row in model.objects.all():
            row.full_clean()


def test_running_it_twice_changes_nothing(demo):
    before = table_state()
    output = load()
    assert table_state() == before
    assert "0 rows created, 0 updated" in output


def test_running_it_again_repairs_edited_rows(demo):
    Case.objects.filter(pk=demo.pk).update(summary="Edited by mistake")
    Statement.objects.get(speaker__slug="maisy-weicherding").sources.clear()
    output = load()
    demo.refresh_from_db()
    assert demo.summary.startswith("In June 2010")
    assert Statement.objects.get(speaker__slug="maisy-weicherding").sources.exists()
    assert "0 rows created, 2 updated" in output


def test_the_public_page_shows_public_facts_and_nothing_private(client, demo):
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Aubakirov", "9 June 2011", "June 2011", "1 March 2011", "a human tragedy"):
        assert text in html, text
    for text in (*PRIVATE_TEXTS, demo.internal_notes):
        assert text not in html, text
    for url in ("/", "/cases/"):
        page = client.get(url).content.decode()
        assert CASE_SLUG in page
        assert not any(text in page for text in PRIVATE_TEXTS), url


DEMO_LOGINS = {
    "demo-editor": (EDITOR,),
    "demo-publisher": (PUBLISHER,),
    "demo-confidential": (EDITOR, CONFIDENTIAL_ACCESS),
    "demo-admin": (ADMINISTRATOR,),
}


def role_permissions(*roles) -> set[str]:
    groups = Group.objects.filter(name__in=roles).prefetch_related("permissions__content_type")
    return {f"{p.content_type.app_label}.{p.codename}" for g in groups for p in g.permissions.all()}


def test_create_demo_staff_makes_one_account_per_role(client, db, monkeypatch, settings):
    settings.TWO_FACTOR_REQUIRED = False  # as in development (make run), where the demo runs
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    monkeypatch.setenv("PORT", "8123")
    out = StringIO()
    call_command("create_demo_staff", stdout=out)
    call_command("create_demo_staff", stdout=out)
    printed = out.getvalue()
    assert "Demo staff logins at http://127.0.0.1:8123/admin/, password demo-staff-2011" in printed
    assert "For a demo on this machine only" in printed
    users = get_user_model().objects.filter(username__startswith="demo")
    assert sorted(users.values_list("username", flat=True)) == sorted(DEMO_LOGINS)
    assert {role for roles in DEMO_LOGINS.values() for role in roles} == set(ROLES)
    for username, roles in DEMO_LOGINS.items():
        assert username in printed
        user = users.get(username=username)
        assert user.is_staff and user.is_active and not user.is_superuser, username
        assert set(user.groups.values_list("name", flat=True)) == set(roles)
        # Exactly the roles' permissions: nothing granted to the account itself.
        assert user.get_all_permissions() == role_permissions(*roles), username
        assert client.login(
            request=RequestFactory().get("/"), username=username, password="demo-staff-2011"
        )
        assert client.get("/admin/").status_code == 200, username
    assert "cases.publish_case" not in users.get(username="demo-editor").get_all_permissions()
    assert users.get(username="demo-publisher").has_perm("cases.publish_case")
    assert users.get(username="demo-confidential").has_perm("cases.view_confidential")
    assert not users.get(username="demo-editor").has_perm("cases.view_confidential")
    assert users.get(username="demo-admin").has_perm("auth.change_user")


def test_create_demo_staff_retires_the_old_demo_superuser(db):
    get_user_model().objects.create_superuser("demo", password="demo-staff-2011")
    out = StringIO()
    call_command("create_demo_staff", stdout=out)
    assert not get_user_model().objects.get(username="demo").is_active
    assert "deactivated" in out.getvalue()
    assert not get_user_model().objects.filter(is_superuser=True, is_active=True).exists()


def test_create_demo_staff_takes_its_password_from_the_environment(client, db, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "another-demo-secret")
    call_command("create_demo_staff", stdout=StringIO())
    assert get_user_model().objects.filter(username="demo-editor").count() == 1
    for username in DEMO_LOGINS:
        assert not client.login(
            request=RequestFactory().get("/"), username=username, password="demo-staff-2011"
        )
        assert client.login(
            request=RequestFactory().get("/"), username=username, password="another-demo-secret"
        )
