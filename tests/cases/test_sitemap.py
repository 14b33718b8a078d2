"""The sitemap index and its pages: every public case once, nothing else, pages by id range."""

import pytest

from cases import sitemaps
from cases.models import Case, CaseSearch, PublicationState
from tests.cases.sitemap_entries import sitemap_entries, sitemap_pages


@pytest.fixture
def small_pages(monkeypatch):
    """Three ids per page, so that a dozen cases fill several pages."""
    monkeypatch.setattr(sitemaps, "CASES_PER_PAGE", 3)


@pytest.fixture
def cases(make_case):
    """Public cases among drafts, withdrawn and archived ones, the hidden ones in runs
    long enough to leave whole pages without a public case."""
    public, hidden = [], []
    states = ["published"] * 4 + ["draft"] * 7 + ["published", "in_review", "withdrawn"] * 2
    for number, state in enumerate(states):
        case = make_case(f"Case {number}", slug=f"case-{number}", state=state)
        (public if state == PublicationState.PUBLISHED else hidden).append(case)
    archived = public.pop(1)
    archived.archive()
    hidden.append(archived)
    return public, hidden


def test_the_index_lists_every_public_case_exactly_once(client, small_pages, cases):
    public, hidden = cases
    paths = [path for path, _ in sitemap_entries(client)]
    assert sorted(paths) == sorted(case.get_absolute_url() for case in public)
    assert len(paths) == len(set(paths))
    assert not {case.get_absolute_url() for case in hidden} & set(paths)


def test_pages_are_ranges_of_ids_and_only_pages_with_a_public_case_are_listed(
    client, small_pages, cases
):
    public, _ = cases
    listed = sitemap_pages(client)
    expected = sorted({case.pk // 3 for case in public})
    assert listed == [f"/sitemap-cases-{number}.xml" for number in expected]
    first, last = min(case.pk for case in Case.objects.all()), max(Case.objects.values_list("pk"))
    for number in set(range(first // 3, last[0] // 3 + 2)) - set(expected):
        assert client.get(f"/sitemap-cases-{number}.xml").status_code == 404


def test_a_page_gives_each_case_its_last_public_change(client, story):
    [(path, lastmod)] = sitemap_entries(client)
    assert path == story.get_absolute_url()
    changed = CaseSearch.objects.get(case=story).public_updated_at
    assert lastmod == changed.isoformat(timespec="seconds")


def test_a_page_past_every_possible_id_is_not_found(client, db):
    assert client.get(f"/sitemap-cases-{2**63}.xml").status_code == 404
    assert client.get(f"/sitemap-cases-{10**40}.xml").status_code == 404


def test_no_page_exceeds_the_protocol_limit():
    assert sitemaps.CASES_PER_PAGE <= 50_000


def test_robots_txt_points_to_the_index(client, db):
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots


def test_the_index_and_each_page_run_one_query(
    client, small_pages, cases, django_assert_max_num_queries
):
    # Each after the public version that every anonymous request reads first.
    with django_assert_max_num_queries(1 + 1):
        pages = sitemap_pages(client)
    for page in pages:
        with django_assert_max_num_queries(1 + 1):
            assert client.get(page).status_code == 200
