"""bench/RESULTS.md from bench/results.json: the figures, the targets, the commands."""

import os
import platform
from pathlib import Path

TARGETS_AT_1M = {
    "search_rare": 100, "search_rare_filtered": 100, "search_medium": 100,
    "search_medium_filtered": 100, "search_common": 200, "search_common_filtered": 200,
    "name_same_script": 50, "name_cross_script": 50, "filter_only": 50, "deep_page": 50,
    "case_page": 30,
}  # fmt: skip


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {memory:.0f} GiB, {platform.platform()}"


def readable(params: dict) -> str:
    """A query string as a reader types it (Cyrillic left as is)."""
    return "&".join(f"{name}={value}" for name, value in params.items())


def render(results: dict) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Measured {results.get('measured_at', '?')} on {machine()}, with "
        f"{results['cases']:,} generated cases ({results['public_cases']:,} public).",
        "",
        f"Reproduce: `BENCH_CASES={results['cases']} make bench` (or `generate_cases` and "
        "`run_bench` on a database of your own). Each page is timed "
        "through the whole middleware stack with Django's test client; *raw SQL* replays the "
        "page's own queries on a cursor in the same run; *naive* is the admin-style approach "
        "(`icontains` over the text columns, exact `COUNT`, `OFFSET` paging). Targets are the "
        "issue's, stated for 1,000,000 cases.",
        "",
        "| scenario | p50 ms | p95 ms | raw SQL p95 ms | page / raw | naive p95 ms | speed-up "
        "| queries | target p95 ms (1M) | met |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, row in results.items():
        if not isinstance(row, dict) or "p95_ms" not in row or name == "name_search":
            continue
        ratio = row["p95_ms"] / row["raw_sql_p95_ms"] if row["raw_sql_p95_ms"] else None
        target = TARGETS_AT_1M.get(name)
        met = "–" if target is None else ("yes" if row["p95_ms"] <= target else "no")
        naive = row.get("naive_p95_ms")
        speedup = naive / row["p95_ms"] if naive else None
        lines.append(
            f"| {name} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | {row['raw_sql_p95_ms']:.1f} "
            f"| {ratio:.1f} | {naive if naive is not None else '–'} "
            f"| {f'{speedup:.1f}×' if speedup else '–'} | {row['queries']} "
            f"| {TARGETS_AT_1M.get(name, '–')} | {met} |"
            if ratio
            else f"| {name} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | – | – | – | – "
            f"| {row['queries']} | {TARGETS_AT_1M.get(name, '–')} | {met} |"
        )
    requests = [
        f"`{name}` {row['url']}{'?' + readable(row['params']) if row['params'] else ''}"
        for name, row in results.items()
        if isinstance(row, dict) and "url" in row
    ]
    if requests:
        lines += ["", "Requests: " + "; ".join(requests) + "."]
    names = results.get("name_search", {})
    lines += [
        "",
        f"Name search: recall@10 **{names.get('recall_at_10')}** over {names.get('queries')} "
        f"spellings not stored verbatim (by kind: {names.get('by_kind')}), p95 "
        f"{names.get('p95_ms')} ms (target at 1M: recall ≥ 0.95, p95 ≤ 50 ms).",
    ]
    load = results.get("throughput", {})
    if load:
        lines.append(
            f"\nThroughput: **{load['requests_per_second']} requests/s** from gunicorn with "
            f"{load['workers']} workers, {load['concurrency']} keep-alive clients on loopback "
            f"for {load['seconds']} s over a mix of searches, a case page and the home page "
            f"({load['errors']} errors)."
        )
    if "generate" in results:
        gen = results["generate"]
        lines.append(
            f"\nGeneration: {results['cases']:,} cases loaded in {gen['load_seconds']:.0f} s, "
            f"searchable after {gen['total_seconds']:.0f} s (`generate_cases`)."
        )
    return "\n".join(lines) + "\n"


def write(results: dict, path: Path) -> None:
    path.write_text(render(results))
