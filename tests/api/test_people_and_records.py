"""/api/people/, /api/organizations/, /api/statements/, /api/sources/: public rows only."""

import datetime

import pytest

from cases.models import Case, PublicationState, Source, Statement
from core.models import Visibility
from organizations.models import Affiliation, Organization
from people.models import NameVariant, Person

D = datetime.date
pytestmark = pytest.mark.django_db


def listed(client, url):
    response = client.get(url, {"page_size": 100})
    assert response.status_code == 200
    return response.json()["results"]


def test_people_and_organizations_lists_hold_only_public_rows(client, story, make_person):
    archived = make_person("Archived Person")
    archived.archive()
    people = listed(client, "/api/people/")
    # Dilbek is public but his part in the case is internal: no published case shows him.
    assert [p["display_name"] for p in people] == ["Toirjon Abdussamatov"]
    assert people[0]["permalink"] == "http://testserver/people/toirjon-abdussamatov/"
    assert set(people[0]) == {"slug", "display_name", "sex", "nationality", "permalink"}
    organizations = listed(client, "/api/organizations/")
    assert [o["slug"] for o in organizations] == ["human-rights-watch"]


def test_a_person_page_is_the_public_page(client, story, make_organization):
    man = Person.objects.get(slug="toirjon-abdussamatov")
    NameVariant.objects.create(person=man, text="Тоиржон Абдусаматов", visibility="public")
    NameVariant.objects.create(person=man, text="Secret alias", visibility="confidential")
    hrw = Organization.objects.get(slug="human-rights-watch")
    Affiliation.objects.create(
        person=man, organization=hrw, role_title="Witness", visibility="public"
    )
    Affiliation.objects.create(
        person=man, organization=hrw, role_title="Informant", visibility="internal"
    )
    body = client.get(f"/api/people/{man.slug}/").json()
    assert body["person"]["display_name"] == "Toirjon Abdussamatov"
    assert [v["text"] for v in body["name_variants"]] == ["Тоиржон Абдусаматов"]
    assert [(c["case"]["slug"], c["role"]) for c in body["cases"]] == [(story.slug, "detainee")]
    assert [a["role_title"] for a in body["affiliations"]] == ["Witness"]
    assert "birth_date" not in body["person"]


def test_an_organization_page_is_the_public_page(client, story):
    body = client.get("/api/organizations/human-rights-watch/").json()
    assert body["organization"]["name"] == "Human Rights Watch"
    assert [c["slug"] for c in body["cases"]] == [story.slug]
    assert [s["quote"] for s in body["statements"]] == ["a human tragedy"]


@pytest.mark.parametrize("kind", ["people", "organizations"])
def test_a_hidden_person_or_organization_answers_like_a_missing_one(client, story, kind):
    slug = {"people": "secret-marker-wife", "organizations": "secret-marker-court"}[kind]
    assert (Person if kind == "people" else Organization).objects.filter(slug=slug).exists()
    hidden = client.get(f"/api/{kind}/{slug}/")
    missing = client.get(f"/api/{kind}/never-existed/")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()


def test_statements_are_public_ones_on_public_cases_by_public_organizations(
    client, story, make_case, make_organization, make_person
):
    hrw = Organization.objects.get(slug="human-rights-watch")
    hidden_org = Organization.objects.get(slug="secret-marker-court")
    draft = make_case("Draft case", state=PublicationState.DRAFT)
    wife = Person.objects.get(slug="secret-marker-wife")
    public = Statement.objects.get(case=story)
    public.speaker = wife  # A confidential speaker: shown as null.
    public.save()
    public.people.set([wife, Person.objects.get(slug="toirjon-abdussamatov")])
    for case, org, visibility in [
        (draft, hrw, Visibility.PUBLIC),
        (story, hidden_org, Visibility.PUBLIC),
        (story, hrw, Visibility.INTERNAL),
    ]:
        Statement.objects.create(
            case=case, organization=org, made_on=D(2011, 1, 1), quote="hidden words",
            visibility=visibility,
        )  # fmt: skip
    [statement] = listed(client, "/api/statements/")
    assert statement["id"] == public.pk
    assert statement["speaker"] is None
    assert [p["slug"] for p in statement["people"]] == ["toirjon-abdussamatov"]
    assert [s["title"] for s in statement["sources"]] == ["Forced returns to Uzbekistan illegal"]
    assert statement["permalink"] == (
        f"http://testserver/cases/{story.slug}/#statement-{statement['id']}"
    )
    assert client.get(f"/api/statements/{public.pk}/").json() == statement
    for hidden in Statement.objects.exclude(pk=public.pk):
        response = client.get(f"/api/statements/{hidden.pk}/")
        assert response.status_code == 404
        assert response.json() == client.get("/api/statements/999999999/").json()
    assert client.get(f"/api/statements/{10**30}/").status_code == 404


def test_sources_are_public_ones_cited_on_public_case_pages(client, story, make_source, make_case):
    cited = Source.objects.get(title="Forced returns to Uzbekistan illegal")
    uncited = make_source("Not cited anywhere")
    draft_only = make_source("Cited by a draft only")
    draft = make_case("Draft", state=PublicationState.DRAFT)
    Statement.objects.create(
        case=draft, organization=Organization.objects.get(slug="human-rights-watch"),
        made_on=D(2011, 1, 1), quote="x", visibility=Visibility.PUBLIC,
    ).sources.add(draft_only)  # fmt: skip
    [source] = listed(client, "/api/sources/")
    assert source["id"] == cited.pk
    assert source["permalink"] == "https://example.org/report"
    assert [c["slug"] for c in source["cited_in"]] == [story.slug]
    assert client.get(f"/api/sources/{cited.pk}/").json() == source
    confidential = Source.objects.get(visibility=Visibility.CONFIDENTIAL)
    for hidden in (uncited, draft_only, confidential):
        response = client.get(f"/api/sources/{hidden.pk}/")
        assert response.status_code == 404
    # Without an address of its own, its permalink is the sources of a case citing it.
    Source.objects.filter(pk=cited.pk).update(url="")
    source = client.get(f"/api/sources/{cited.pk}/").json()
    assert source["permalink"] == f"http://testserver/cases/{story.slug}/#sources-heading"
    assert Case.objects.public().count() == 1
