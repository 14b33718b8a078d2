"""The search documents' shown_people and shown_organizations list exactly the people and
organizations that each published case shows by the appearances (cases_showing(), the
definition Person and Organization public() use), through every change that moves them."""

import pytest

from cases.models import AsylumDecision, CaseSearch, Extradition, PublicationState, Statement
from cases.models.appearances import cases_showing, organization_appearances, person_appearances
from core.models import Visibility
from organizations.models import Organization
from people.models import Person

pytestmark = pytest.mark.django_db


def by_documents(column: str, target) -> set[int]:
    return set(
        CaseSearch.objects.filter(**{f"{column}__contains": [target.pk]}).values_list(
            "case_id", flat=True
        )
    )


def by_appearances(appearances, target) -> set[int]:
    return set(cases_showing(appearances, target).values_list("pk", flat=True))


def assert_in_step():
    people = list(Person.objects.all())
    organizations = list(Organization.objects.all())
    assert people and organizations
    for person in people:
        shown = by_appearances(person_appearances(), person) if _visible(person) else set()
        assert by_documents("shown_people", person) == shown, person
    for organization in organizations:
        shown = (
            by_appearances(organization_appearances(), organization)
            if _visible(organization)
            else set()
        )
        assert by_documents("shown_organizations", organization) == shown, organization


def _visible(row) -> bool:
    return type(row).objects.visible().filter(pk=row.pk).exists()


def test_documents_list_whom_each_case_shows(story, make_case, make_organization, make_source):
    publisher = make_organization("Radio Azattyq", acronym="", kind="media")
    cited = make_source("Returned and jailed", publisher=publisher)
    story.detentions.get().sources.add(cited)
    court = make_organization("Almaty City Court", acronym="", kind="court")
    AsylumDecision.objects.create(
        case=story, authority=court, visibility=Visibility.INTERNAL, outcome="rejected"
    )  # An internal record: does not show the court.
    draft = make_case("Draft case", state=PublicationState.DRAFT)
    Extradition.objects.create(case=draft, ordered_by=court, visibility=Visibility.PUBLIC)
    assert_in_step()
    shown = CaseSearch.objects.get(case=story).shown_organizations
    assert publisher.pk in shown and court.pk not in shown


def test_documents_follow_every_change_that_moves_them(story, make_person):
    assert_in_step()
    hrw = Organization.objects.get(name="Human Rights Watch")
    man = Person.objects.get(display_name="Toirjon Abdussamatov")
    assert by_documents("shown_organizations", hrw) == {story.pk}

    Statement.objects.filter(organization=hrw).update(visibility=Visibility.INTERNAL)
    man.visibility = Visibility.INTERNAL
    man.save()
    assert_in_step()
    assert by_documents("shown_organizations", hrw) == set()
    assert by_documents("shown_people", man) == set()

    speaker = make_person("Mihra Rittmann")
    Statement.objects.update(visibility=Visibility.PUBLIC, speaker=speaker)
    hrw.archive()
    assert_in_step()  # Archived: its statements no longer public, their speaker neither.
    assert by_documents("shown_people", speaker) == set()

    hrw.restore()
    story.publication_state = PublicationState.WITHDRAWN
    story.save()
    assert_in_step()
    assert not CaseSearch.objects.filter(case=story).exists()
