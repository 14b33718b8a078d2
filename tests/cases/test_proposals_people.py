"""Proposed changes to the people, name variants, organizations and affiliations that a
published case shows, and to records on their own admin pages (issue 13)."""

import pytest

from accounts.roles import EDITOR, PUBLISHER
from cases.models import ChangeProposal, Detention, PublicationState
from cases.proposals import proposal_approve
from core.models import Visibility
from organizations.models import Affiliation, Organization
from people.models import NameVariant, Person
from tests.admin_helpers import AdminPage, admin_url, page_errors

pytestmark = pytest.mark.django_db


def text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_shown_person_s_name_and_spellings_wait_for_review(client, story, staff_user):
    editor, publisher = staff_user([EDITOR]), staff_user([PUBLISHER])
    man = Person.objects.get(display_name="Toirjon Abdussamatov")
    page = AdminPage(editor, admin_url(Person, "change", man.pk))
    page.add_inline(NameVariant, text="Ксилофонов", script="cyrillic", visibility="public")
    response = page.post(display_name="Toirjon Abdusamatov-Proposed")
    assert response.status_code == 302, page_errors(response)
    man.refresh_from_db()
    assert man.display_name == "Toirjon Abdussamatov"
    assert not man.name_variants.exists()
    assert "Proposed" not in text(client, f"/people/{man.slug}/")
    assert client.get("/cases/", {"q": "Ксилофонов"}).context["results"].count == 0
    proposal = ChangeProposal.objects.get()
    assert {e["field"] for e in proposal.diff} >= {"display name", "text"}

    proposal_approve(proposal=proposal, user=publisher.user)
    assert "Toirjon Abdusamatov-Proposed" in text(client, f"/people/{man.slug}/")
    assert client.get("/cases/", {"q": "Ксилофонов"}).context["results"].count == 1


def test_a_spelling_made_internal_goes_at_once(client, story, staff_user):
    man = Person.objects.get(display_name="Toirjon Abdussamatov")
    spelling = NameVariant.objects.create(person=man, text="Zephyrinus", visibility="public")
    assert client.get("/cases/", {"q": "Zephyrinus"}).context["results"].count == 1
    page = AdminPage(staff_user([EDITOR]), admin_url(Person, "change", man.pk))
    response = page.set_inline(NameVariant, 0, visibility=Visibility.INTERNAL).post()
    assert response.status_code == 302, page_errors(response)
    spelling.refresh_from_db()
    assert spelling.visibility == Visibility.INTERNAL
    assert client.get("/cases/", {"q": "Zephyrinus"}).context["results"].count == 0
    assert not ChangeProposal.objects.exists()


def test_a_person_no_published_case_shows_is_saved_at_once(story, make_person, staff_user):
    draft_person = make_person("Dilshod Rakhimov")
    story.publication_state = PublicationState.DRAFT
    story.save()
    page = AdminPage(staff_user([EDITOR]), admin_url(Person, "change", draft_person.pk))
    response = page.post(display_name="Dilshod Rakhimov-Edited")
    assert response.status_code == 302, page_errors(response)
    draft_person.refresh_from_db()
    assert draft_person.display_name == "Dilshod Rakhimov-Edited"
    assert not ChangeProposal.objects.exists()


def test_a_shown_organization_and_its_affiliations_wait(client, story, staff_user):
    editor, publisher = staff_user([EDITOR]), staff_user([PUBLISHER])
    hrw = Organization.objects.get(acronym="HRW")
    man = Person.objects.get(display_name="Toirjon Abdussamatov")
    page = AdminPage(editor, admin_url(Organization, "change", hrw.pk))
    page.add_inline(Affiliation, person=man, role_title="Researcher", visibility="public")
    response = page.post(name="Human Rights Watch-Proposed")
    assert response.status_code == 302, page_errors(response)
    hrw.refresh_from_db()
    assert hrw.name == "Human Rights Watch"
    assert not Affiliation.objects.exists()
    assert "Proposed" not in text(client, f"/organizations/{hrw.slug}/")
    proposal = ChangeProposal.objects.get()
    proposal_approve(proposal=proposal, user=publisher.user)
    assert "Human Rights Watch-Proposed" in text(client, f"/organizations/{hrw.slug}/")
    assert Affiliation.objects.get().role_title == "Researcher"

    # A public affiliation added on its own page is refused, not held (there is no row yet
    # to hold a proposal on): nothing is saved.
    response = AdminPage(editor, admin_url(Affiliation, "add")).post(
        person=man.pk, organization=hrw.pk, role_title="Director", visibility="public"
    )
    assert response.status_code == 302
    assert not Affiliation.objects.filter(role_title="Director").exists()


def test_a_record_s_own_page_holds_the_change_too(client, story, staff_user):
    editor, publisher = staff_user([EDITOR]), staff_user([PUBLISHER])
    detention = Detention.objects.get(case=story)
    page = AdminPage(editor, admin_url(Detention, "change", detention.pk))
    response = page.post(summary="Held incommunicado-Proposed.")
    assert response.status_code == 302, page_errors(response)
    detention.refresh_from_db()
    assert detention.summary == "Held for a year."
    proposal = ChangeProposal.objects.get()
    assert proposal.case is None and proposal.object_id == detention.pk
    proposal_approve(proposal=proposal, user=publisher.user)
    assert "Held incommunicado-Proposed." in text(client, f"/cases/{story.slug}/")


def test_a_person_s_and_an_organization_s_history_list_their_proposals(story, staff_user):
    from django.urls import reverse

    editor, publisher = staff_user([EDITOR]), staff_user([PUBLISHER])
    man = Person.objects.get(display_name="Toirjon Abdussamatov")
    page = AdminPage(editor, admin_url(Person, "change", man.pk))
    assert page.post(display_name="Toirjon Abdusamatov-Proposed").status_code == 302
    proposal_approve(proposal=ChangeProposal.objects.get(), user=publisher.user)
    hrw = Organization.objects.get(acronym="HRW")
    page = AdminPage(editor, admin_url(Organization, "change", hrw.pk))
    assert page.post(name="Human Rights Watch-Proposed").status_code == 302

    for obj in (man, hrw):  # one proposal approved, the other still open
        opts = obj._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changes", args=[obj.pk])
        response = publisher.get(url)
        assert response.status_code == 200
        text = response.content.decode()
        assert "proposed change" in text.lower(), obj
        assert "-Proposed" in text  # the diff
        assert editor.user.username in {entry.who for entry in response.context["entries"]}
    # Each page lists its own proposals only.
    assert (
        "Human Rights Watch-Proposed"
        not in publisher.get(reverse("admin:people_person_changes", args=[man.pk])).content.decode()
    )
