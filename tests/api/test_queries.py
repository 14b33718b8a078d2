"""Every endpoint runs a number of queries that does not grow with the rows it shows."""

import datetime

import pytest

from cases.models import Detention, Statement
from core.models import Visibility
from organizations.models import Affiliation

D = datetime.date
pytestmark = pytest.mark.django_db


def populate(story, make_person, make_organization, make_source, make_case, count):
    """`count` more of everything around the story, all public."""
    hrw = story.statements.first().organization
    man = story.subjects.filter(role="detainee").order_by("pk").first().person
    for number in range(count):
        person = make_person(f"Person {number}")
        organization = make_organization(f"Group {number}", acronym=f"G{number}")
        Affiliation.objects.create(
            person=man, organization=organization, role_title="Member", visibility="public"
        )
        source = make_source(f"Report {number}", publisher=organization)
        statement = Statement.objects.create(
            case=story, organization=organization, speaker=man, made_on=D(2011, 1, 1),
            quote=f"Words {number}", visibility=Visibility.PUBLIC,
        )  # fmt: skip
        statement.people.add(person, man)
        statement.sources.add(source)
        detention = Detention.objects.create(
            case=story, started_on=D(2010, 1, 1), authority=organization,
            visibility=Visibility.PUBLIC,
        )  # fmt: skip
        detention.people.add(person)
        detention.sources.add(source)
        make_case(f"Extradition case {number}", summary="extradition")
        Statement.objects.create(
            case=story, organization=hrw, made_on=D(2012, 1, 1), summary="More.",
            visibility=Visibility.PUBLIC,
        )  # fmt: skip
    return man


def urls(story, man):
    source = story.detentions.order_by("pk").first().sources.first()
    statement = story.statements.order_by("pk").first()
    return {
        "/api/cases/": 1,
        "/api/cases/?q=extradition&host_country=KZ&kind=statement&organization=human-rights-watch"
        "&date_from=2000-01-01&sort=date": 4,  # + organizations, + typo check and lookup
        # Case, subjects, then per kind of record present: rows, people, sources.
        f"/api/cases/{story.slug}/": 15,
        "/api/people/": 1,
        # Person, variants, affiliations, case ids, a page of cases and their roles,
        # statement ids and a page of statements (cases/profiles.py).
        f"/api/people/{man.slug}/": 8,
        "/api/organizations/": 1,
        "/api/organizations/human-rights-watch/": 8,
        "/api/statements/": 3,
        f"/api/statements/{statement.pk}/": 3,
        "/api/sources/": 3,
        f"/api/sources/{source.pk}/": 3,
    }


@pytest.mark.parametrize("count", [1, 12])
def test_query_counts_do_not_grow_with_rows(
    client, story, make_person, make_organization, make_source, make_case, count,
    django_assert_max_num_queries,
):  # fmt: skip
    man = populate(story, make_person, make_organization, make_source, make_case, count)
    for url, expected in urls(story, man).items():
        # At most this many with 2 or 13 of everything: bounded, whatever the data (a
        # search looks up similar name words only when its words match few cases), plus
        # the public version every anonymous request reads first (core/conditional.py).
        with django_assert_max_num_queries(expected + 1):
            response = client.get(url, {"page_size": 100} if "?" not in url else None)
        assert response.status_code == 200, (url, response.content[:300])
