"""Proposals against each other and against direct edits; approving many records at once."""

import threading

import pytest
from django.db import connection

from accounts.roles import EDITOR, PUBLISHER
from cases.models import Case, CaseSource, ChangeProposal, Detention, ProposalState
from cases.proposals import ProposalRefused, proposal_approve
from core.models import Visibility
from tests.admin_helpers import AdminPage, admin_url, page_errors
from tests.cases.test_caseform import CASE_FORM_QUERIES, make_records


def case_page(staff, case) -> AdminPage:
    return AdminPage(staff, admin_url(Case, "change", case.pk))


def detention_index(page, detention) -> int:
    return list(page.formsets[Detention].queryset).index(detention)


@pytest.mark.django_db
def test_two_proposals_on_one_case_the_later_is_refused_whole(story, staff_user):
    first, second = staff_user([EDITOR]), staff_user([EDITOR])
    publisher = staff_user([PUBLISHER])
    detention = Detention.objects.get(case=story)
    assert case_page(first, story).post(summary="First editor's summary.").status_code == 302
    page = case_page(second, story)
    page.set_inline(Detention, detention_index(page, detention), summary="Second's detention.")
    assert page.post(charges="Second editor's charges.").status_code == 302
    one, two = ChangeProposal.objects.order_by("pk")

    proposal_approve(proposal=one, user=publisher.user)
    with pytest.raises(ProposalRefused) as refused:
        proposal_approve(proposal=two, user=publisher.user)
    assert "First editor's summary." in " ".join(refused.value.messages)
    story.refresh_from_db()
    detention.refresh_from_db()
    # Nothing lost of the first, nothing of the second half-applied.
    assert (story.summary, story.charges) == ("First editor's summary.", "")
    assert detention.summary == "Held for a year."
    two.refresh_from_db()
    assert two.state == ProposalState.OPEN


@pytest.mark.django_db(transaction=True)
def test_a_proposal_racing_a_publisher_s_direct_edit(story, staff_user):
    """Approval and a direct save of the same case at the same moment: the row locks put
    one after the other, and the later is refused with what changed; the case holds the
    winner's change whole."""
    editor, publisher, other = (
        staff_user([EDITOR]),
        staff_user([PUBLISHER]),
        staff_user([PUBLISHER]),
    )
    detention = Detention.objects.get(case=story)
    page = case_page(editor, story)
    page.set_inline(Detention, detention_index(page, detention), summary="Proposed detention.")
    assert page.post(summary="Proposed summary.").status_code == 302
    proposal = ChangeProposal.objects.get()
    direct = case_page(other, story).set(summary="Direct summary.")
    direct.set_inline(Detention, detention_index(direct, detention), summary="Direct detention.")
    barrier, outcome = threading.Barrier(2), {}

    def approve():
        barrier.wait()
        try:
            proposal_approve(proposal=proposal, user=publisher.user)
            outcome["approval"] = "applied"
        except ProposalRefused as error:
            outcome["approval"] = " ".join(error.messages)
        finally:
            connection.close()

    def save():
        barrier.wait()
        try:
            response = direct.client.post(direct.url, direct.data)
            outcome["direct"] = "applied" if response.status_code == 302 else page_errors(response)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve), threading.Thread(target=save)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert list(outcome.values()).count("applied") == 1, outcome
    story.refresh_from_db()
    detention.refresh_from_db()
    if outcome["approval"] == "applied":
        assert (story.summary, detention.summary) == ("Proposed summary.", "Proposed detention.")
        assert "Proposed summary." in str(outcome["direct"])
    else:
        assert (story.summary, detention.summary) == ("Direct summary.", "Direct detention.")
        assert "Direct summary." in outcome["approval"]


COUNT = 50


@pytest.mark.django_db
def test_approving_a_proposal_of_50_changed_records_runs_a_bounded_number_of_queries(
    story, staff_user, make_source, django_assert_max_num_queries
):
    editor, publisher = staff_user([EDITOR]), staff_user([PUBLISHER])
    source = make_source("Fifty detentions")
    CaseSource.objects.create(case=story, source=source)
    make_records(story, COUNT, story.subjects.first().person, source)
    Detention.objects.filter(case=story).update(visibility=Visibility.PUBLIC)
    page = case_page(editor, story)
    for index, detention in enumerate(page.formsets[Detention].queryset):
        page.set_inline(Detention, index, summary=f"Proposed {detention.pk}.")
    # (the fixture's detention included)
    response = page.post()
    assert response.status_code == 302, page_errors(response)
    proposal = ChangeProposal.objects.get()
    assert len(proposal.diff) == COUNT + 1  # the fixture's own public detention too

    # Each changed record costs what a direct save of it costs (lock, check, write, its
    # links, the history's context), whatever the number of records; the proposal itself a
    # fixed few more.
    with django_assert_max_num_queries(CASE_FORM_QUERIES + 13 * (COUNT + 1)) as approving:
        proposal_approve(proposal=proposal, user=publisher.user)
    assert Detention.objects.filter(summary__startswith="Proposed ").count() == COUNT + 1
    page = case_page(publisher, story)
    for index, detention in enumerate(page.formsets[Detention].queryset):
        page.set_inline(Detention, index, summary=f"Direct {detention.pk}.")
    with django_assert_max_num_queries(CASE_FORM_QUERIES + 13 * (COUNT + 1)) as saving:
        assert page.post().status_code == 302
    assert len(approving) <= len(saving) + 10
    print(f"{COUNT + 1} changed records: approval {len(approving)}, direct save {len(saving)}")
