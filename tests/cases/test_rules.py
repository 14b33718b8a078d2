"""Every invariant is enforced twice: a friendly form message and a database constraint."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cases.models import (
    Appeal,
    AppealLevel,
    AppealOutcome,
    AsylumDecision,
    DecisionOutcome,
    Detention,
    Event,
    EventKind,
    Extradition,
    ExtraditionStatus,
    Statement,
)
from organizations.models import Affiliation
from people.models import Relation, RelationKind

D = datetime.date


@pytest.fixture
def org(make_organization):
    return make_organization("Almaty City Court", acronym="", kind="court")


@pytest.fixture
def case(make_case):
    return make_case()


def invalid_rows(case, org, person):
    """(model instance, field that gets the message, words of the message)."""
    return [
        (
            Detention(case=case, started_on=D(2011, 6, 9), ended_on=D(2010, 6, 9)),
            "ended_on",
            "cannot be before the arrest",
        ),
        (
            AsylumDecision(
                case=case,
                authority=org,
                applied_on=D(2010, 8, 1),
                decided_on=D(2010, 5, 1),
                outcome=DecisionOutcome.REFUSED,
            ),
            "decided_on",
            "cannot be before the application",
        ),
        (
            AsylumDecision(case=case, authority=org, outcome=DecisionOutcome.REFUSED),
            "decided_on",
            "An outcome needs a decision date",
        ),
        (
            Appeal(
                case=case,
                body=org,
                level=AppealLevel.DOMESTIC_COURT,
                filed_on=D(2011, 3, 1),
                decided_on=D(2011, 2, 1),
                outcome=AppealOutcome.REJECTED,
            ),
            "decided_on",
            "cannot be before the filing",
        ),
        (
            Appeal(
                case=case, body=org, level=AppealLevel.UN_TREATY_BODY, outcome="violation_found"
            ),
            "decided_on",
            "An outcome needs a decision date",
        ),
        (
            Extradition(
                case=case,
                from_country="KZ",
                to_country="UZ",
                ordered_on=D(2010, 9, 8),
                carried_out_on=D(2010, 9, 1),
                status=ExtraditionStatus.CARRIED_OUT,
            ),
            "carried_out_on",
            "cannot be before the order",
        ),
        (
            Extradition(
                case=case, from_country="KZ", to_country="UZ", status=ExtraditionStatus.CARRIED_OUT
            ),
            "carried_out_on",
            "needs the date it was carried out",
        ),
        (
            Event(
                case=case,
                kind=EventKind.PROTEST,
                title="Picket",
                started_on=D(2011, 6, 9),
                ended_on=D(2011, 6, 8),
            ),
            "ended_on",
            "end cannot be before the start",
        ),
        (
            Statement(case=case, organization=org, made_on=D(2011, 6, 9)),
            "quote",
            "Enter the quote, a summary, or both",
        ),
        (
            Affiliation(
                person=person,
                organization=org,
                role_title="Judge",
                started_on=D(2012, 1, 1),
                ended_on=D(2011, 1, 1),
            ),
            "ended_on",
            "end of the role cannot be before its start",
        ),
    ]


@pytest.fixture
def rows(case, org, make_person):
    return invalid_rows(case, org, make_person())


@pytest.mark.parametrize("index", range(len(invalid_rows(None, None, None))))
def test_inconsistent_input_gets_a_message_on_the_field(rows, index):
    row, field, words = rows[index]
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert any(words in message for message in error.value.message_dict[field])


@pytest.mark.parametrize("index", range(len(invalid_rows(None, None, None))))
def test_the_database_refuses_what_bypasses_the_forms(rows, index):
    row, _, _ = rows[index]
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


def test_consistent_rows_pass(case, org):
    decision = AsylumDecision(
        case=case,
        authority=org,
        applied_on=D(2010, 5, 1),
        decided_on=D(2010, 8, 11),
        outcome=DecisionOutcome.REFUSED,
    )
    decision.full_clean()
    decision.save()
    appeal = Appeal(
        case=case,
        body=org,
        level=AppealLevel.DOMESTIC_COURT,
        contests_decision=decision,
        filed_on=D(2010, 9, 1),
        decided_on=D(2011, 3, 1),
        outcome=AppealOutcome.REJECTED,
    )
    appeal.full_clean()
    appeal.save()
    pending = AsylumDecision(case=case, authority=org, outcome=DecisionOutcome.PENDING)
    pending.full_clean()


def test_an_appeal_contests_a_decision_of_its_own_case(case, org, make_case):
    other = make_case("Another case")
    decision = AsylumDecision.objects.create(case=other, authority=org)
    appeal = Appeal(
        case=case, body=org, level=AppealLevel.DOMESTIC_COURT, contests_decision=decision
    )
    with pytest.raises(ValidationError) as error:
        appeal.full_clean()
    assert "this same case" in error.value.message_dict["contests_decision"][0]


def test_an_appeal_contests_one_thing(case, org):
    decision = AsylumDecision.objects.create(case=case, authority=org)
    order = Extradition.objects.create(case=case, from_country="KZ", to_country="UZ")
    appeal = Appeal(
        case=case,
        body=org,
        level=AppealLevel.DOMESTIC_COURT,
        contests_decision=decision,
        contests_extradition=order,
    )
    with pytest.raises(ValidationError, match="not both"):
        appeal.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        appeal.save()


def test_a_person_is_not_their_own_relative(make_person):
    person = make_person()
    with pytest.raises(ValidationError, match="own relative"):
        Relation(person=person, relative=person, kind=RelationKind.SPOUSE).full_clean()


def test_people_count_is_positive(make_case):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_case(people_count=0)
