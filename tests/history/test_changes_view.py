"""The 'History of changes' admin view: field-by-field differences, who and when, and
nothing confidential for staff without confidential access."""

import datetime

import pghistory
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from cases.models import Case, CaseStatus, Detention, Event, EventKind
from core.access import can_see_confidential
from core.models import Visibility
from history.admin import HistoryAdminMixin, add_history_to
from history.models import EVENT_MODELS
from history.timeline import HIDDEN, Change
from people.models import ContactDetail, ContactKind, Person
from tests.admin_helpers import AdminPage, page_errors
from tests.conftest import SECRET
from tests.history.urls import site as history_site

pytestmark = pytest.mark.urls("tests.history.urls")

D = datetime.date


def changes_url(obj) -> str:
    opts = obj._meta
    return reverse(f"history_admin:{opts.app_label}_{opts.model_name}_changes", args=[obj.pk])


@pytest.fixture
def viewer(django_user_model):
    """Staff who may view every record, without confidential access."""
    user = django_user_model.objects.create_user("viewer", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            codename__startswith="view_",
            content_type__app_label__in=["people", "organizations", "cases"],
        ).exclude(codename="view_confidential")
    )
    return user


@pytest.fixture
def viewer_client(client, viewer):
    client.force_login(viewer)
    return client


def entries(response) -> list:
    assert response.status_code == 200
    return list(response.context["entries"])


def test_an_update_shows_each_changed_field_before_and_after(admin_client, admin_user, make_case):
    case = make_case("Uzbek asylum seekers", summary="Held in Almaty.")
    case.title, case.people_count = "Twenty-nine Uzbek asylum seekers", 29
    case.save()

    latest, created = entries(admin_client.get(changes_url(case)))
    assert latest.action == "Changed"
    assert latest.record == ""  # the case itself
    assert latest.changes == [
        Change("Title", "Uzbek asylum seekers", "Twenty-nine Uzbek asylum seekers"),
        Change("People count", "", "29"),
    ]
    assert created.action == "Created"
    assert Change("Summary", "", "Held in Almaty.") in created.changes
    assert Change("Host country", "", "Kazakhstan") in created.changes


def test_the_case_timeline_includes_its_records_and_their_links(
    admin_client, make_case, make_person
):
    case, other_case = make_case(), make_case("Another case")
    man = make_person("Toirjon Abdussamatov")
    detention = Detention.objects.create(case=case, started_on=D(2010, 6, 1), place="Almaty")
    detention.people.add(man)
    Detention.objects.filter(pk=detention.pk).update(place="Almaty pre-trial centre")
    Event.objects.create(
        case=other_case, kind=EventKind.PROTEST, title="Elsewhere", started_on=D(2011, 6, 9)
    )
    gone = Event.objects.create(
        case=case, kind=EventKind.PROTEST, title="Wives protest", started_on=D(2011, 6, 12)
    )
    gone_id = gone.pk
    gone.delete()

    deleted, created, updated, linked, inserted, case_created = entries(
        admin_client.get(changes_url(case))
    )
    assert (deleted.action, created.action) == ("Deleted", "Created")
    assert deleted.record == f"Event #{gone_id} (deleted)"  # gone from the table, not from history
    assert Change("Title", "Wives protest", "") in deleted.changes
    assert updated.record == "Detention: Detention from 2010-06-01 at Almaty pre-trial centre"
    assert updated.changes == [Change("Place", "Almaty", "Almaty pre-trial centre")]
    assert (linked.action, linked.changes) == ("Linked", [Change("People", "", str(man))])
    assert inserted.action == case_created.action == "Created"
    assert "Elsewhere" not in str([deleted, created, updated, linked, inserted, case_created])


def test_the_view_names_the_staff_member_or_the_command(admin_client, admin_user, make_case):
    case = make_case()
    with pghistory.context(command="import_cases"):
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.DETAINED)
    url = reverse("history_admin:cases_case_change", args=[case.pk])
    response = AdminPage(admin_client, url).post(title="Renamed")
    assert response.status_code == 302, page_errors(response)

    edited, imported, created = entries(admin_client.get(changes_url(case)))
    assert (edited.who, edited.url) == (admin_user.get_username(), url)
    assert edited.changes == [Change("Title", case.title, "Renamed")]
    assert imported.who == "command import_cases"
    assert imported.changes == [Change("Status", "At risk", "Detained")]
    assert created.who == "no context (database or script)"


def test_the_change_form_links_to_the_history(admin_client, make_case):
    case = make_case()
    response = admin_client.get(reverse("history_admin:cases_case_change", args=[case.pk]))
    assert f'href="{changes_url(case)}"' in response.content.decode()
    assert b"History of changes" in response.content


def test_staff_need_view_permission(client, django_user_model, make_case):
    case = make_case()
    client.force_login(django_user_model.objects.create_user("nobody", is_staff=True))
    assert client.get(changes_url(case)).status_code == 403


def test_superusers_and_the_permission_give_confidential_access(viewer, admin_user):
    assert can_see_confidential(admin_user)
    assert not can_see_confidential(viewer)


def test_staff_without_confidential_access_see_no_confidential_record(viewer_client, story):
    response = viewer_client.get(changes_url(story))
    content = response.content.decode()
    assert "safe house" in content  # internal: all staff
    assert "court" in content
    for secret in ("witness", "wife", "interview notes"):
        assert f"{SECRET} {secret}" not in content, secret
    # The public subject naming the confidential wife is confidential too: no entry at all.
    subjects = [e for e in entries(response) if e.record.startswith("Case subject")]
    assert len(subjects) == 2


def test_superusers_see_confidential_records(admin_client, story):
    content = admin_client.get(changes_url(story)).content.decode()
    for secret in ("witness", "wife", "interview notes", "safe house"):
        assert f"{SECRET} {secret}" in content, secret


def test_confidential_fields_read_hidden(viewer_client, admin_client, make_person):
    person = make_person("Rafshan Turaev", birth_date=D(1975, 3, 1))
    person.birth_date = D(1975, 3, 2)
    person.save()
    ContactDetail.objects.create(
        person=person, kind=ContactKind.PHONE, value="+7 700 555 0101", visibility="internal"
    )

    shown = entries(viewer_client.get(changes_url(person)))
    contact, update, _ = shown
    assert update.changes == [Change("Birth date", HIDDEN, HIDDEN)]
    assert contact.record == f"Contact detail #{person.contacts.get().pk}"
    assert Change("Value", "", HIDDEN) in contact.changes
    # The number itself, not "555" alone: a timestamp's microseconds may hold that.
    assert "700 555 0101" not in viewer_client.get(changes_url(person)).content.decode()

    contact, update, _ = entries(admin_client.get(changes_url(person)))
    assert update.changes == [Change("Birth date", "1975-03-01", "1975-03-02")]
    assert contact.record == "Contact detail: Phone: +7 700 555 0101"


def test_a_confidential_person_history_is_refused_without_access(viewer_client, make_person):
    secret = make_person("Someone", visibility=Visibility.CONFIDENTIAL)
    # Answers like a missing row, so the address does not confirm the row exists.
    assert viewer_client.get(changes_url(secret)).status_code == 404


def test_a_row_once_confidential_stays_out_of_the_history(viewer_client, make_case):
    case = make_case()
    event = Event.objects.create(
        case=case,
        kind=EventKind.OTHER,
        title="Witness statement",
        started_on=D(2010, 7, 2),
        visibility=Visibility.CONFIDENTIAL,
    )
    Event.objects.filter(pk=event.pk).update(visibility=Visibility.INTERNAL)
    response = viewer_client.get(changes_url(case))
    assert "Witness statement" not in response.content.decode()
    assert response.context["page_obj"].paginator.count == 1  # the case's own creation


def grow_history(case, people, sources, rounds: int) -> None:
    """Five events a round, across four event tables."""
    for i in range(rounds):
        detention = Detention.objects.create(case=case, started_on=D(2010, 6, 1), place=f"P{i}")
        detention.people.add(people[i % len(people)])
        detention.sources.add(sources[i % len(sources)])
        Detention.objects.filter(pk=detention.pk).update(place=f"Place {i}")
        Case.objects.filter(pk=case.pk).update(title=f"Case, version {i}")


@pytest.mark.parametrize("rounds", [1, 10], ids=["6 events", "51 events"])
def test_the_view_runs_a_bounded_number_of_queries(
    viewer_client, make_case, make_person, make_source, django_assert_max_num_queries, rounds
):
    case = make_case()
    people = [make_person(f"Person {i}") for i in range(3)]
    sources = [make_source(f"Source {i}") for i in range(3)]
    grow_history(case, people, sources, rounds)

    with django_assert_max_num_queries(16):
        response = viewer_client.get(changes_url(case))
    assert len(entries(response)) == 1 + 5 * rounds


def test_the_view_pages_by_a_hundred(admin_client, make_case, make_person, make_source):
    case = make_case()
    grow_history(case, [make_person()], [make_source()], 21)  # 106 events

    first = admin_client.get(changes_url(case))
    assert len(entries(first)) == 100
    second = admin_client.get(changes_url(case) + "?p=2")
    assert [entry.action for entry in entries(second)][-1] == "Created"
    assert len(entries(second)) == 6
    assert Person.objects.count() == 1


def test_every_tracked_admin_gets_the_view_and_it_renders(admin_client, story):
    checked = []
    for model in EVENT_MODELS:
        if not history_site.is_registered(model):
            continue
        assert isinstance(history_site.get_model_admin(model), HistoryAdminMixin), model
        obj = model._base_manager.order_by("pk").first()
        if obj is not None:
            response = admin_client.get(changes_url(obj))
            assert response.status_code == 200, model
            assert entries(response), model
            checked.append(model)
    assert len(checked) >= 9
    before = dict(history_site._registry)
    add_history_to(history_site)  # a second call changes nothing
    assert history_site._registry == before


def test_rows_naming_a_confidential_row_stay_out_of_the_history(
    viewer_client, make_case, make_person, make_organization, make_source
):
    """The foreign-key rule of core.confidential: an internal affiliation with a
    confidential organization, an appeal heard by a confidential court, a link to a source
    published by one, are confidential themselves, in the history as in the admin."""
    from cases.models import Appeal, AppealLevel
    from organizations.models import Affiliation

    case, person = make_case(), make_person(visibility=Visibility.INTERNAL)
    secret_org = make_organization(f"{SECRET} org", visibility=Visibility.CONFIDENTIAL)
    Affiliation.objects.create(
        person=person, organization=secret_org, role_title=f"{SECRET} role", visibility="internal"
    )
    Appeal.objects.create(
        case=case, body=secret_org, level=AppealLevel.DOMESTIC_COURT,
        reference=f"{SECRET} appeal", visibility=Visibility.INTERNAL,
    )  # fmt: skip
    detention = Detention.objects.create(case=case, started_on=D(2010, 6, 1), place="Almaty")
    detention.sources.add(make_source(f"{SECRET} source", publisher=secret_org))

    for obj in (person, case):
        response = viewer_client.get(changes_url(obj))
        assert SECRET not in response.content.decode(), obj
    # The case's creation, the detention's: nothing else, so counts and pages tell nothing.
    assert response.context["page_obj"].paginator.count == 2


def test_a_row_that_named_a_confidential_row_once_stays_out_of_the_history(
    viewer_client, make_person, make_organization
):
    """A version's values were confidential when it named a confidential row, and a row
    that names one now is confidential even though it did not change."""
    from organizations.models import Affiliation

    person = make_person(visibility=Visibility.INTERNAL)
    secret_org = make_organization(f"{SECRET} org", visibility=Visibility.CONFIDENTIAL)
    moved = make_organization("Amnesty International", acronym="AI")
    before = Affiliation.objects.create(
        person=person, organization=secret_org, role_title=f"{SECRET} then", visibility="internal"
    )
    Affiliation.objects.filter(pk=before.pk).update(organization=moved, role_title="Director")
    later = make_organization("Later secret", acronym="LS")
    Affiliation.objects.create(
        person=person, organization=later, role_title=f"{SECRET} now", visibility="internal"
    )
    Organization = type(later)
    Organization.objects.filter(pk=later.pk).update(visibility=Visibility.CONFIDENTIAL)

    response = viewer_client.get(changes_url(person))
    assert SECRET not in response.content.decode()
    assert response.context["page_obj"].paginator.count == 1  # the person's own creation
