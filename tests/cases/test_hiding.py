"""Hiding is immediate: what an editor takes off the public site is gone from every public
surface in the same request, the publishers are told (a real SMTP server), and the
history says who hid what and why (cases/hiding.py, cases/admin/hiding.py)."""

import datetime

import pghistory
import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.roles import CONFIDENTIAL_ACCESS, EDITOR, PUBLISHER
from cases.hiding import hide
from cases.models import (
    Case,
    CaseSubject,
    Detention,
    Hiding,
    HidingHow,
    PublicationState,
    Statement,
)
from cases.services import case_transition
from core.models import Visibility
from history.models import EVENT_MODELS
from people.models import NameVariant, Person
from tests.admin_helpers import admin_url
from tests.test_canary import START, body, build_public_world, crawl, detail_pages

D = datetime.date
QUOTE = "a human tragedy"  # the statement's words (tests/test_canary.py)
NAMES = ("Toirjon", "Abdussamatov", "Тоиржон")  # the person's names, every spelling
HOME = "/admin/"


def with_email(client, address):
    client.user.email = address
    client.user.save(update_fields=["email"])
    return client


def no_throttle(settings):
    cache.clear()
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": None}
    }  # fmt: skip


def search_count(client, **params) -> int:
    return client.get("/cases/", params).context["results"].count


@pytest.mark.django_db(transaction=True)
def test_an_editor_takes_a_record_and_a_person_off_every_public_surface_at_once(
    client, settings, staff_user, smtp_server
):
    no_throttle(settings)
    case, _org, person, _source = build_public_world()
    statement = Statement.objects.get(case=case)
    publisher = with_email(staff_user([PUBLISHER]), "publisher@example.org")
    editor = with_email(staff_user([EDITOR]), "editor@example.org")
    assert not editor.user.has_perm("cases.publish_case")

    urls = list(dict.fromkeys(START + detail_pages()))
    first = {url: client.get(url) for url in urls}
    shown = {url: r for url, r in first.items() if r.status_code == 200}
    for text in (QUOTE, *NAMES):
        assert any(text in body(r) for r in shown.values()), text
    assert search_count(client, q="tragedy") == 1
    assert search_count(client, q="Abdusamatov") == 1
    assert search_count(client, kind="statement") == 1

    response = editor.post(
        admin_url(Statement, "hide", statement.pk),
        {"how": HidingHow.WITHDRAWN, "reason": "HRW asked us to take it down"},
    )
    assert response.status_code == 302
    response = editor.post(
        admin_url(Person, "hide", person.pk),
        {"how": HidingHow.INTERNAL, "reason": "His family is at risk"},
    )
    assert response.status_code == 302

    # Every public surface, read right after the editor's requests: pages, search, feeds,
    # sitemap, exports, the API (tests/test_canary.py's crawl of every public URL).
    pages = crawl(client, START + detail_pages(), limit=len(urls) + 300)
    assert len(pages) > 30
    for url, text in pages.items():
        found = [t for t in (QUOTE, *NAMES) if t in text]
        assert not found, f"{url} still shows {found}"
    # Search by their text, counts and facets.
    assert search_count(client, q="tragedy") == 0
    assert search_count(client, q="Abdusamatov") == 0
    assert search_count(client, q="Тоиржон Абдусаматов") == 0
    assert search_count(client, kind="statement") == 0
    facets = client.get("/cases/").context["results"].facets
    kinds = {o.value: o.count for f in facets if f.param == "kind" for o in f.options}
    assert not kinds.get("statement")
    assert statement.pk not in {
        row["id"] for row in client.get("/api/statements/", {"page_size": 100}).json()["results"]
    }
    assert "toirjon" not in {
        row["slug"] for row in client.get("/api/people/", {"page_size": 100}).json()["results"]
    }
    assert client.get("/people/toirjon/").status_code == 404
    assert client.get(f"/api/statements/{statement.pk}/").status_code == 404
    # A copy kept by a browser or a cache is never confirmed: its validator is stale.
    for url, old in shown.items():
        response = client.get(url, HTTP_IF_NONE_MATCH=old["ETag"])
        assert response.status_code != 304, url
        assert not [t for t in (QUOTE, *NAMES) if t in body(response)], url

    # The publishers were told, through the SMTP server; the editor (no publisher) was not.
    assert sorted(m["To"] for m in smtp_server) == ["publisher@example.org"] * 2
    texts = [m.get_body(("plain",)).get_content() for m in smtp_server]
    assert "HRW asked us to take it down" in texts[0] and editor.user.username in texts[0]
    assert "His family is at risk" in texts[1] and "Toirjon Abdussamatov" in texts[1]
    assert smtp_server[1]["Subject"] == "Taken off the public site: Toirjon Abdussamatov"

    # The history says who hid what and why; the staff home lists it for publishers.
    history = publisher.get(admin_url(Person, "changes", person.pk)).content.decode()
    assert "Taken off the public site" in history
    assert "His family is at risk" in history and editor.user.username in history
    history = publisher.get(admin_url(Case, "changes", case.pk)).content.decode()
    assert "HRW asked us to take it down" in history
    home = publisher.get(HOME).content.decode()
    assert "Recently hidden" in home and "HRW asked us to take it down" in home
    assert "Recently hidden" not in editor.get(HOME).content.decode()


@pytest.mark.parametrize("count", [2, 30])
def test_hiding_runs_a_bounded_number_of_queries(
    staff_user,
    make_case,
    make_person,
    make_organization,
    smtp_server,
    count,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    case = make_case()
    org = make_organization()
    people = [make_person(f"Person {n}", slug=f"person-{n}") for n in range(count)]
    for person in people:
        CaseSubject.objects.create(case=case, person=person, role="detainee", visibility="public")
    for n in range(count):
        record = Detention.objects.create(
            case=case, started_on=D(2010, 1, 1) + datetime.timedelta(n), visibility="public"
        )
        record.people.set(people)
    statement = Statement.objects.create(
        case=case, organization=org, made_on=D(2011, 6, 9), quote=QUOTE, visibility="public"
    )
    for n in range(count // 10 + 1):
        with_email(staff_user([PUBLISHER]), f"publisher-{n}@example.org")
    editor = staff_user([EDITOR])
    editor.get(HOME)  # the session and permissions, as on any page before
    hiding = admin_url(Statement, "hide", statement.pk)
    with (
        django_assert_max_num_queries(22) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = editor.post(hiding, {"how": "withdrawn"})
    assert response.status_code == 302
    print(f"hiding a statement: {len(queries)} queries with {count} records")
    hiding = admin_url(Person, "hide", people[0].pk)
    with (
        django_assert_max_num_queries(22) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = editor.post(hiding, {"how": "internal"})
    assert response.status_code == 302
    print(f"hiding a person: {len(queries)} queries with {count} records")
    assert len(smtp_server) == 2 * (count // 10 + 1)
    with django_assert_max_num_queries(10):
        page = editor.get(admin_url(Person, "hide", people[1].pk))
    assert page.status_code == 200


# The service itself.


@pytest.fixture
def editor(staff_user):
    return staff_user([EDITOR]).user


def test_an_editor_withdraws_a_published_case_at_once(editor, make_case, staff_user):
    case = make_case()
    with pytest.raises(PermissionDenied):  # the publishers' own move stays theirs
        case_transition(case=case, to_state=PublicationState.WITHDRAWN, user=editor)
    hide(case, editor, how=HidingHow.WITHDRAWN, reason="Threats")
    case.refresh_from_db()
    assert case.publication_state == PublicationState.WITHDRAWN
    assert case.state_changed_by == editor
    assert not Case.objects.public().filter(pk=case.pk).exists()
    hiding = Hiding.objects.get()
    assert (hiding.case, hiding.how, hiding.reason, hiding.hidden_by) == (
        case, HidingHow.WITHDRAWN, "Threats", editor
    )  # fmt: skip
    with pytest.raises(ValidationError):
        hide(make_case("A draft", state=PublicationState.DRAFT), editor, how="withdrawn")


def test_hiding_only_ever_shows_less(editor, make_case, make_person, staff_user):
    case = make_case()
    person = make_person(visibility=Visibility.INTERNAL)
    hide(person, editor, how=HidingHow.INTERNAL)  # already hidden so: nothing to do
    assert not Hiding.objects.exists()
    with pytest.raises(PermissionDenied):  # confidential stays for confidential access
        hide(person, editor, how=HidingHow.CONFIDENTIAL)
    trusted = staff_user([EDITOR, CONFIDENTIAL_ACCESS]).user
    hide(person, trusted, how=HidingHow.CONFIDENTIAL)
    person.refresh_from_db()
    assert person.visibility == Visibility.CONFIDENTIAL
    assert Hiding.objects.get().visibility == Visibility.CONFIDENTIAL
    with pytest.raises(ValidationError):
        hide(case, editor, how=HidingHow.INTERNAL)  # a case is withdrawn
    subject = CaseSubject.objects.create(
        case=case, person=make_person("Other", slug="other"), role="detainee", visibility="public"
    )
    with pytest.raises(ValidationError):
        hide(subject, editor, how=HidingHow.WITHDRAWN)  # only statements and cases
    with pytest.raises(PermissionDenied):  # confidential rows are refused like missing ones
        hide(person, editor, how=HidingHow.INTERNAL)


def test_a_user_who_may_not_change_cannot_hide(make_person, django_user_model):
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    with pytest.raises(PermissionDenied):
        hide(make_person(), viewer, how=HidingHow.INTERNAL)


def test_a_hiding_rolled_back_leaves_nothing_and_tells_nobody(
    editor, staff_user, make_person, smtp_server, django_capture_on_commit_callbacks
):
    with_email(staff_user([PUBLISHER]), "publisher@example.org")
    person = make_person()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        hide(person, editor, how=HidingHow.INTERNAL)
        raise RuntimeError("the caller's save failed")
    assert callbacks == [] and smtp_server == []
    person.refresh_from_db()
    assert person.visibility == Visibility.PUBLIC
    assert not Hiding.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        hide(person, editor, how=HidingHow.INTERNAL)
    assert [m["To"] for m in smtp_server] == ["publisher@example.org"]


def test_the_hidden_label_covers_the_hiding_only(editor, make_person):
    """A mixed save hides part of a change and goes on writing the rest in the same
    request: only the hiding's own history events carry its label and reason."""
    person = make_person()
    variant = NameVariant.objects.create(person=person, text="Rafshan Turayev", visibility="public")
    with pghistory.context(user=editor.pk, url="/admin/people/person/1/change/"):
        hide(variant, editor, how=HidingHow.INTERNAL, reason="A wrong spelling")
        person.internal_notes = "written after the hiding"
        person.save()
    hidden = EVENT_MODELS[NameVariant].objects.filter(pgh_label="update").get()
    assert hidden.pgh_context["label"] == "hidden"
    assert hidden.pgh_context["reason"] == "A wrong spelling"
    assert hidden.pgh_context["url"] == "/admin/people/person/1/change/"
    after = EVENT_MODELS[Person].objects.filter(pgh_label="update").get()
    assert "label" not in after.pgh_context and "reason" not in after.pgh_context
    assert after.pgh_context["user"] == editor.pk


# The admin: the button, the case page's rows, the confirmation.


def test_the_button_is_offered_for_what_the_public_sees(staff_user, make_case, make_organization):
    case = make_case()
    org = make_organization()
    public = Statement.objects.create(
        case=case, organization=org, made_on=D(2011, 6, 9), quote=QUOTE, visibility="public"
    )
    internal = Statement.objects.create(
        case=case, organization=org, made_on=D(2011, 6, 10), quote="not yet", visibility="internal"
    )
    editor = staff_user([EDITOR])
    label = "Take off the public site"
    assert label in editor.get(admin_url(Statement, "change", public.pk)).content.decode()
    assert label not in editor.get(admin_url(Statement, "change", internal.pk)).content.decode()
    page = editor.get(admin_url(Case, "change", case.pk)).content.decode()
    # The case's own button, and the public statement's line (back to the case page).
    assert page.count(label) == 2
    assert admin_url(Statement, "hide", public.pk) + "?next=" in page
    assert admin_url(Statement, "hide", internal.pk) not in page
    draft = make_case("A draft", state=PublicationState.DRAFT)
    Statement.objects.filter(pk=public.pk).update(case=draft)
    assert label not in editor.get(admin_url(Case, "change", draft.pk)).content.decode()


def test_the_confirmation_offers_confidential_to_confidential_access_only(staff_user, make_person):
    person = make_person()
    url = admin_url(Person, "hide", person.pk)
    plain = staff_user([EDITOR]).get(url).content.decode()
    assert 'value="confidential"' not in plain and 'type="hidden" name="how"' in plain
    assert "It becomes: <strong>Internal (all staff)</strong>" in plain
    trusted = staff_user([EDITOR, CONFIDENTIAL_ACCESS]).get(url).content.decode()
    assert 'value="confidential"' in trusted and 'value="internal"' in trusted
    # Posting "confidential" by hand without access is refused, and nothing changes.
    response = staff_user([EDITOR]).post(url, {"how": "confidential"})
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.visibility == Visibility.PUBLIC


def test_the_confirmation_needs_change_permission_and_returns_only_to_this_site(
    staff_user, make_person, django_user_model
):
    from django.contrib.auth.models import Permission
    from django.test import Client

    person = make_person()
    url = admin_url(Person, "hide", person.pk)
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_person"))
    client = Client()
    client.force_login(viewer)
    assert client.get(admin_url(Person, "change", person.pk)).status_code == 200
    assert (
        "Take off the public site"
        not in client.get(admin_url(Person, "change", person.pk)).content.decode()
    )
    assert client.post(url, {"how": "internal"}).status_code == 403
    response = staff_user([EDITOR]).post(
        url, {"how": "internal", "next": "https://elsewhere.example/"}
    )
    assert response["Location"] == admin_url(Person, "change", person.pk)


# Who is told: publishers, and for a confidential hiding only those who may see it.


def test_a_confidential_hiding_is_told_only_to_publishers_with_confidential_access(
    staff_user, make_person, smtp_server, django_capture_on_commit_callbacks
):
    plain = with_email(staff_user([PUBLISHER]), "plain@example.org")
    trusted = with_email(staff_user([PUBLISHER, CONFIDENTIAL_ACCESS]), "trusted@example.org")
    with_email(staff_user([EDITOR, CONFIDENTIAL_ACCESS]), "editor@example.org")
    person = make_person("Gulnara Karimova", slug="gulnara")
    with django_capture_on_commit_callbacks(execute=True):
        hide(person, trusted.user, how=HidingHow.CONFIDENTIAL, reason="Her address leaked")
    assert [m["To"] for m in smtp_server] == ["trusted@example.org"]
    assert "Gulnara Karimova" in trusted.get(HOME).content.decode()
    home = plain.get(HOME).content.decode()
    assert "Gulnara" not in home and "Her address leaked" not in home
    assert "Nothing was taken off the public site lately." in home


def test_the_record_lists_make_internal_is_a_hiding_too(
    staff_user, make_case, smtp_server, django_capture_on_commit_callbacks
):
    case = make_case()
    records = [
        Detention.objects.create(case=case, started_on=D(2010, 1, n + 1), visibility="public")
        for n in range(3)
    ]
    with_email(staff_user([PUBLISHER]), "publisher@example.org")
    editor = staff_user([EDITOR])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            admin_url(Detention, "changelist"),
            {"action": "make_internal", "_selected_action": [r.pk for r in records]},
            follow=True,
        )
    shown = [str(m) for m in response.context["messages"]]
    assert shown == ["3 records are now internal (all staff)."]
    assert Hiding.objects.filter(hidden_by=editor.user).count() == 3
    [message] = smtp_server  # one message for the three
    assert message["Subject"] == "Taken off the public site: 3 rows"
    assert message.get_body(("plain",)).get_content().count("Detention from") == 3


def test_a_public_spelling_is_taken_off_from_its_line_on_the_person_s_page(
    client, story, staff_user
):
    man = Person.objects.get(display_name="Toirjon Abdussamatov")
    public = NameVariant.objects.create(person=man, text="Zephyrinus", visibility="public")
    internal = NameVariant.objects.create(person=man, text="Quillon", visibility="internal")
    assert client.get("/cases/", {"q": "Zephyrinus"}).context["results"].count == 1
    editor = staff_user([EDITOR])
    person_page = admin_url(Person, "change", man.pk)
    page = editor.get(person_page).content.decode()
    link = admin_url(NameVariant, "hide", public.pk) + "?next="
    assert link in page
    assert admin_url(NameVariant, "hide", internal.pk) not in page

    response = editor.post(
        admin_url(NameVariant, "hide", public.pk) + f"?next={person_page}",
        {"how": "internal", "reason": "A wrong spelling"},
    )
    assert response.status_code == 302 and response["Location"] == person_page
    public.refresh_from_db()
    assert public.visibility == Visibility.INTERNAL
    assert client.get("/cases/", {"q": "Zephyrinus"}).context["results"].count == 0
    assert link not in editor.get(person_page).content.decode()
