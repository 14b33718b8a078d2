"""The benchmark at a small size, so it cannot rot: generation, every scenario, recall."""

import shutil

import pytest

from bench.generate import generate
from bench.report import render
from bench.run import run
from bench.urlconf import public_routes
from cases.models import Case, CaseSearch, PublicationState
from core.models import Visibility
from people.models import NameVariant, Person

pytestmark = pytest.mark.django_db(transaction=True)

SIZE = 1000  # "about 1,000 cases" in CI; the full run stays out of it


@pytest.mark.parametrize("workers", [1, 2])
def test_generated_data_has_the_model_case_shape(workers):
    generate(SIZE, seed=3, out=None, workers=workers)
    cases = Case.objects.all()
    assert cases.count() == SIZE
    states = set(cases.values_list("publication_state", flat=True))
    assert states == {s.value for s in PublicationState}
    assert cases.filter(archived_at__isnull=False).exists()
    assert set(NameVariant.objects.values_list("script", flat=True)) == {"latin", "cyrillic"}
    for model in (Case.subjects.rel.related_model,):
        assert set(model.objects.values_list("visibility", flat=True)) == {
            v.value for v in Visibility
        }
    # Search documents exist for exactly the public cases.
    assert CaseSearch.objects.count() == Case.objects.public().count()
    # Full names (given name, patronymic, surname) are nearly all distinct.
    names = list(Person.objects.values_list("display_name", flat=True))
    assert len(set(names)) > 0.95 * len(names)


def test_every_scenario_is_measured():
    if not shutil.which("wrk"):
        pytest.fail("wrk is missing: install Debian's wrk package (make test does).")
    generate(SIZE, seed=5, out=None)
    results = run(runs=2, recall_samples=20, load_seconds=2, seed=5)
    # Every public route of the URLconf has a scenario, and each answers as it should.
    assert results["routes_without_scenario"] == []
    measured = {k: v for k, v in results.items() if isinstance(v, dict) and "targets" in v}
    assert {row["route"] for row in measured.values()} == public_routes()
    for name, scenario in measured.items():
        assert scenario["status"] == scenario["expected_status"], name
        assert scenario["p95_ms"] >= scenario["p50_ms"] > 0, name
    for name in ("search_rare", "organization_most_statements", "person_most_cases",
                 "api_organization_most_statements", "api_source_most_cited", "home"):  # fmt: skip
        assert measured[name]["queries"] >= 1, name
    assert results["search_rare"]["naive_p95_ms"] > 0
    assert results["name_search"]["recall_at_10"] >= 0.9
    # Both wrk runs served requests, and every figure of the report is there.
    for kind in ("mix", "spike"):
        load = results["throughput"][kind]
        assert load["requests"] > 0 and load["errors"] == 0, kind
        assert load["cpu_seconds"]["gunicorn"] > 0 and load["cpu_seconds"]["postgresql"] > 0
        assert load["cpu_limit_requests_per_second"] > 0
    assert set(results["targets"]) >= {"every_p95_met", "mix_requests_per_second"}
    report = render({**results, "measured_at": "now"})
    for name in measured:
        assert f"| {name} |" in report
