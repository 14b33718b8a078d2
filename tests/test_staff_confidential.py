"""Staff without confidential access read nothing confidential through the admin's machinery:
the edit-conflict snapshot and message, Django's history and recent actions, "view on site".
"""

import datetime
import json

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.test import RequestFactory
from django.urls import reverse

from accounts.roles import CONFIDENTIAL_ACCESS, EDITOR
from cases.models import Case, Detention
from core.confidential import confidential_fields
from core.locking import SALT
from core.models import Visibility
from people.models import ContactDetail, Person
from tests.admin_helpers import AdminPage, admin_url, form_data, page_errors
from tests.conftest import SECRET

BORN = datetime.date(1922, 2, 22)


def reload(obj):
    return type(obj)._base_manager.get(pk=obj.pk)


@pytest.fixture
def editor(staff_user):
    return staff_user([EDITOR])


@pytest.fixture
def reader(staff_user):
    """An editor with confidential access."""
    return staff_user([EDITOR, CONFIDENTIAL_ACCESS])


@pytest.fixture
def internal_person(make_person):
    """A person all staff see, whose birth date only confidential access shows."""
    return make_person(
        "Ilkhom Ismanov", visibility=Visibility.INTERNAL, birth_date=datetime.date(1970, 3, 4)
    )


def snapshots(response) -> list[tuple[object, dict]]:
    """Each form of an admin page with its decoded optimistic-lock snapshot."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += inline.formset.forms
    found = []
    for form in forms:
        if "row_state" in form.fields and form.instance.pk is not None:
            found.append((form, signing.loads(form["row_state"].value(), salt=SALT)))
    return found


# 1. The optimistic-lock snapshot.


def stored_values(instance) -> set[str]:
    return {
        text
        for field in instance._meta.concrete_fields
        if len(text := field.value_to_string(instance)) >= 4
    }


def test_the_lock_snapshot_holds_nothing_the_editor_may_not_see(editor, story, internal_person):
    Detention.objects.filter(case=story).update(summary=f"{SECRET} summary")
    case_page = editor.get(admin_url(Case, "change", story.pk))
    person_page = editor.get(admin_url(Person, "change", internal_person.pk))
    found = snapshots(case_page) + snapshots(person_page)
    assert any(isinstance(form.instance, Detention) for form, _ in found)  # inlines too
    for form, snapshot in found:
        # No confidential field (none is shown to an editor), and no stored value itself:
        # keyed digests, which no one without the secret key can test guesses against.
        assert not set(snapshot) & confidential_fields(type(form.instance))
        digests = [str(digest) for digest in snapshot.values()]
        assert not {v for v in stored_values(form.instance) if any(v in d for d in digests)}
    assert "1970" not in json.dumps([snapshot for _, snapshot in found])


def test_an_editors_save_keeps_a_birth_date_changed_meanwhile(editor, reader, internal_person):
    url = admin_url(Person, "change", internal_person.pk)
    mine = AdminPage(editor, url)
    assert AdminPage(reader, url).post(birth_date=BORN).status_code == 302

    response = mine.post(sex="male")

    assert response.status_code == 302, page_errors(response)
    person = reload(internal_person)
    assert (person.sex, person.birth_date) == ("male", BORN)


# 2. The "someone else changed this record" message.


def test_the_refusal_names_only_what_the_editor_may_see(editor, reader, internal_person):
    url = admin_url(Person, "change", internal_person.pk)
    mine = AdminPage(editor, url)
    assert AdminPage(reader, url).post(birth_date=BORN, display_name="Ilhom Ismonov").status_code
    assert reload(internal_person).birth_date == BORN

    response = mine.post(sex="male")

    assert response.status_code == 200
    assert "Someone else changed this record" in response.text
    assert "Ilhom Ismonov" in response.text  # a visible change, with its new value
    assert "1922" not in response.text
    assert "birth date" not in response.text.lower()
    assert reload(internal_person).sex != "male"


def test_a_record_made_confidential_during_the_save_is_not_described(editor, internal_person):
    """The row is read (visible) when the POST starts, and locked after someone else made it
    confidential and renamed it: the refusal must not say what it became."""
    model_admin = admin.site.get_model_admin(Person)
    request = RequestFactory().post("/")
    request.user = editor.user
    form_class = model_admin.get_form(request, internal_person, change=True)
    data = form_data(form_class(instance=internal_person))
    loaded = reload(internal_person)
    Person.objects.filter(pk=internal_person.pk).update(
        display_name=f"{SECRET} new name", visibility=Visibility.CONFIDENTIAL
    )

    form = form_class({**data, "sex": "male"}, instance=loaded)

    assert not form.is_valid()
    assert SECRET not in str(form.errors)
    assert "confidential" not in str(form.errors).lower()


# 3. Django's own history view, its button, and the recent actions of the admin index.


def test_djangos_history_view_is_ours(editor, reader, admin_client, story):
    man = Person.objects.get(display_name="Toirjon Abdussamatov")
    page = AdminPage(reader, admin_url(Person, "change", man.pk))
    page.add_inline(ContactDetail, kind="phone", value="+7 701 555 0101")
    response = page.post()
    assert response.status_code == 302, page_errors(response)
    assert ContactDetail.objects.filter(person=man, value="+7 701 555 0101").exists()
    changes = reverse("admin:people_person_changes", args=[man.pk])

    followed = editor.get(admin_url(Person, "history", man.pk), follow=True)
    assert followed.status_code == 200
    assert "701 555" not in followed.text  # Django's lists "Added contact detail “Phone: …”"
    for client in (editor, admin_client):
        response = client.get(admin_url(Person, "history", man.pk))
        assert response.status_code == 302
        assert response["Location"] == changes
    wife = Person.objects.get(display_name=f"{SECRET} wife")
    assert editor.get(admin_url(Person, "history", wife.pk)).status_code == 404


def test_the_change_form_offers_only_our_history(editor, story):
    man = Person.objects.get(display_name="Toirjon Abdussamatov")
    html = editor.get(admin_url(Person, "change", man.pk)).text
    assert reverse("admin:people_person_changes", args=[man.pk]) in html
    assert admin_url(Person, "history", man.pk) not in html
    assert html.count('class="historylink"') == 1


def test_recent_actions_leave_out_rows_made_confidential_since(
    editor, reader, make_person, django_assert_max_num_queries
):
    shown = make_person("Shown Person", visibility=Visibility.INTERNAL)
    hidden = make_person(f"{SECRET} later hidden", visibility=Visibility.INTERNAL)
    for person in (shown, hidden):
        response = AdminPage(editor, admin_url(Person, "change", person.pk)).post(sex="male")
        assert response.status_code == 302, page_errors(response)
        editor.get(response["Location"])  # shows (and uses up) the "changed" message
    Person.objects.filter(pk=hidden.pk).update(visibility=Visibility.CONFIDENTIAL)

    with django_assert_max_num_queries(12):
        index = editor.get(reverse("admin:index"))

    assert index.status_code == 200
    assert "Shown Person" in index.text
    assert SECRET not in index.text
    reader_log = reader.get(reverse("admin:index")).context["log_entries"]
    assert reader_log.filter(user=editor.user).count() == 2  # confidential access sees both


# 6. "View on site".


def view_on_site(client, obj_or_model, object_id=None):
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    content_type = ContentType.objects.get_for_model(model)
    object_id = obj_or_model.pk if object_id is None else object_id
    return client.get(f"/admin/r/{content_type.pk}/{object_id}/")


def test_view_on_site_redirects_only_to_what_the_public_sees(editor, admin_client, story):
    man = Person.objects.get(display_name="Toirjon Abdussamatov")
    response = view_on_site(editor, man)
    assert response.status_code == 302
    assert response["Location"].endswith(man.get_absolute_url())

    missing = view_on_site(editor, Person, 987654)
    assert missing.status_code == 404
    wife = Person.objects.get(display_name=f"{SECRET} wife")
    internal = Person.objects.get(display_name="Dilbek Karimov")
    internal.visibility = Visibility.INTERNAL
    internal.save()
    draft = Case.objects.create(title="A draft", slug="a-draft", host_country="KZ")
    for client in (editor, admin_client):
        for hidden in (
            view_on_site(client, wife),
            view_on_site(client, internal),
            view_on_site(client, draft),
            view_on_site(client, Person, "not-a-number"),
            view_on_site(client, Person, 10**30),
            view_on_site(client, Detention.objects.get(case=story)),  # no public page
            client.get("/admin/r/987654/1/"),
        ):
            assert (hidden.status_code, hidden.content) == (404, missing.content)
        # A NUL is refused before any view, whatever the id (core.middleware).
        assert view_on_site(client, Person, "%00").status_code == 400


def test_view_on_site_is_offered_for_public_rows_only(editor, story):
    man = Person.objects.get(display_name="Toirjon Abdussamatov")
    public_page = editor.get(admin_url(Person, "change", man.pk))
    assert 'class="viewsitelink"' in public_page.text
    man.visibility = Visibility.INTERNAL
    man.save()
    assert 'class="viewsitelink"' not in editor.get(admin_url(Person, "change", man.pk)).text
    case_page = editor.get(admin_url(Case, "change", story.pk))
    assert 'class="viewsitelink"' in case_page.text
    Case.objects.filter(pk=story.pk).update(publication_state="withdrawn")
    assert 'class="viewsitelink"' not in editor.get(admin_url(Case, "change", story.pk)).text
