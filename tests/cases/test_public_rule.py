"""One rule for what is public, on every surface (issue 10, items 8 and 9).

A statement is public when it is, its case is published and its organization is public
and not archived. A person or an organization is on the public site only through a
published case that shows them.
"""

import datetime

import pytest

from cases.models import AsylumDecision, Case, Detention, PublicationState, Statement
from core.models import Visibility
from organizations.models import Affiliation, Organization
from people.models import Person

D = datetime.date
pytestmark = pytest.mark.django_db
QUOTE = "Quibblezonk"  # A word nothing else holds.


def text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def every_surface(client, case) -> dict[str, str]:
    """The case page, its API page and feed, and every search surface for the quote."""
    urls = [
        f"/cases/{case.slug}/", f"/api/cases/{case.slug}/", f"/cases/{case.slug}/feed/",
        f"/cases/?q={QUOTE}", f"/api/cases/?q={QUOTE}", f"/cases/feed/?q={QUOTE}",
        f"/cases/export.csv?q={QUOTE}", f"/cases/export.json?q={QUOTE}", "/api/statements/",
        "/cases/?kind=statement", "/api/organizations/", "/api/people/",
    ]  # fmt: skip
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = text(response)
    return pages


@pytest.fixture
def quoted(make_case, make_organization, make_person, make_subject):
    """A published case whose one public statement, with a speaker, carries QUOTE."""
    case = make_case(summary="Men held in Almaty.")
    make_subject(case, make_person("Toirjon Abdussamatov"))
    organization = make_organization("Watchers of Almaty", acronym="WoA")
    speaker = make_person("Veronika Golston")
    statement = Statement.objects.create(
        case=case, organization=organization, speaker=speaker, made_on=D(2011, 6, 9),
        quote=f"A {QUOTE} of justice.", visibility=Visibility.PUBLIC,
    )  # fmt: skip
    return case, organization, statement


def test_a_public_statement_by_a_public_organization_is_everywhere(client, quoted):
    case, _organization, _statement = quoted
    pages = every_surface(client, case)
    for url in pages:
        if "kind=" in url or url in ("/api/people/", "/api/organizations/"):
            continue
        assert QUOTE in pages[url] or case.slug in pages[url], url
    assert "Veronika Golston" in pages["/api/people/"]
    assert "Watchers of Almaty" in pages["/api/organizations/"]


@pytest.mark.parametrize("hide", ["internal", "confidential", "archived"])
def test_a_statement_by_a_non_public_organization_is_nowhere(client, quoted, hide):
    case, organization, statement = quoted
    if hide == "archived":
        organization.archive()
    else:
        # A bulk update: the search triggers must see it too.
        Organization.objects.filter(pk=organization.pk).update(visibility=hide)
    pages = every_surface(client, case)
    for url, page in pages.items():
        # The quote's other words (the query itself is echoed by search pages).
        assert "of justice" not in page, url
        assert (
            case.slug not in page
            or url.startswith(f"/cases/{case.slug}/")
            or url.startswith(f"/api/cases/{case.slug}/")
        ), url
        assert "Watchers of Almaty" not in page, url
        assert "Veronika Golston" not in page, url  # Its speaker is shown by nothing else.
    assert client.get(f"/cases/?q={QUOTE}").context["results"].count == 0
    assert client.get(f"/api/cases/?q={QUOTE}").json()["results"] == []
    assert client.get(f"/api/statements/{statement.pk}/").status_code == 404
    assert not Statement.objects.public().exists()
    # No trace in the facets either: no statement is left on the case.
    assert client.get("/cases/?kind=statement").context["results"].count == 0
    # Making the organization public again brings the statement back at once.
    Organization.objects.filter(pk=organization.pk).update(
        visibility=Visibility.PUBLIC, archived_at=None
    )
    assert client.get(f"/cases/?q={QUOTE}").context["results"].count == 1


def test_a_record_whose_authority_is_not_public_stays_without_naming_it(
    client, make_case, make_organization
):
    case = make_case()
    hidden = make_organization("Secret police unit", acronym="SPU", visibility="internal")
    for model, values in [
        (Detention, {"started_on": D(2010, 6, 1), "authority": hidden}),
        (AsylumDecision, {"authority": hidden, "decided_on": D(2010, 9, 1), "outcome": "refused"}),
    ]:
        model.objects.create(case=case, visibility="public", summary="Zorbleflax.", **values)
    for url in (f"/cases/{case.slug}/", f"/api/cases/{case.slug}/", "/cases/?q=Zorbleflax"):
        page = text(client.get(url))
        assert "Zorbleflax" in page, url
        assert "Secret police" not in page and "SPU" not in page, url
    assert client.get("/cases/?q=Secret+police").context["results"].count == 0


def listed_slugs(client, kind: str) -> list[str]:
    return [
        row["slug"] for row in client.get(f"/api/{kind}/", {"page_size": 100}).json()["results"]
    ]


def answers_like_missing(client, prefix: str, slug: str) -> bool:
    pairs = [(f"/{prefix}/{slug}/", f"/{prefix}/never-existed/")]
    pairs.append((f"/api{pairs[0][0]}", f"/api{pairs[0][1]}"))
    return all(
        (hidden := client.get(a)).status_code == 404 and hidden.content == client.get(b).content
        for a, b in pairs
    )


def test_a_public_person_is_public_only_through_a_published_case(
    client, make_case, make_person, make_subject, make_organization
):
    published = make_case("Published case")
    draft = make_case("Draft case", state=PublicationState.DRAFT)
    hrw = make_organization()
    subject = make_person("Public Subject")
    make_subject(published, subject)
    on_draft = make_person("Only On Draft")
    make_subject(draft, on_draft)
    internal_link = make_person("Internal Link Only")
    make_subject(published, internal_link, visibility="internal")
    nowhere = make_person("Named Nowhere")
    named = make_person("Named In Record")
    Detention.objects.create(
        case=published, started_on=D(2010, 1, 1), visibility="public"
    ).people.add(named)
    hidden_record = Detention.objects.create(
        case=published, started_on=D(2010, 1, 1), visibility="internal"
    )
    in_hidden_record = make_person("In Hidden Record")
    hidden_record.people.add(in_hidden_record)
    speaker = make_person("Public Speaker")
    Statement.objects.create(
        case=published, organization=hrw, speaker=speaker, made_on=D(2011, 1, 1),
        quote="Words.", visibility="public",
    )  # fmt: skip
    draft_speaker = make_person("Draft Speaker")
    Statement.objects.create(
        case=draft, organization=hrw, speaker=draft_speaker, made_on=D(2011, 1, 1),
        quote="Words.", visibility="public",
    )  # fmt: skip
    # An affiliation is no case: it does not make someone public.
    Affiliation.objects.create(
        person=nowhere, organization=hrw, role_title="Researcher", visibility="public"
    )

    shown = {"public-subject", "named-in-record", "public-speaker"}
    assert set(Person.objects.public().values_list("slug", flat=True)) == shown
    assert set(listed_slugs(client, "people")) == shown
    for person in (on_draft, internal_link, nowhere, in_hidden_record, draft_speaker):
        assert answers_like_missing(client, "people", person.slug), person
    for slug in shown:
        assert client.get(f"/people/{slug}/").status_code == 200
    # A person named only in a record lists the case that names them.
    page = client.get("/people/named-in-record/")
    assert "Published case" in text(page)
    assert "No public case names this person" not in text(page)
    assert [c["slug"] for c in client.get("/api/people/named-in-record/").json()["named_in"]] == [
        published.slug
    ]
    # Hiding is immediate: withdrawing the case takes them all off the site.
    Case.objects.filter(pk=published.pk).update(publication_state=PublicationState.WITHDRAWN)
    assert not Person.objects.public().exists()
    assert listed_slugs(client, "people") == []


def test_a_public_organization_is_public_only_through_a_published_case(
    client, make_case, make_organization, make_person, make_subject, make_source
):
    published = make_case("Published case")
    draft = make_case("Draft case", state=PublicationState.DRAFT)
    stating = make_organization("Stating Org", acronym="SO")
    authority = make_organization("Deciding Authority", acronym="DA", kind="court")
    publisher = make_organization("Publishing House", acronym="PH", kind="media")
    on_draft = make_organization("Draft Org", acronym="DO")
    affiliated = make_organization("Affiliated Only", acronym="AO")
    make_organization("Nothing At All", acronym="NA")
    Statement.objects.create(
        case=published, organization=stating, made_on=D(2011, 1, 1), quote="Words.",
        visibility="public",
    )  # fmt: skip
    Statement.objects.create(
        case=draft, organization=on_draft, made_on=D(2011, 1, 1), quote="Words.",
        visibility="public",
    )  # fmt: skip
    decision = AsylumDecision.objects.create(
        case=published, authority=authority, visibility="public"
    )
    decision.sources.add(make_source("A report", publisher=publisher))
    uncited = make_organization("Uncited Publisher", acronym="UP")
    make_source("Never cited", publisher=uncited)
    person = make_person("Staff Member")
    make_subject(published, person)
    Affiliation.objects.create(
        person=person, organization=affiliated, role_title="Member", visibility="public"
    )

    shown = {"stating-org", "deciding-authority", "publishing-house"}
    assert set(Organization.objects.public().values_list("slug", flat=True)) == shown
    assert set(listed_slugs(client, "organizations")) == shown
    for slug in ("draft-org", "affiliated-only", "nothing-at-all", "uncited-publisher"):
        assert answers_like_missing(client, "organizations", slug), slug
    # The person's page does not name an organization the site does not show.
    assert "Affiliated Only" not in text(client.get("/people/staff-member/"))
    assert client.get("/api/people/staff-member/").json()["affiliations"] == []
    # Filtering the search by such an organization is an unknown choice, like a missing one.
    for slug in ("draft-org", "never-existed"):
        assert client.get("/api/cases/", {"organization": slug}).status_code == 400
    # The publisher's page lists the case citing its source.
    body = client.get("/api/organizations/publishing-house/").json()
    assert [c["slug"] for c in body["cases"]] == [published.slug]


def test_public_people_and_organizations_pages_run_bounded_queries(
    client, quoted, django_assert_max_num_queries
):
    _case, organization, _statement = quoted
    for url in (
        "/api/people/", "/api/organizations/", "/people/veronika-golston/",
        f"/organizations/{organization.slug}/", "/api/people/veronika-golston/",
    ):  # fmt: skip
        # The profile pages list their cases and statements a page at a time, with counts
        # (cases/profiles.py), after the public version (core/conditional.py).
        with django_assert_max_num_queries(1 + 9):
            assert client.get(url).status_code == 200, url
