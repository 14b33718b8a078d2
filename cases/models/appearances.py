"""Where a published case shows a person or an organization.

This is the second half of Person.objects.public() and Organization.objects.public()
(core.models.ShownQuerySet): someone marked public appears on the public site only
through a public row of a published case that shows them, so that publishing a name
early does not announce a case in preparation. Registered when cases.models loads,
before anything can ask for a public person.
"""

import functools

from django.db.models import QuerySet

from core.models import APPEARANCES, Appearance
from organizations.models import Organization

from .case import Case, CaseSubject
from .records import RECORD_MODELS, Statement
from .source import Source

# The appearances are built once per process: each is a dozen nested public() querysets,
# about 100 ms of Python a page when rebuilt. They are never evaluated (only filtered,
# which clones), so sharing them is safe; tuples, so that no caller can change them.


@functools.cache
def public_citations() -> tuple[Appearance, ...]:
    """Each record kind's citations of a public source by a public record of a
    published case (rows of its `sources` link table), showing the source's publisher."""
    citations = []
    for model in RECORD_MODELS:
        name = model._meta.model_name
        rows = model.sources.through.objects.filter(
            **{f"{name}__in": model.objects.public()}, source__in=Source.objects.public()
        )
        citations.append(Appearance(rows, "source__publisher", f"{name}__case"))
    return tuple(citations)


@functools.cache
def person_appearances() -> tuple[Appearance, ...]:
    """Their public part in the case, the public records that concern them, the public
    statements they made."""
    return (
        Appearance(CaseSubject.objects.public(), "person"),
        *(Appearance(model.objects.public(), "people") for model in RECORD_MODELS),
        Appearance(Statement.objects.public(), "speaker"),
    )


@functools.cache
def organization_appearances() -> tuple[Appearance, ...]:
    """The public records naming it (statements by it, decisions and detentions by it,
    appeals heard by it, orders made by it) and the public sources it published."""
    named = [
        Appearance(model.objects.public(), field.name)
        for model in RECORD_MODELS
        for field in model._meta.concrete_fields
        if field.many_to_one
        and field.related_model is Organization
        and field.name in model.PUBLIC_FIELDS
    ]
    return (*named, *public_citations())


def cases_showing(appearances: tuple[Appearance, ...], target) -> QuerySet[Case]:
    """The published cases that show `target` (a person or an organization), by the
    appearances themselves: the definition that the search documents' shown_people and
    shown_organizations follow (tests/cases/test_shown_documents.py)."""
    ids = [
        appearance.rows.filter(**{appearance.shows: target}).values_list(appearance.case)
        for appearance in appearances
    ]
    return Case.objects.public().filter(pk__in=ids[0].union(*ids[1:]))


APPEARANCES["people.Person"] = person_appearances
APPEARANCES["organizations.Organization"] = organization_appearances
