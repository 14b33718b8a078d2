"""The check before publishing: the checklist, its one-click fixes, acknowledgements in the
history, list actions, and nothing confidential for staff without confidential access."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.roles import CONFIDENTIAL_ACCESS, EDITOR, PUBLISHER
from cases.checklist import publication_checklist, row_ref
from cases.models import (
    Acknowledgement,
    Case,
    Detention,
    Event,
    EventKind,
    PublicationState,
    Source,
)
from cases.services import ChecklistOpen, case_transition, set_visibility
from core.models import Visibility
from history.models import EVENT_MODELS
from tests.admin_helpers import AdminPage, admin_url, page_errors
from tests.test_admin import add_records

D = datetime.date
IN_REVIEW, PUBLISHED = PublicationState.IN_REVIEW, PublicationState.PUBLISHED
CANARY = "Wkz7Leak"


def reload(obj):
    return type(obj)._base_manager.get(pk=obj.pk)


@pytest.fixture
def lone_detention(make_case):
    """A case in review whose only record, a detention, was left internal; no sources."""
    case = make_case("Two Tajik asylum seekers", state=IN_REVIEW, summary="Held in Moscow.")
    detention = Detention.objects.create(
        case=case, started_on=D(2024, 3, 1), started_on_precision="month", summary="Detained."
    )
    return case, detention


def keys(items) -> set[str]:
    return {item.key for item in items}


def checklist_page(client, case):
    url = admin_url(Case, "change", case.pk) + f"?_checklist={PUBLISHED}"
    return client.get(url), url


def test_publishing_an_internal_only_detention_without_sources_is_stopped(
    staff_user, lone_detention
):
    publisher = staff_user([PUBLISHER])
    case, detention = lone_detention
    url = admin_url(Case, "change", case.pk)

    response = AdminPage(publisher, url).post(_transition=PUBLISHED)
    assert response.status_code == 302, page_errors(response)
    assert response.url == f"{url}?_checklist={PUBLISHED}"
    assert reload(case).publication_state == IN_REVIEW  # saved, not moved
    page = publisher.get(response.url)
    assert "is not published yet" in page.text
    assert "Before you publish" in page.text
    assert "Detention, March 2024: Detained. (internal)" in page.text
    assert "No public record of the case cites a public source." in page.text
    assert 'value="I have checked this"' not in page.text  # a label, not a button
    assert f'name="_acknowledge" value="not-public:{row_ref(Detention, detention.pk)}"' in (
        page.text
    )

    # The list action refuses it too, and says which case and why.
    response = publisher.post(
        admin_url(Case, "changelist"),
        {"action": "publish", "_selected_action": [case.pk]},
        follow=True,
    )
    assert "No case was changed." in response.text
    assert "Two Tajik asylum seekers" in response.text
    assert "Records the public will not see (1)" in response.text
    assert reload(case).publication_state == IN_REVIEW


def test_acknowledging_every_item_publishes_and_the_history_says_who(staff_user, lone_detention):
    publisher = staff_user([PUBLISHER])
    case, detention = lone_detention
    page, url = checklist_page(publisher, case)
    items = [item for group in page.context["checklist_groups"] for item in group.items]
    assert keys(items) == {"no-sources", f"not-public:{row_ref(Detention, detention.pk)}"}

    # One item left unticked: still not published.
    form = AdminPage(publisher, url)
    form.data["_acknowledge"] = ["no-sources"]
    response = form.post(_transition=PUBLISHED)
    assert response.status_code == 302
    assert reload(case).publication_state == IN_REVIEW
    assert not Acknowledgement.objects.exists()

    form = AdminPage(publisher, url)
    form.data["_acknowledge"] = [item.key for item in items]
    response = form.post(_transition=PUBLISHED)
    assert response.status_code == 302, page_errors(response)
    assert response.url == admin_url(Case, "change", case.pk)
    assert reload(case).publication_state == PUBLISHED
    acknowledged = Acknowledgement.objects.filter(case=case)
    assert {(a.key, a.acknowledged_by, a.moved_to) for a in acknowledged} == {
        (item.key, publisher.user, PUBLISHED) for item in items
    }
    events = EVENT_MODELS[Acknowledgement].objects.filter(case_id=case.pk)
    assert {e.pgh_context["user"] for e in events} == {publisher.user.pk}

    history = publisher.get(admin_url(Case, "changes", case.pk))
    assert history.status_code == 200
    text = history.content.decode()
    assert "Checklist acknowledgement" in text
    assert "Detention, March 2024: Detained. (internal)" in text
    assert publisher.user.get_username() in text


def test_make_public_makes_the_record_public(staff_user, lone_detention):
    publisher = staff_user([PUBLISHER])
    case, detention = lone_detention
    _page, url = checklist_page(publisher, case)
    ref = row_ref(Detention, detention.pk)
    response = AdminPage(publisher, url).post(_make_public=ref)
    assert response.status_code == 302, page_errors(response)
    assert response.url == f"{admin_url(Case, 'change', case.pk)}?_checklist={PUBLISHED}"
    assert reload(detention).visibility == Visibility.PUBLIC
    assert reload(case).publication_state == IN_REVIEW
    event = EVENT_MODELS[Detention].objects.filter(pgh_obj_id=detention.pk).latest("pgh_id")
    assert (event.pgh_label, event.visibility) == ("update", Visibility.PUBLIC)
    assert event.pgh_context["user"] == publisher.user.pk

    # Now public, it cites no public source: that item, with its own one-click fix.
    source = Source.objects.create(title="Memorial report", visibility=Visibility.INTERNAL)
    detention.sources.add(source)
    page = publisher.get(response.url)
    items = {i.key: i for g in page.context["checklist_groups"] for i in g.items}
    assert f"not-public:{ref}" not in items
    assert items[f"no-public-source:{ref}"].fix == (row_ref(Source, source.pk),)
    AdminPage(publisher, response.url).post(_make_public=row_ref(Source, source.pk))
    assert reload(source).visibility == Visibility.PUBLIC


def test_make_public_refuses_a_record_changed_since_the_page_was_drawn(staff_user, lone_detention):
    publisher = staff_user([PUBLISHER, CONFIDENTIAL_ACCESS])
    case, detention = lone_detention
    _page, url = checklist_page(publisher, case)
    form = AdminPage(publisher, url)
    # A colleague makes it confidential meanwhile: one click must not publish it.
    Detention.objects.filter(pk=detention.pk).update(visibility=Visibility.CONFIDENTIAL)
    response = form.post(_make_public=row_ref(Detention, detention.pk))
    assert response.status_code == 200
    assert "Someone else changed this record" in response.text
    assert reload(detention).visibility == Visibility.CONFIDENTIAL


def test_a_confidential_record_never_reaches_the_checklist_of_staff_without_access(
    staff_user, lone_detention, make_person
):
    case, detention = lone_detention
    publisher = staff_user([PUBLISHER])
    before, _url = checklist_page(publisher, case)
    before_items = [(i.key, i.text) for g in before.context["checklist_groups"] for i in g.items]

    secret = Detention.objects.create(
        case=case,
        started_on=D(2024, 4, 1),
        place=f"{CANARY} place",
        summary=f"{CANARY} summary",
        visibility=Visibility.CONFIDENTIAL,
    )
    hidden_person = make_person(f"{CANARY} informant", visibility=Visibility.CONFIDENTIAL)
    hidden_source = Source.objects.create(title=f"{CANARY} notes", visibility="confidential")
    detention.people.add(hidden_person)  # a link to a confidential person, not a subject
    detention.sources.add(hidden_source)

    page, url = checklist_page(publisher, case)
    assert CANARY not in page.content.decode()
    after_items = [(i.key, i.text) for g in page.context["checklist_groups"] for i in g.items]
    assert after_items == before_items  # no count, no item, nothing that differs
    items = publication_checklist(case, publisher.user)
    assert [(i.key, i.text) for i in items] == before_items

    form = AdminPage(publisher, url)
    form.data["_acknowledge"] = [key for key, _text in before_items]
    response = form.post(_transition=PUBLISHED, follow=True)
    assert CANARY not in response.content.decode()
    assert reload(case).publication_state == PUBLISHED
    assert reload(secret).visibility == Visibility.CONFIDENTIAL  # still off the public site

    # Staff with access see the confidential record and acknowledge it; the history then
    # shows that acknowledgement to them only.
    reader = staff_user([PUBLISHER, CONFIDENTIAL_ACCESS])
    case_transition(case=case, to_state=PublicationState.WITHDRAWN, user=reader.user)
    items = publication_checklist(case, reader.user)
    secret_key = f"not-public:{row_ref(Detention, secret.pk)}"
    assert secret_key in keys(items)
    assert next(i for i in items if i.key == secret_key).confidential
    assert not any(i.fix for i in items if i.key == secret_key)  # never one click
    case_transition(case=case, to_state=IN_REVIEW, user=reader.user, acknowledged=keys(items))
    assert Acknowledgement.objects.get(key=secret_key).visibility == Visibility.CONFIDENTIAL
    assert CANARY in reader.get(admin_url(Case, "changes", case.pk)).content.decode()
    history = publisher.get(admin_url(Case, "changes", case.pk))
    assert history.status_code == 200
    assert CANARY not in history.content.decode()


def test_the_checklist_lists_each_kind_of_mistake(
    admin_user, make_case, make_person, make_source, make_subject
):
    case = make_case(state=IN_REVIEW, summary="  ")
    subject = make_person("Rustam Nazarov", visibility=Visibility.INTERNAL)
    stranger = make_person("Rustam Nazarov-Rustamnazarov")
    make_subject(case, subject)  # a public role, a person who is not public
    undated = make_source("Statement", published_on=None)
    event = Event.objects.create(
        case=case,
        kind=EventKind.HEARING,
        title="Hearing",
        started_on=datetime.date.today() + datetime.timedelta(days=400),
        visibility=Visibility.PUBLIC,
    )
    event.people.add(stranger)
    event.sources.add(undated)
    found = keys(publication_checklist(case, admin_user))
    assert found == {
        "no-summary",
        f"not-subject:{stranger.pk}",
        f"no-public-name:{subject.pk}",
        f"source:{undated.pk}",
        f"future:{row_ref(Event, event.pk)}:started_on",
    }


def test_an_editor_submitting_for_review_sees_the_checklist_too(staff_user, make_case):
    editor = staff_user([EDITOR])
    case = make_case(state=PublicationState.DRAFT)
    url = admin_url(Case, "change", case.pk)
    response = AdminPage(editor, url).post(_transition=IN_REVIEW)
    assert response.url == f"{url}?_checklist={IN_REVIEW}"
    assert reload(case).publication_state == PublicationState.DRAFT
    response = AdminPage(editor, url).post(summary="Held in Moscow.", _transition=IN_REVIEW)
    assert reload(case).publication_state == PublicationState.DRAFT  # still no source
    with pytest.raises(ChecklistOpen, match="The public page will cite no source"):
        case_transition(case=case, to_state=IN_REVIEW, user=editor.user)
    case_transition(case=case, to_state=IN_REVIEW, user=editor.user, acknowledged={"no-sources"})
    assert reload(case).publication_state == IN_REVIEW


@pytest.mark.parametrize("count", [1, 34])  # 6 and 204 records, each naming and citing
def test_the_checklist_runs_a_fixed_number_of_queries(
    admin_user, make_case, make_person, make_organization, make_source, count,
    django_assert_max_num_queries,
):  # fmt: skip
    case = make_case(state=IN_REVIEW)
    add_records(case, count, make_person(), make_organization(), make_source())
    with django_assert_max_num_queries(10):
        items = publication_checklist(case, admin_user)
    assert len(items) > count


# Several records' visibility at once.


def test_set_visibility_keeps_confidential_an_explicit_choice(staff_user, lone_detention):
    editor = staff_user([EDITOR])
    case, detention = lone_detention
    with pytest.raises(PermissionDenied, match="confidential access"):
        set_visibility(records=[detention], visibility=Visibility.CONFIDENTIAL, user=editor.user)
    secret = Detention.objects.create(
        case=case, started_on=D(2024, 1, 1), visibility="confidential"
    )
    with pytest.raises(PermissionDenied, match="no longer exist"):
        set_visibility(records=[detention, secret], visibility="public", user=editor.user)
    assert reload(detention).visibility == Visibility.INTERNAL  # all or nothing
    with pytest.raises(ValidationError, match="changed the visibility"):
        set_visibility(
            records=Detention.objects.filter(case=case),
            visibility="public",
            user=staff_user([EDITOR, CONFIDENTIAL_ACCESS]).user,
            expected=Visibility.INTERNAL,
        )
    assert set_visibility(records=[detention], visibility="public", user=editor.user) == 1
    event = EVENT_MODELS[Detention].objects.filter(pgh_obj_id=detention.pk).latest("pgh_id")
    assert event.pgh_context["user"] == editor.user.pk  # outside a request too


def test_a_form_drawn_before_set_visibility_is_refused_not_overwriting(staff_user, lone_detention):
    editor = staff_user([EDITOR])
    _case, detention = lone_detention
    page = AdminPage(editor, admin_url(Detention, "change", detention.pk))
    set_visibility(records=[detention], visibility="public", user=editor.user)
    response = page.post(summary="Detained in March.")
    assert response.status_code == 200
    assert "Someone else changed this record" in response.text
    assert (reload(detention).visibility, reload(detention).summary) == ("public", "Detained.")


def test_record_lists_make_selected_records_public_or_internal(staff_user, lone_detention):
    editor = staff_user([EDITOR])
    case, detention = lone_detention
    other = Detention.objects.create(case=case, started_on=D(2024, 5, 1))
    changelist = admin_url(Detention, "changelist")
    response = editor.post(
        changelist,
        {"action": "make_public", "_selected_action": [detention.pk, other.pk]},
        follow=True,
    )
    assert "2 records are now public." in response.text
    assert {reload(detention).visibility, reload(other).visibility} == {"public"}
    editor.post(changelist, {"action": "make_internal", "_selected_action": [other.pk]})
    assert reload(other).visibility == Visibility.INTERNAL

    # A selection holding a confidential record is refused whole, for staff who see it.
    reader = staff_user([EDITOR, CONFIDENTIAL_ACCESS])
    secret = Detention.objects.create(
        case=case, started_on=D(2024, 1, 1), visibility="confidential"
    )
    response = reader.post(
        changelist,
        {"action": "make_public", "_selected_action": [other.pk, secret.pk]},
        follow=True,
    )
    assert "No record was changed" in response.text
    assert (reload(other).visibility, reload(secret).visibility) == ("internal", "confidential")
