"""The benchmark at a small size, so it cannot rot: generation, every scenario, recall."""

import pytest

from bench.generate import generate
from bench.run import run
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
    generate(SIZE, seed=5, out=None)
    results = run(runs=2, recall_samples=20, load_seconds=1, seed=5)
    for name in ("search_rare", "search_common_filtered", "name_cross_script", "filter_only",
                 "deep_page", "case_page", "feed", "export_10k"):  # fmt: skip
        scenario = results[name]
        assert scenario["status"] == 200, name
        assert scenario["p95_ms"] >= scenario["p50_ms"] > 0
        assert scenario["queries"] >= 1
    assert results["search_rare"]["naive_p95_ms"] > 0
    assert results["name_search"]["recall_at_10"] >= 0.9
    assert results["throughput"]["requests_per_second"] > 0
    assert results["throughput"]["errors"] == 0
