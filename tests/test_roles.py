"""Roles in the staff admin: who may edit, publish, see confidential data, archive, restore."""

import datetime
import importlib
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext

from accounts.roles import ADMINISTRATOR, CONFIDENTIAL_ACCESS, EDITOR, PUBLISHER, ROLES
from cases.models import Case, CaseSubject, Detention, Event, PublicationState, Source
from cases.services import case_transition
from core.models import Visibility
from organizations.models import Organization
from people.models import ContactDetail, Person, Relation, RelationKind
from tests.admin_helpers import AdminPage, admin_url, page_errors
from tests.conftest import SECRET
from tests.test_admin import add_records

DRAFT = PublicationState.DRAFT
IN_REVIEW = PublicationState.IN_REVIEW
PUBLISHED = PublicationState.PUBLISHED
WITHDRAWN = PublicationState.WITHDRAWN


def perms(name: str) -> set[str]:
    group = Group.objects.get(name=name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def reload(obj):
    return type(obj)._base_manager.get(pk=obj.pk)


# The groups, as the data migration creates them.


def test_the_roles_have_their_permissions(db):
    editor, publisher = perms(EDITOR), perms(PUBLISHER)
    for model in ("case", "casesubject", "detention", "statement", "source", "person"):
        app = "people" if model == "person" else "cases"
        assert {f"{app}.add_{model}", f"{app}.change_{model}", f"{app}.view_{model}"} <= editor
    assert {"organizations.change_organization", "people.add_relation"} <= editor
    assert not {p for p in editor if ".delete_" in p}
    assert "cases.publish_case" not in editor
    assert publisher == editor | {"cases.publish_case"}
    assert perms(CONFIDENTIAL_ACCESS) == {"cases.view_confidential"}
    administrator = perms(ADMINISTRATOR)
    assert {"cases.restore_archived", "cases.delete_case", "cases.publish_case"} <= administrator
    assert {"cases.view_confidential", "auth.change_user", "auth.add_group"} <= administrator


def test_the_roles_migration_is_idempotent_and_reversible(db):
    migration = importlib.import_module("accounts.migrations.0001_roles")
    state = MigrationExecutor(connection).loader.project_state(("accounts", "0001_roles"))
    editor = SimpleNamespace(connection=connection)
    before = {name: perms(name) for name in ROLES}
    migration.create_roles(state.apps, editor)
    assert {name: perms(name) for name in ROLES} == before
    migration.remove_roles(state.apps, editor)
    assert not Group.objects.filter(name__in=ROLES).exists()
    migration.create_roles(state.apps, editor)
    assert {name: perms(name) for name in ROLES} == before


# The publication workflow.


def test_an_editor_creates_edits_and_submits_a_case_for_review(staff_user):
    editor = staff_user([EDITOR])
    response = AdminPage(editor, admin_url(Case, "add")).post(
        title="Andijan refugees", slug="andijan-refugees", host_country="KG"
    )
    assert response.status_code == 302, page_errors(response)
    case = Case.objects.get(slug="andijan-refugees")
    assert case.publication_state == DRAFT

    url = admin_url(Case, "change", case.pk)
    page = editor.get(url)
    assert "Save and submit for review" in page.text
    assert "Save and publish" not in page.text
    response = AdminPage(editor, url).post(summary="Four hundred people.")
    assert response.status_code == 302, page_errors(response)

    # The checklist (cases/checklist.py) asks about a case that cites no source: checked.
    page = AdminPage(editor, url)
    page.data["_acknowledge"] = "no-sources"
    response = page.post(summary="Four hundred and thirty.", _transition=IN_REVIEW)
    assert response.status_code == 302, page_errors(response)
    assert response.url == url
    case.refresh_from_db()
    assert (case.summary, case.publication_state) == ("Four hundred and thirty.", IN_REVIEW)
    assert case.state_changed_by == editor.user
    assert case.state_changed_at is not None
    assert case.published_at is None
    page = editor.get(url)
    assert "Save and return to draft" in page.text
    assert "Save and publish" not in page.text


def test_an_editor_cannot_publish_by_any_route(staff_user, make_case):
    editor = staff_user([EDITOR])
    case = make_case(state=IN_REVIEW)
    url = admin_url(Case, "change", case.pk)

    # The state is not a form field: posting it changes nothing.
    response = AdminPage(editor, url).post(publication_state=PUBLISHED)
    assert response.status_code == 302, page_errors(response)
    assert reload(case).publication_state == IN_REVIEW

    # A forged publish button: refused with a message, and nothing else is saved either.
    response = AdminPage(editor, url).post(summary="Changed", _transition=PUBLISHED)
    assert response.status_code == 200
    assert "Only publishers can publish or withdraw a case." in response.text
    assert (reload(case).publication_state, reload(case).summary) == (IN_REVIEW, "")

    # The list action is not offered, and posting it does nothing.
    changelist = editor.get(admin_url(Case, "changelist"))
    assert "publish" not in dict(changelist.context["action_form"].fields["action"].choices)
    editor.post(admin_url(Case, "changelist"), {"action": "publish", "_selected_action": [case.pk]})
    assert reload(case).publication_state == IN_REVIEW

    with pytest.raises(PermissionDenied, match="Only publishers"):
        case_transition(case=case, to_state=PUBLISHED, user=editor.user)
    assert reload(case).publication_state == IN_REVIEW


def test_a_publisher_publishes_and_withdraws(staff_user, make_case, client):
    publisher = staff_user([PUBLISHER])
    case = make_case(state=IN_REVIEW, summary="Held in Almaty.")
    public_url = case.get_absolute_url()
    assert client.get(public_url).status_code == 404

    url = admin_url(Case, "change", case.pk)
    assert "Save and publish" in publisher.get(url).text
    page = AdminPage(publisher, url)
    page.data["_acknowledge"] = "no-sources"  # checked on the publication checklist
    response = page.post(_transition=PUBLISHED)
    assert response.status_code == 302, page_errors(response)
    case.refresh_from_db()
    assert case.publication_state == PUBLISHED
    assert case.published_at is not None
    assert case.state_changed_at == case.published_at
    assert case.state_changed_by == publisher.user
    assert client.get(public_url).status_code == 200

    response = publisher.post(
        admin_url(Case, "changelist"), {"action": "withdraw", "_selected_action": [case.pk]}
    )
    assert response.status_code == 302
    assert client.get(public_url).status_code == 404
    withdrawn = reload(case)
    assert withdrawn.publication_state == WITHDRAWN
    assert withdrawn.published_at == case.published_at  # the first publication is kept
    assert withdrawn.state_changed_at > case.state_changed_at


def test_the_workflow_refuses_skipped_steps_with_a_reason(staff_user, make_case):
    publisher = staff_user([PUBLISHER])
    draft = make_case("A draft", state=DRAFT)
    withdrawn = make_case("Withdrawn", state=WITHDRAWN)
    with pytest.raises(ValidationError, match="cannot become published"):
        case_transition(case=withdrawn, to_state=PUBLISHED, user=publisher.user)
    with pytest.raises(ValidationError, match="already draft"):
        case_transition(case=draft, to_state=DRAFT, user=publisher.user)
    page = AdminPage(publisher, admin_url(Case, "change", withdrawn.pk))
    response = page.post(_transition=PUBLISHED)
    assert response.status_code == 200
    assert "A case that is withdrawn cannot become published" in response.text
    assert reload(withdrawn).publication_state == WITHDRAWN

    # A list action is all or nothing: one case that may not move stops them all.
    ready = make_case("Ready", state=IN_REVIEW)
    publisher.post(
        admin_url(Case, "changelist"),
        {"action": "publish", "_selected_action": [ready.pk, draft.pk]},
    )
    assert reload(ready).publication_state == IN_REVIEW


def test_a_published_cases_slug_is_read_only(staff_user, make_case):
    publisher = staff_user([PUBLISHER])
    add_page = publisher.get(admin_url(Case, "add"))
    assert "slug" in add_page.context["adminform"].form.fields
    assert add_page.context["adminform"].prepopulated_fields

    case = make_case(state=IN_REVIEW)
    url = admin_url(Case, "change", case.pk)
    assert "slug" in publisher.get(url).context["adminform"].form.fields
    checked = {"no-summary", "no-sources"}
    case_transition(case=case, to_state=PUBLISHED, user=publisher.user, acknowledged=checked)
    page = publisher.get(url)
    assert "slug" not in page.context["adminform"].form.fields
    assert case.slug in page.text
    response = AdminPage(publisher, url).post(slug="a-new-address")
    assert response.status_code == 302, page_errors(response)
    assert reload(case).slug == case.slug


# Confidential access.


@pytest.fixture
def confidential_world(story, make_person):
    """The story plus what the demo keeps confidential: a relative's ties and contacts."""
    man = Person.objects.get(display_name="Toirjon Abdussamatov")
    man.visibility, man.birth_date = Visibility.INTERNAL, datetime.date(1980, 5, 17)
    man.save()
    wife = Person.objects.get(display_name=f"{SECRET} wife")
    Relation.objects.create(
        person=man, relative=wife, kind=RelationKind.SPOUSE, notes=f"{SECRET} relation"
    )
    ContactDetail.objects.create(person=wife, kind="phone", value="+7 700 000 0001")
    ContactDetail.objects.create(
        person=man, kind="phone", value="+7 700 000 0002", visibility=Visibility.INTERNAL
    )
    CaseSubject.objects.create(
        case=story, person=wife, role="witness", visibility=Visibility.CONFIDENTIAL
    )
    return SimpleNamespace(case=story, man=man, wife=wife)


def autocomplete(client, term):
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "cases", "model_name": "casesubject", "field_name": "person", "term": term},
    )
    assert response.status_code == 200
    # An option reads "name — what tells namesakes apart" (people.pickers).
    return [result["text"].split(" — ")[0] for result in response.json()["results"]]


def test_without_confidential_access_confidential_data_is_nowhere(staff_user, confidential_world):
    editor = staff_user([EDITOR])
    world = confidential_world
    wife_name = f"{SECRET} wife"

    people = editor.get(admin_url(Person, "changelist"))
    assert world.man in people.context["cl"].result_list
    assert world.wife not in people.context["cl"].result_list
    assert wife_name not in people.text
    assert autocomplete(editor, "wife") == []
    assert autocomplete(editor, "Toirjon") == ["Toirjon Abdussamatov"]

    case_page = editor.get(admin_url(Case, "change", world.case.pk))
    assert case_page.status_code == 200
    assert wife_name not in case_page.text
    assert f"{SECRET} witness" not in case_page.text  # a confidential event
    assert f"{SECRET} interview notes" not in case_page.text  # a confidential source

    person_page = editor.get(admin_url(Person, "change", world.man.pk))
    assert person_page.status_code == 200
    for hidden in ("+7 700 000 0001", "+7 700 000 0002", wife_name, f"{SECRET} relation", "1980"):
        assert hidden not in person_page.text
    form = person_page.context["adminform"].form
    assert "birth_date" not in form.fields
    assert Visibility.CONFIDENTIAL not in dict(form.fields["visibility"].choices)

    for view in ("change", "history"):
        assert editor.get(admin_url(Person, view, world.wife.pk)).status_code == 404
        assert editor.get(admin_url(Person, view, 987654)).status_code == 404  # the same answer


def test_with_confidential_access_staff_see_and_edit_everything(staff_user, confidential_world):
    reader = staff_user([EDITOR, CONFIDENTIAL_ACCESS])
    world = confidential_world
    wife_name = f"{SECRET} wife"

    people = reader.get(admin_url(Person, "changelist"))
    assert world.wife in people.context["cl"].result_list
    assert autocomplete(reader, "wife") == [wife_name]
    case_page = reader.get(admin_url(Case, "change", world.case.pk))
    assert wife_name in case_page.text
    assert f"{SECRET} witness" in case_page.text
    person_page = reader.get(admin_url(Person, "change", world.man.pk))
    for shown in ("+7 700 000 0002", wife_name, f"{SECRET} relation"):
        assert shown in person_page.text
    assert "birth_date" in person_page.context["adminform"].form.fields
    wife_page = reader.get(admin_url(Person, "change", world.wife.pk))
    assert "+7 700 000 0001" in wife_page.text
    response = AdminPage(reader, admin_url(Person, "change", world.man.pk)).post(
        visibility=Visibility.CONFIDENTIAL
    )
    assert response.status_code == 302, page_errors(response)
    assert reload(world.man).visibility == Visibility.CONFIDENTIAL


def test_saving_without_confidential_access_keeps_what_is_hidden(staff_user, confidential_world):
    editor = staff_user([EDITOR])
    world = confidential_world
    detention = Detention.objects.get(case=world.case)
    before = (set(detention.people.all()), set(detention.sources.all()))
    page = AdminPage(editor, admin_url(Case, "change", world.case.pk))
    response = page.post(summary="Edited by an editor")
    assert response.status_code == 302, page_errors(response)
    assert (set(detention.people.all()), set(detention.sources.all())) == before
    assert world.wife in before[0]
    assert Event.objects.filter(title=f"{SECRET} witness").exists()
    assert CaseSubject.objects.filter(person=world.wife).count() == 2

    response = AdminPage(editor, admin_url(Person, "change", world.man.pk)).post(sex="male")
    assert response.status_code == 302, page_errors(response)
    man = reload(world.man)
    assert (man.sex, man.birth_date) == ("male", datetime.date(1980, 5, 17))
    assert man.relations.count() == 1
    assert man.contacts.count() == 1


def test_without_confidential_access_forged_posts_are_refused(staff_user, confidential_world):
    editor = staff_user([EDITOR])
    world = confidential_world
    page = AdminPage(editor, admin_url(Case, "change", world.case.pk))
    page.add_inline(CaseSubject, person=world.wife, role="lawyer")
    response = page.post()
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not CaseSubject.objects.filter(person=world.wife, role="lawyer").exists()

    response = AdminPage(editor, admin_url(Source, "add")).post(
        title="A leaked memo", visibility=Visibility.CONFIDENTIAL
    )
    assert response.status_code == 200
    assert not Source.objects.filter(title="A leaked memo").exists()


# Archiving instead of deleting.


def test_deleting_archives_and_an_administrator_restores(staff_user, make_case, client):
    administrator = staff_user([ADMINISTRATOR])
    case = make_case()
    public_url = case.get_absolute_url()
    delete_url = admin_url(Case, "delete", case.pk)

    confirmation = administrator.get(delete_url)
    assert confirmation.status_code == 200
    assert "Archive the case" in confirmation.text
    assert "Yes, archive it" in confirmation.text
    assert "will be deleted" not in confirmation.text
    change_page = administrator.get(admin_url(Case, "change", case.pk))
    assert 'class="deletelink">Archive</a>' in change_page.text

    response = administrator.post(delete_url, {"post": "yes"})
    assert response.status_code == 302
    archived = reload(case)
    assert archived.archived_at is not None
    assert archived.publication_state == PUBLISHED
    assert client.get(public_url).status_code == 404

    changelist = admin_url(Case, "changelist")
    assert case not in administrator.get(changelist).context["cl"].result_list
    assert case in administrator.get(changelist, {"archived": "yes"}).context["cl"].result_list
    assert case in administrator.get(changelist, {"archived": "all"}).context["cl"].result_list

    response = administrator.post(
        f"{changelist}?archived=yes", {"action": "restore_selected", "_selected_action": [case.pk]}
    )
    assert response.status_code == 302
    assert reload(case).archived_at is None
    assert client.get(public_url).status_code == 200


def test_people_and_organizations_are_archived_not_deleted(
    staff_user, make_person, make_organization, client
):
    administrator = staff_user([ADMINISTRATOR])
    person, hrw = make_person(), make_organization()
    response = administrator.post(admin_url(Person, "delete", person.pk), {"post": "yes"})
    assert response.status_code == 302
    assert reload(person).archived_at is not None
    assert client.get(person.get_absolute_url()).status_code == 404

    changelist = admin_url(type(hrw), "changelist")
    actions = administrator.get(changelist).context["action_form"].fields["action"].choices
    assert "delete_selected" not in dict(actions)
    administrator.post(changelist, {"action": "archive_selected", "_selected_action": [hrw.pk]})
    assert reload(hrw).archived_at is not None

    # Archived people are no longer offered when linking someone to a case.
    assert autocomplete(administrator, "Turaev") == []


def test_only_administrators_archive_and_restore(staff_user, make_case):
    publisher = staff_user([PUBLISHER, CONFIDENTIAL_ACCESS])
    case = make_case()
    assert publisher.get(admin_url(Case, "delete", case.pk)).status_code == 403
    assert publisher.post(admin_url(Case, "delete", case.pk), {"post": "yes"}).status_code == 403
    assert reload(case).archived_at is None

    case.archive()
    changelist = admin_url(Case, "changelist")
    page = publisher.get(changelist, {"archived": "yes"})
    assert "restore_selected" not in dict(page.context["action_form"].fields["action"].choices)
    publisher.post(
        f"{changelist}?archived=yes", {"action": "restore_selected", "_selected_action": [case.pk]}
    )
    assert reload(case).archived_at is not None


def test_superusers_archive_too(admin_client, make_case):
    case = make_case()
    response = admin_client.post(admin_url(Case, "delete", case.pk), {"post": "yes"})
    assert response.status_code == 302
    assert Case.objects.filter(pk=case.pk, archived_at__isnull=False).exists()


def test_a_cascade_never_deletes_what_the_deleter_cannot_see(staff_user, confidential_world):
    editor = staff_user([EDITOR])
    editor.user.user_permissions.add(Permission.objects.get(codename="delete_source"))
    leaked = Source.objects.get(title=f"{SECRET} interview notes")
    cited = Source.objects.exclude(pk=leaked.pk).get()
    Event.objects.get(title=f"{SECRET} witness").sources.add(cited)
    url = admin_url(Source, "delete", cited.pk)
    page = editor.get(url)
    assert "Records you cannot see depend on it" in page.text
    assert f"{SECRET} witness" not in page.text
    editor.post(url, {"post": "yes"})
    assert Source.objects.filter(pk=cited.pk).exists()


def test_the_case_page_of_an_editor_runs_a_bounded_number_of_queries(
    staff_user, confidential_world
):
    editor = staff_user([EDITOR])
    world = confidential_world
    url = admin_url(Case, "change", world.case.pk)
    hrw = Organization.objects.get(acronym="HRW")
    source = Source.objects.filter(visibility=Visibility.PUBLIC).first()
    add_records(world.case, 1, world.man, hrw, source)
    editor.get(url)  # the session's first request does more
    with CaptureQueriesContext(connection) as few:
        assert editor.get(url).status_code == 200
    add_records(world.case, 6, world.wife, hrw, source)
    with CaptureQueriesContext(connection) as many:
        response = editor.get(url)
    assert len(many) == len(few)
    assert f"{SECRET} wife" not in response.text


def test_no_dropdown_offers_to_delete_a_person_or_organization(staff_user, story):
    administrator = staff_user([ADMINISTRATOR])
    statement = story.statements.get()
    page = administrator.get(admin_url(type(statement), "change", statement.pk))
    assert 'id="change_id_organization"' in page.text
    assert 'id="delete_id_organization"' not in page.text
    assert 'id="delete_id_speaker"' not in page.text
