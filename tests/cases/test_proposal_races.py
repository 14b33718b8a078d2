"""Proposals against each other and against direct edits; approving many records at once."""

import contextlib
import threading

import pytest
from django.db import connection

from accounts.roles import EDITOR, PUBLISHER
from cases.models import Case, CaseSource, ChangeProposal, Detention, ProposalState
from cases.proposals import ProposalRefused, proposal_approve
from core.models import Visibility
from history.models import EVENT_MODELS
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


# The case page's own reading, and what saving it costs whatever its number of records:
# each formset finds, locks, checks and writes all of its rows at once (core.formsets),
# the rules are checked in Python (core.models.RuleCheckedModel), and links left as they
# were are not written again.
SAVE_QUERIES = CASE_FORM_QUERIES + 45


@contextlib.contextmanager
def counting():
    """Every statement sent, counted as it is sent (the debug log of queries holds only
    the latest 9,000, which a long test outgrows)."""
    statements = []

    def count(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield statements


def propose_approve_and_save(story, editor, publisher, label: str) -> tuple[int, int]:
    """An editor changes every detention of the case, a publisher approves it, then
    changes them all directly: the queries of the approval and of the direct save."""
    page = case_page(editor, story)
    detentions = list(page.formsets[Detention].queryset)
    for index, detention in enumerate(detentions):
        page.set_inline(Detention, index, summary=f"{label} proposed {detention.pk}.")
    response = page.post()
    assert response.status_code == 302, page_errors(response)
    proposal = ChangeProposal.objects.get(state=ProposalState.OPEN)
    assert len(proposal.diff) == len(detentions)
    reviewer = type(publisher.user).objects.get(pk=publisher.user.pk)  # no permissions cached
    with counting() as approving:
        proposal_approve(proposal=proposal, user=reviewer)
    assert Detention.objects.filter(summary__startswith=f"{label} proposed ").count() == len(
        detentions
    )
    # One UPDATE for them all, and the history's trigger still records each row, with
    # the approval's context.
    events = EVENT_MODELS[Detention].objects.filter(
        pgh_label="update", pgh_context__proposal=proposal.pk
    )
    assert events.count() == len(detentions)
    page = case_page(publisher, story)
    for index, detention in enumerate(page.formsets[Detention].queryset):
        page.set_inline(Detention, index, summary=f"{label} direct {detention.pk}.")
    with counting() as saving:
        assert page.post().status_code == 302
    assert Detention.objects.filter(summary__startswith=f"{label} direct ").count() == len(
        detentions
    )
    return len(approving), len(saving)


@pytest.mark.django_db
def test_approving_a_proposal_of_50_changed_records_costs_what_5_cost(
    story, staff_user, make_source
):
    editor, publisher = staff_user([EDITOR]), staff_user([PUBLISHER])
    source = make_source("Fifty detentions")
    CaseSource.objects.create(case=story, source=source)
    person = story.subjects.first().person
    make_records(story, 5, person, source)
    # The sources the records cite are on the case already: saving adds no row of them.
    cited = Detention.sources.through.objects.filter(detention__case=story)
    CaseSource.objects.link((story.pk, pk) for pk in cited.values_list("source_id", flat=True))
    Detention.objects.filter(case=story).update(visibility=Visibility.PUBLIC)
    few = propose_approve_and_save(story, editor, publisher, "Few")
    make_records(story, 45, person, source)
    Detention.objects.filter(case=story).update(visibility=Visibility.PUBLIC)
    assert Detention.objects.filter(case=story).count() == 51  # the fixture's own too
    many = propose_approve_and_save(story, editor, publisher, "Many")
    print(f"6 changed records: {few}; 51: {many} (approval, direct save)")
    assert many == few
    assert max(many) <= SAVE_QUERIES
