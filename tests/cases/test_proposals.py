"""Proposed changes (issue 13): what an editor changes on published data waits for a
publisher; the live tables, and so every public surface, keep the approved state."""

import datetime

import pytest

from accounts.roles import EDITOR, PUBLISHER
from cases.models import Case, ChangeProposal, Detention, ProposalState
from cases.proposals import ProposalRefused, proposal_approve, proposal_send_back
from core.models import Visibility
from tests.admin_helpers import AdminPage, admin_url, page_errors

pytestmark = pytest.mark.django_db
NEW_SUMMARY = "Families say the men were beaten: Zqx proposed summary."


def public_text(client, case) -> str:
    return client.get(f"/cases/{case.slug}/").content.decode()


def case_page(staff, case) -> AdminPage:
    return AdminPage(staff, admin_url(Case, "change", case.pk))


def propose_summary(editor, case, summary=NEW_SUMMARY):
    response = case_page(editor, case).post(summary=summary)
    assert response.status_code == 302, page_errors(response)
    return ChangeProposal.objects.get(case=case, proposed_by=editor.user, state="open")


def test_an_editor_s_change_to_a_published_case_waits_for_review(client, story, staff_user):
    editor = staff_user([EDITOR])
    before = public_text(client, story)
    proposal = propose_summary(editor, story)

    story.refresh_from_db()
    assert story.summary == "Twenty-nine men held in Almaty."
    assert public_text(client, story) == before
    assert client.get("/cases/", {"q": "beaten"}).context["results"].count == 0
    assert proposal.diff == [
        {
            "key": f"cases.case:{story.pk}",
            "object": f"Case: {story.title}",
            "field": "summary",
            "before": "Twenty-nine men held in Almaty.",
            "after": NEW_SUMMARY,
            "kind": "changed",
        }
    ]
    # Staff see it on the case, with who proposed it; the editor's form shows it.
    page = editor.get(admin_url(Case, "change", story.pk))
    shown = [str(m) for m in page.context["messages"]]
    assert any(f"Proposed by {editor.user.username}" in m for m in shown), shown
    assert page.context["adminform"].form["summary"].value() == NEW_SUMMARY
    publisher = staff_user([PUBLISHER])
    page = publisher.get(admin_url(Case, "change", story.pk))
    assert any("waiting for review" in str(m) for m in page.context["messages"])
    assert page.context["adminform"].form["summary"].value() == story.summary


def test_editing_again_edits_the_same_proposal(story, staff_user):
    editor = staff_user([EDITOR])
    first = propose_summary(editor, story)
    second = propose_summary(editor, story, "Second wording.")
    assert first.pk == second.pk
    assert second.diff[0]["after"] == "Second wording."
    assert ChangeProposal.objects.filter(state="open").count() == 1


def test_internal_only_changes_and_hiding_are_saved_at_once(client, story, staff_user):
    editor = staff_user([EDITOR])
    response = case_page(editor, story).post(internal_notes="Call the lawyer on Monday.")
    assert response.status_code == 302, page_errors(response)
    story.refresh_from_db()
    assert story.internal_notes == "Call the lawyer on Monday."
    assert not ChangeProposal.objects.exists()

    detention = Detention.objects.get(case=story)
    page = case_page(editor, story)
    index = list(page.formsets[Detention].queryset).index(detention)
    response = page.set_inline(Detention, index, visibility=Visibility.INTERNAL).post()
    assert response.status_code == 302, page_errors(response)
    detention.refresh_from_db()
    assert detention.visibility == Visibility.INTERNAL
    assert "Held for a year." not in public_text(client, story)
    assert not ChangeProposal.objects.exists()


def test_a_record_made_public_or_edited_on_a_published_case_waits(client, story, staff_user):
    editor = staff_user([EDITOR])
    detention = Detention.objects.get(case=story)
    page = case_page(editor, story)
    index = list(page.formsets[Detention].queryset).index(detention)
    response = page.set_inline(Detention, index, summary="Zqx held incommunicado.").post()
    assert response.status_code == 302, page_errors(response)
    detention.refresh_from_db()
    assert detention.summary == "Held for a year."
    assert "incommunicado" not in public_text(client, story)
    proposal = ChangeProposal.objects.get()
    assert [(e["object"], e["field"]) for e in proposal.diff] == [
        (f"Detention: {detention}", "summary")
    ]


def test_publishers_own_edits_go_live(client, story, staff_user):
    publisher = staff_user([PUBLISHER])
    response = case_page(publisher, story).post(summary=NEW_SUMMARY)
    assert response.status_code == 302, page_errors(response)
    assert NEW_SUMMARY in public_text(client, story)
    assert not ChangeProposal.objects.exists()


def test_approval_applies_the_whole_proposal(client, story, staff_user):
    editor, publisher = staff_user([EDITOR]), staff_user([PUBLISHER])
    proposal = propose_summary(editor, story)
    proposal_approve(proposal=proposal, user=publisher.user)
    proposal.refresh_from_db()
    assert (proposal.state, proposal.reviewed_by) == (ProposalState.APPROVED, publisher.user)
    assert NEW_SUMMARY in public_text(client, story)
    assert client.get("/cases/", {"q": "beaten"}).context["results"].count == 1


def test_a_proposal_whose_base_changed_is_refused_with_what_changed(client, story, staff_user):
    editor, publisher = staff_user([EDITOR]), staff_user([PUBLISHER])
    proposal = propose_summary(editor, story)
    # The publisher edits the same case directly meanwhile.
    response = case_page(publisher, story).post(title="Uzbek men extradited from Almaty")
    assert response.status_code == 302, page_errors(response)
    with pytest.raises(ProposalRefused) as refused:
        proposal_approve(proposal=proposal, user=publisher.user)
    assert "Uzbek men extradited from Almaty" in " ".join(refused.value.messages)
    story.refresh_from_db()
    assert (story.title, story.summary) == ("Uzbek men extradited from Almaty", story.summary)
    assert NEW_SUMMARY not in public_text(client, story)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.OPEN


def test_sending_back_applies_nothing(client, story, staff_user):
    editor, publisher = staff_user([EDITOR]), staff_user([PUBLISHER])
    proposal = propose_summary(editor, story)
    proposal_send_back(proposal=proposal, user=publisher.user, comment="Remove the address.")
    proposal.refresh_from_db()
    assert (proposal.state, proposal.review_comment) == ("sent_back", "Remove the address.")
    assert NEW_SUMMARY not in public_text(client, story)
    with pytest.raises(ProposalRefused):
        proposal_approve(proposal=proposal, user=publisher.user)


def test_the_record_list_action_may_not_make_a_published_case_s_record_public(story, staff_user):
    editor = staff_user([EDITOR])
    hidden = Detention.objects.create(
        case=story, started_on=story.created_at.date(), summary="Zqx moved to Taraz."
    )
    response = editor.post(
        admin_url(Detention, "changelist"),
        {"action": "make_public", "_selected_action": [hidden.pk]},
        follow=True,
    )
    assert response.status_code == 200
    hidden.refresh_from_db()
    assert hidden.visibility == Visibility.INTERNAL
    assert any("waits for a publisher" in str(m) for m in response.context["messages"])
    # Making it internal again (hiding) is never held.
    shown = Detention.objects.get(case=story, visibility=Visibility.PUBLIC)
    editor.post(
        admin_url(Detention, "changelist"),
        {"action": "make_internal", "_selected_action": [shown.pk]},
    )
    shown.refresh_from_db()
    assert shown.visibility == Visibility.INTERNAL


def test_a_mixed_save_hides_at_once_and_holds_the_rest(client, story, staff_user):
    editor, publisher = staff_user([EDITOR]), staff_user([PUBLISHER])
    detention = Detention.objects.get(case=story)
    page = case_page(editor, story)
    index = list(page.formsets[Detention].queryset).index(detention)
    page.set_inline(Detention, index, visibility=Visibility.INTERNAL)
    response = page.post(summary=NEW_SUMMARY)
    assert response.status_code == 302, page_errors(response)
    detention.refresh_from_db()
    assert detention.visibility == Visibility.INTERNAL
    text = public_text(client, story)
    assert "Held for a year." not in text and NEW_SUMMARY not in text
    proposal = ChangeProposal.objects.get()
    assert [e["field"] for e in proposal.diff] == ["summary"]
    # The rest still applies: the hiding changed the row's snapshot in the kept form.
    proposal_approve(proposal=proposal, user=publisher.user)
    text = public_text(client, story)
    assert NEW_SUMMARY in text and "Held for a year." not in text


def test_a_proposal_on_a_changed_base_no_longer_fills_the_form(story, staff_user):
    editor, publisher = staff_user([EDITOR]), staff_user([PUBLISHER])
    propose_summary(editor, story)
    case_page(publisher, story).post(title="Uzbek men extradited from Almaty")
    response = editor.get(admin_url(Case, "change", story.pk))
    shown = " ".join(str(m) for m in response.context["messages"])
    assert "has changed since" in shown and "Uzbek men extradited from Almaty" in shown
    assert response.context["adminform"].form["summary"].value() == story.summary
    # Saving again replaces the proposal with one on the current version.
    proposal = propose_summary(editor, story, "Newer wording.")
    assert ChangeProposal.objects.filter(state="open").count() == 1
    proposal_approve(proposal=proposal, user=publisher.user)
    story.refresh_from_db()
    assert (story.title, story.summary) == ("Uzbek men extradited from Almaty", "Newer wording.")


def test_the_proposer_reads_why_it_was_sent_back(story, staff_user):
    editor, publisher = staff_user([EDITOR]), staff_user([PUBLISHER])
    proposal = propose_summary(editor, story)
    proposal_send_back(proposal=proposal, user=publisher.user, comment="Remove the address.")
    response = editor.get(admin_url(Case, "change", story.pk))
    assert any("Remove the address." in str(m) for m in response.context["messages"])


def test_the_case_history_records_the_proposal_its_review_and_who(story, staff_user):
    from django.urls import reverse

    editor, publisher = staff_user([EDITOR]), staff_user([PUBLISHER])
    proposal = propose_summary(editor, story)
    proposal_approve(proposal=proposal, user=publisher.user)
    response = publisher.get(reverse("admin:cases_case_changes", args=[story.pk]))
    assert response.status_code == 200
    entries = list(response.context["entries"])
    text = response.content.decode()
    assert "proposed change" in text.lower() and "Approved" in text
    assert NEW_SUMMARY in text  # the diff, and the summary's own change
    whos = {entry.who for entry in entries}
    assert {editor.user.username, publisher.user.username} <= whos
    # The applied change names the proposal and its author in its context.
    from history.models import EVENT_MODELS

    applied = EVENT_MODELS[Case].objects.filter(pgh_obj=story, summary=NEW_SUMMARY).get()
    assert applied.pgh_context["proposal"] == proposal.pk
    assert applied.pgh_context["proposed_by"] == editor.user.pk
    assert applied.pgh_context["user"] == publisher.user.pk


def test_a_refusal_quotes_no_confidential_value_to_a_publisher_without_access(story, staff_user):
    from accounts.roles import CONFIDENTIAL_ACCESS
    from cases.models import Event
    from tests.conftest import SECRET

    editor = staff_user([EDITOR, CONFIDENTIAL_ACCESS])
    publisher = staff_user([PUBLISHER])
    proposal = propose_summary(editor, story)
    Event.objects.filter(case=story, visibility=Visibility.CONFIDENTIAL).update(
        title=f"{SECRET} moved to another flat"
    )
    with pytest.raises(ProposalRefused) as refused:
        proposal_approve(proposal=proposal, user=publisher.user)
    message = " ".join(refused.value.messages)
    assert SECRET not in message and "Send it back" in message
    assert proposal.proposed_by == editor.user


def test_another_editor_reads_that_a_proposal_waits_without_a_link_they_may_not_open(
    story, staff_user
):
    propose_summary(staff_user([EDITOR]), story)
    other = staff_user([EDITOR])
    messages = [str(m) for m in other.get(admin_url(Case, "change", story.pk)).context["messages"]]
    assert any("waiting for review" in m and "<a " not in m for m in messages), messages


def test_a_mixed_save_writes_its_internal_part_now_and_holds_the_rest(client, story, staff_user):
    editor, publisher = staff_user([EDITOR]), staff_user([PUBLISHER])
    detention = Detention.objects.get(case=story)
    internal = Detention.objects.create(
        case=story, started_on=datetime.date(2010, 3, 1), summary="Internal.", visibility="internal"
    )
    page = case_page(editor, story)
    rows = list(page.formsets[Detention].queryset)
    page.set_inline(Detention, rows.index(internal), summary="Internal, corrected.")
    response = page.post(summary=NEW_SUMMARY, internal_notes="Call the lawyer on Monday.")
    assert response.status_code == 302, page_errors(response)
    story.refresh_from_db()
    internal.refresh_from_db()
    # What the public does not see is written at once; the rest waits.
    assert story.internal_notes == "Call the lawyer on Monday."
    assert internal.summary == "Internal, corrected."
    assert story.summary != NEW_SUMMARY and NEW_SUMMARY not in public_text(client, story)
    proposal = ChangeProposal.objects.get()
    assert [entry["after"] for entry in proposal.diff] == [NEW_SUMMARY]

    # Approving the rest is not refused for what this same save wrote.
    proposal_approve(proposal=proposal, user=publisher.user)
    story.refresh_from_db()
    detention.refresh_from_db()
    assert (story.summary, story.internal_notes) == (NEW_SUMMARY, "Call the lawyer on Monday.")
    assert detention.summary == "Held for a year."
    assert NEW_SUMMARY in public_text(client, story)
