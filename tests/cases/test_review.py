"""The publishers' review of proposed changes: queue, side-by-side page, approve, send back."""

import pytest
from django.urls import reverse

from accounts.roles import EDITOR, PUBLISHER
from cases.models import ChangeProposal, ProposalState
from tests.cases.test_proposals import NEW_SUMMARY, propose_summary, public_text

pytestmark = pytest.mark.django_db


def test_the_queue_and_the_comparison_show_the_proposal(client, story, staff_user):
    editor, publisher = staff_user([EDITOR]), staff_user([PUBLISHER])
    proposal = propose_summary(editor, story)
    assert editor.get(reverse("review-queue")).status_code == 403

    queue = publisher.get(reverse("review-queue")).content.decode()
    assert reverse("review-proposal", args=[proposal.pk]) in queue
    home = publisher.get(reverse("admin:index")).content.decode()
    assert reverse("review-queue") in home

    page = publisher.get(reverse("review-proposal", args=[proposal.pk])).content.decode()
    assert NEW_SUMMARY in page and "Twenty-nine men held in Almaty." in page
    assert 'value="approve"' in page
    current = publisher.get(reverse("review-pane", args=[proposal.pk, "current"]))
    proposed = publisher.get(reverse("review-pane", args=[proposal.pk, "proposed"]))
    assert current["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in current["Content-Security-Policy"]
    assert "Twenty-nine men held in Almaty." in current.content.decode()
    assert NEW_SUMMARY not in current.content.decode()
    assert NEW_SUMMARY in proposed.content.decode()
    # Drawing "as it would be" committed nothing.
    assert NEW_SUMMARY not in public_text(client, story)
    story.refresh_from_db()
    assert story.summary == "Twenty-nine men held in Almaty."
    # The proposer sees their own proposal's page, without the buttons.
    mine = editor.get(reverse("review-proposal", args=[proposal.pk])).content.decode()
    assert NEW_SUMMARY in mine and 'value="approve"' not in mine


def test_approve_and_send_back_from_the_page(client, story, staff_user):
    editor, publisher = staff_user([EDITOR]), staff_user([PUBLISHER])
    proposal = propose_summary(editor, story)
    url = reverse("review-proposal", args=[proposal.pk])
    assert editor.post(url, {"action": "approve"}).status_code == 403
    response = publisher.post(url, {"action": "approve"})
    assert response.status_code == 302
    assert NEW_SUMMARY in public_text(client, story)
    assert ChangeProposal.objects.get().state == ProposalState.APPROVED

    again = propose_summary(editor, story, "Another wording.")
    url = reverse("review-proposal", args=[again.pk])
    publisher.post(url, {"action": "send_back", "comment": "Cite a source."})
    again.refresh_from_db()
    assert (again.state, again.review_comment) == (ProposalState.SENT_BACK, "Cite a source.")
    assert "Another wording." not in public_text(client, story)


def test_a_refused_approval_says_what_changed(story, staff_user):
    from tests.cases.test_proposals import case_page

    editor, publisher = staff_user([EDITOR]), staff_user([PUBLISHER])
    proposal = propose_summary(editor, story)
    case_page(publisher, story).post(summary="A publisher's own words.")
    url = reverse("review-proposal", args=[proposal.pk])
    page = publisher.get(url).content.decode()
    assert "no longer applies" in page and "A publisher&#x27;s own words." in page
    response = publisher.post(url, {"action": "approve"}, follow=True)
    shown = " ".join(str(m) for m in response.context["messages"])
    assert "A publisher's own words." in shown and "nothing was changed" in shown
    assert ChangeProposal.objects.get().state == ProposalState.OPEN


def test_a_publisher_without_confidential_access_reads_nothing_confidential(story, staff_user):
    """A proposal by an editor with confidential access, who also changed a confidential
    record in the same save: the review page, its panes and the queue show none of it."""
    from accounts.roles import CONFIDENTIAL_ACCESS
    from cases.models import Case, Event
    from core.models import Visibility
    from tests.admin_helpers import AdminPage, admin_url

    editor = staff_user([EDITOR, CONFIDENTIAL_ACCESS])
    publisher = staff_user([PUBLISHER])
    page = AdminPage(editor, admin_url(Case, "change", story.pk))
    witness = Event.objects.get(case=story, visibility=Visibility.CONFIDENTIAL)
    index = list(page.formsets[Event].queryset).index(witness)
    secret = "Qconfidential moved on Tuesday"
    page.set_inline(Event, index, title=secret)
    assert page.post(summary=NEW_SUMMARY).status_code == 302
    proposal = ChangeProposal.objects.get()
    assert secret in str(proposal.data)  # kept to be applied, never shown
    for url in (
        reverse("review-queue"),
        reverse("review-proposal", args=[proposal.pk]),
        reverse("review-pane", args=[proposal.pk, "current"]),
        reverse("review-pane", args=[proposal.pk, "proposed"]),
        reverse("admin:cases_case_changes", args=[story.pk]),
    ):
        text = publisher.get(url).content.decode()
        assert secret not in text and "SECRET-MARKER witness" not in text, url
    assert (
        NEW_SUMMARY
        in publisher.get(reverse("review-proposal", args=[proposal.pk])).content.decode()
    )


def test_the_queue_runs_a_bounded_number_of_queries(
    story, staff_user, django_assert_max_num_queries
):
    publisher = staff_user([PUBLISHER])
    for _ in range(5):
        propose_summary(staff_user([EDITOR]), story)
    with django_assert_max_num_queries(12):
        few = publisher.get(reverse("review-queue"))
    for _ in range(20):
        propose_summary(staff_user([EDITOR]), story)
    with django_assert_max_num_queries(12) as many:
        response = publisher.get(reverse("review-queue"))
    assert response.content.decode().count("/admin/review/") >= 25
    assert few.status_code == 200
    print(f"review queue of 25 proposals: {len(many)} queries")
