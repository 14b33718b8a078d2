"""The benchmark: every scenario of the performance issue, on the generated data.

Writes bench/results.json and prints a summary; `make bench` runs it (BENCH_CASES).
"""

import gc
import json
import os
import random
import sys
import time
from pathlib import Path

from django.conf import settings
from django.test import Client

from bench import load, names, scenarios, targets, texts
from bench.measure import percentile, time_page
from bench.urlconf import route_of, uncovered
from cases.models import Case, CaseSubject

RESULTS = Path(__file__).resolve().parent / "results.json"


def public_subjects(limit: int, seed: int):
    rows = (
        CaseSubject.objects.public()
        .filter(case__in=Case.objects.public(), person__visibility="public",
                person__archived_at=None)
        .select_related("person", "case")
        .order_by("pk")
    )  # fmt: skip
    ids = list(rows.values_list("pk", flat=True))  # one query, not one OFFSET per pick
    rng = random.Random(seed)
    picks = rng.sample(ids, min(limit, len(ids)))
    return list(rows.filter(pk__in=picks))


def name_queries(subject, rng: random.Random) -> list[tuple[str, str]]:
    """(kind, query) spellings of a person's name that the database does not hold verbatim."""
    cyrillic = (
        subject.person.name_variants.filter(script="cyrillic")
        .values_list("text", flat=True)
        .first()
    )
    if not cyrillic:
        return []
    stored = {
        subject.person.display_name,
        *subject.person.name_variants.values_list("text", flat=True),
    }
    queries = [("cyrillic", cyrillic)]
    for convention in names.MATCHABLE:
        latin = names.transliterate(cyrillic, convention)
        if latin not in stored:
            queries.append(("other convention", latin))
    *given, surname = cyrillic.split()
    queries.append(
        (
            "surname first",
            names.transliterate(" ".join([surname, *given]), rng.choice(names.MATCHABLE)),
        )
    )
    queries.append(
        ("typo", names.typo(rng, names.transliterate(cyrillic, rng.choice(names.MATCHABLE))))
    )
    return queries


def recall_at_10(client: Client, samples: int, seed: int) -> dict:
    rng = random.Random(seed)
    hits, total, times, by_kind = 0, 0, [], {}
    for subject in public_subjects(samples, seed):
        for kind, query in name_queries(subject, rng):
            started = time.perf_counter()
            response = client.get("/cases/", {"q": query})
            times.append((time.perf_counter() - started) * 1000)
            top = [doc.case_id for doc in response.context["results"].page.object_list[:10]]
            found = subject.case_id in top
            hits += found
            total += 1
            seen = by_kind.setdefault(kind, [0, 0])
            seen[0] += found
            seen[1] += 1
    return {
        "recall_at_10": round(hits / total, 4) if total else None,
        "queries": total,
        "p95_ms": round(percentile(times, 0.95), 2) if times else None,
        "by_kind": {k: round(h / n, 4) for k, (h, n) in by_kind.items()},
    }


def run(
    runs: int = 20,
    recall_samples: int = 200,
    load_seconds: float = 20,
    seed: int = 7,
    only: set[str] | None = None,
) -> dict:
    """Every scenario, or those named in `only` (scenarios, "name_search", "throughput").

    Needs django.test.utils.setup_test_environment() (run_bench calls it; pytest has).
    """
    settings.SECURE_SSL_REDIRECT = False
    gc.freeze()  # as config/wsgi.py does in each server process
    subjects = public_subjects(1, seed)
    if not subjects:
        raise SystemExit("No public case to measure: run generate_cases first.")
    subject = subjects[0]
    cyrillic = (
        subject.person.name_variants.filter(script="cyrillic")
        .values_list("text", flat=True)
        .first()
    )
    results = {"cases": Case.objects.count(), "public_cases": Case.objects.public().count()}
    found = scenarios.build(
        subject.case,
        subject.person.display_name,
        cyrillic or subject.person.display_name,
        wanted=(lambda name: name in only) if only else (lambda name: True),
    )
    for name, scenario in found.items():
        if only and name not in only:
            continue
        count = scenario.runs or runs
        timing = time_page(
            scenarios.client(), scenario.url, scenario.params, count, scenario.naive,
            scenario.headers,
        )  # fmt: skip
        row = {**timing.as_dict(), "expected_status": scenario.status, "url": scenario.url,
               "params": scenario.params, "route": route_of(scenario.url),
               "streamed": scenario.streamed}  # fmt: skip
        if scenario.headers:
            row["headers"] = scenario.headers
        row["targets"] = targets.scenario_targets(name, row, scenario.streamed)
        results[name] = row
        print(f"  {name}: {row}", file=sys.stderr, flush=True)
    if not only:
        results["routes_without_scenario"] = sorted(
            uncovered(scenario.url for scenario in found.values())
        )
    if not only or "name_search" in only:
        results["name_search"] = recall_at_10(Client(), recall_samples, seed)
        print(f"  name_search: {results['name_search']}", file=sys.stderr, flush=True)
    if not only or "throughput" in only:
        case_url = subject.case.get_absolute_url()
        mix = ["/cases/?q=extradition", f"/cases/?q={texts.RARE_TERM}", case_url,
               "/cases/?host_country=KZ", "/"]  # fmt: skip
        results["throughput"] = load.throughput(
            load_seconds, workers=2 * os.cpu_count() + 1, mix=mix, hot=[case_url, "/"]
        )
        print(f"  throughput: {results['throughput']}", file=sys.stderr, flush=True)
    results["targets"] = targets.summary(results)
    return results


def write(results: dict, path: Path = RESULTS) -> None:
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
