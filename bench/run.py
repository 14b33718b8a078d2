"""The benchmark: every scenario of the performance issue, on the generated data.

Writes bench/results.json and prints a summary; `make bench` runs it (BENCH_CASES).
"""

import gc
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q
from django.test import Client

from bench import names, texts
from bench.generate import STATUSES
from bench.measure import percentile, time_page
from cases.models import Case, CaseSearch, CaseSubject

RESULTS = Path(__file__).resolve().parent / "results.json"


def naive_search(term: str, page: int = 1):
    """The admin-style approach: icontains over text columns, exact COUNT, OFFSET paging."""

    def run():
        cases = Case.objects.filter(publication_state="published", archived_at=None).filter(
            Q(title__icontains=term) | Q(summary__icontains=term) | Q(charges__icontains=term)
            | Q(subjects__person__display_name__icontains=term)
        ).distinct().order_by("-updated_at")  # fmt: skip
        paginator = Paginator(cases, 20)
        list(paginator.get_page(page).object_list)

    return run


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


def export_filters(rows: int = 10_000) -> dict:
    """Filters whose export has about `rows` rows at the current size (host, then status)."""
    options = [{"host_country": "KZ"}] + [
        {"host_country": "KZ", "status": status} for status in STATUSES
    ]
    return min(
        options,
        key=lambda params: abs(CaseSearch.objects.matching().filter(**params).count() - rows),
    )


def scenarios(sample_case: Case, name_latin: str, name_cyrillic: str) -> dict:
    rare, medium, common = texts.RARE_TERM, texts.MEDIUM_TERM, texts.COMMON_TERM
    filters = {"host_country": "KZ", "kind": "appeal"}
    return {
        "search_rare": ("/cases/", {"q": rare}, naive_search(rare)),
        "search_rare_filtered": ("/cases/", {"q": rare, **filters}, None),
        "search_medium": ("/cases/", {"q": f'"{medium}"'}, naive_search(medium)),
        "search_medium_filtered": ("/cases/", {"q": f'"{medium}"', **filters}, None),
        "search_common": ("/cases/", {"q": common}, naive_search(common)),
        "search_common_filtered": ("/cases/", {"q": common, **filters}, None),
        "name_same_script": ("/cases/", {"q": name_latin}, naive_search(name_latin)),
        "name_cross_script": ("/cases/", {"q": name_cyrillic}, naive_search(name_cyrillic)),
        "filter_only": ("/cases/", {"host_country": "RU", "status": "detained"}, None),
        "deep_page": ("/cases/", {"page": "500"}, naive_search("", page=500)),
        "case_page": (sample_case.get_absolute_url(), {}, None),
        "feed": ("/cases/feed/", {"q": common}, None),
        "export_10k": ("/cases/export.csv", export_filters(), None),
    }


def database_url() -> str:
    """The URL of the database this process uses (the test database under pytest)."""
    params = connection.get_connection_params()
    host = quote(params.get("host") or "", safe="")
    port = f":{params['port']}" if params.get("port") else ""
    password = f":{quote(params['password'], safe='')}" if params.get("password") else ""
    return f"postgres://{params.get('user', '')}{password}@{host}{port}/{params['dbname']}"


def throughput(seconds: float, workers: int, concurrency: int, paths: list[str]) -> dict:
    """gunicorn on loopback, driven by a small keep-alive load generator."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "SECURE_SSL_REDIRECT": "0", "ALLOWED_HOSTS": "127.0.0.1",
           "DATABASE_URL": database_url()}  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-w", str(workers),
         "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=settings.BASE_DIR, env=env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            try:
                probe.request("GET", "/robots.txt")
                probe.getresponse().read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
            finally:
                probe.close()
        counts, errors = [0] * concurrency, [0] * concurrency
        stop = time.monotonic() + seconds

        def worker(index):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            i = index
            while time.monotonic() < stop:
                conn.request("GET", paths[i % len(paths)])
                response = conn.getresponse()
                response.read()
                if response.status == 200:
                    counts[index] += 1
                else:
                    errors[index] += 1
                i += 1
            conn.close()

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return {"requests_per_second": round(sum(counts) / seconds, 1), "errors": sum(errors),
                "workers": workers, "concurrency": concurrency, "seconds": seconds}  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)


def run(
    runs: int = 20,
    recall_samples: int = 200,
    load_seconds: float = 15,
    seed: int = 7,
    only: set[str] | None = None,
) -> dict:
    """Every scenario, or those named in `only` (scenarios, "name_search", "throughput").

    Needs django.test.utils.setup_test_environment() (run_bench calls it; pytest has).
    """
    settings.SECURE_SSL_REDIRECT = False
    gc.freeze()  # as config/wsgi.py does in each server process
    client = Client()
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
    for name, (url, params, naive) in scenarios(
        subject.case, subject.person.display_name, cyrillic or subject.person.display_name
    ).items():
        if only and name not in only:
            continue
        count = 3 if name == "export_10k" else runs
        results[name] = {**time_page(client, url, params, count, naive).as_dict(), "url": url,
                         "params": params}  # fmt: skip
        print(f"  {name}: {results[name]}", file=sys.stderr, flush=True)
    if not only or "name_search" in only:
        results["name_search"] = recall_at_10(client, recall_samples, seed)
        print(f"  name_search: {results['name_search']}", file=sys.stderr, flush=True)
    if only and "throughput" not in only:
        return results
    workers = 2 * os.cpu_count() + 1
    paths = ["/cases/?q=extradition", f"/cases/?q={texts.RARE_TERM}",
             subject.case.get_absolute_url(), "/cases/?host_country=KZ", "/"]  # fmt: skip
    results["throughput"] = throughput(load_seconds, workers, concurrency=workers * 2, paths=paths)
    print(f"  throughput: {results['throughput']}", file=sys.stderr, flush=True)
    return results


def write(results: dict, path: Path = RESULTS) -> None:
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
