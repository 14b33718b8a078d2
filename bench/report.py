"""bench/RESULTS.md from bench/results.json: the figures, the targets, the commands."""

import os
import platform
from pathlib import Path


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {memory:.0f} GiB, {platform.platform()}"


def readable(params: dict) -> str:
    """A query string as a reader types it (Cyrillic left as is)."""
    # An API cursor is a long opaque token: its first characters are enough to tell.
    return "&".join(
        f"{name}={value if len(str(value)) <= 40 else str(value)[:12] + '…'}"
        for name, value in params.items()
    )


def _mark(met) -> str:
    return "–" if met is None else ("yes" if met else "**no**")


def _ms(value) -> str:
    return "–" if value is None else f"{value:.1f}"


def scenario_lines(results: dict) -> list[str]:
    lines = [
        "| scenario | URL | route | p50 ms | p95 ms | raw SQL p95 ms | page / raw | naive p95 ms "
        "| queries | status | p95 target ms | p95 met | ≤ 3× raw |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for name, row in results.items():
        if not isinstance(row, dict) or "targets" not in row:
            continue
        goals = row["targets"]
        url = row["url"] + ("?" + readable(row["params"]) if row["params"] else "")
        if row.get("headers"):
            url += " (" + ", ".join(row["headers"]) + ")"
        status = str(row["status"]) if goals["status_met"] else f"**{row['status']}**"
        lines.append(
            f"| {name} | `{url}` | `{row['route'] or '(home)'}` | {_ms(row['p50_ms'])} "
            f"| {_ms(row['p95_ms'])} | {_ms(row['raw_sql_p95_ms'] or None)} "
            f"| {_ms(goals['raw_sql_ratio'])} | {_ms(row.get('naive_p95_ms'))} "
            f"| {row['queries']} | {status} | {goals['p95_ms'] or 'streamed'} "
            f"| {_mark(goals['p95_met'])} | {_mark(goals['raw_sql_ratio_met'])} |"
        )
    return lines


def load_lines(load: dict) -> list[str]:
    if not load:
        return []
    lines = [
        "",
        f"## Throughput (wrk against gunicorn, {load['workers']} workers, on loopback)",
        "",
        "| run | requests/s | requests | answers | p50 / p95 / p99 ms | CPU ms a request "
        "(gunicorn + PostgreSQL, wrk) | CPU limit requests/s | share of limit | other CPU s |",
        "|---|---:|---:|---|---|---|---:|---:|---:|",
    ]
    for name, run in (("mix", load.get("mix")), ("press spike", load.get("spike"))):
        if not run:
            continue
        cpu = run["cpu_ms_per_request"]
        latency = run["latency_ms"]
        answers = ", ".join(f"{n} × {status}" for status, n in sorted(run["statuses"].items()))
        lines.append(
            f"| {name} | {run['requests_per_second']} | {run['requests']} | {answers} "
            f"| {latency['p50']} / {latency['p95']} / {latency['p99']} "
            f"| {cpu['gunicorn']} + {cpu['postgresql']}, {cpu['wrk']} "
            f"| {run['cpu_limit_requests_per_second']} | {run['share_of_cpu_limit']} "
            f"| {run['other_cpu_seconds']} |"
        )
    mix, spike = load.get("mix", {}), load.get("spike", {})
    lines += [
        "",
        f"The mix (`wrk -t{mix.get('threads')} -c{mix.get('connections')} -d{mix.get('seconds')}s`"
        f", plain GETs cycling through {', '.join(f'`{p}`' for p in mix.get('paths', []))}). "
        "The press spike: one wrk thread per path of "
        f"{', '.join(f'`{p}`' for p in spike.get('paths', []))}, each sending the validators of "
        "its first answer as a browser does (`If-None-Match`, `If-Modified-Since`): "
        f"**{spike.get('revalidations_per_second')} revalidations/s** (304 answers). "
        "*CPU limit* is what two cores could serve at the CPU time gunicorn and PostgreSQL "
        "spent per request (from /proc over the run); *share of limit* how close the run came "
        "to it; *other CPU* is machine time none of them spent (other work on the machine).",
    ]
    return lines


def target_lines(summary: dict) -> list[str]:
    if not summary:
        return []
    mix, revalidations = summary["mix_requests_per_second"], summary["revalidations_per_second"]
    return [
        "",
        "## Targets at 1,000,000 cases",
        "",
        f"- p95 ≤ 100 ms for every public URL but streamed exports (stricter where earlier "
        f"issues set it): {_mark(summary['every_p95_met'])}"
        + (f" (missed: {', '.join(summary['p95_missed'])})" if summary["p95_missed"] else ""),
        f"- page ≤ 3× its raw SQL: {_mark(summary['every_raw_sql_ratio_met'])}"
        + (
            f" (missed: {', '.join(summary['raw_sql_ratio_missed'])})"
            if summary["raw_sql_ratio_missed"]
            else ""
        ),
        f"- every scenario answers its expected status: {_mark(summary['every_status_expected'])}"
        + (f" ({', '.join(summary['unexpected_status'])})" if summary["unexpected_status"] else ""),
        f"- the mix ≥ {mix['target']} requests/s: {_mark(mix['met'])} ({mix['measured']})",
        f"- revalidations of a hot page ≥ {revalidations['target']} requests/s: "
        f"{_mark(revalidations['met'])} ({revalidations['measured']})",
    ]


def render(results: dict) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Measured {results.get('measured_at', '?')} on {machine()}, with "
        f"{results['cases']:,} generated cases ({results['public_cases']:,} public).",
        "",
        f"Reproduce: `BENCH_CASES={results['cases']} make bench` (or `generate_cases` and "
        "`run_bench` on a database of your own). One scenario for every kind of public URL, "
        "found from the URLconf (`bench/urlconf.py`; a route without one fails "
        "tests/bench), each URL chosen from the data (`bench/scenarios.py`: the organization "
        "and the person with the most statements and cases, the source cited most, the "
        "sitemap index's pages, API cursors ten pages deep). Each page is timed "
        "through the whole middleware stack with Django's test client; *raw SQL* replays the "
        "page's own queries on a cursor in the same run; *naive* is the admin-style approach "
        "(`icontains` over the text columns, exact `COUNT`, `OFFSET` paging). Targets are the "
        "issue's, stated for 1,000,000 cases (`bench/targets.py`).",
        "",
        *scenario_lines(results),
    ]
    if results.get("routes_without_scenario"):
        lines += ["", f"Routes without a scenario: {results['routes_without_scenario']}."]
    names = results.get("name_search", {})
    if names:
        lines += [
            "",
            f"Name search: recall@10 **{names.get('recall_at_10')}** over {names.get('queries')} "
            f"spellings not stored verbatim (by kind: {names.get('by_kind')}), p95 "
            f"{names.get('p95_ms')} ms (target at 1M: recall ≥ 0.95, p95 ≤ 50 ms).",
        ]
    lines += load_lines(results.get("throughput", {}))
    lines += target_lines(results.get("targets", {}))
    if "generate" in results:
        gen = results["generate"]
        lines.append(
            f"\nGeneration: {results['cases']:,} cases loaded in {gen['load_seconds']:.0f} s, "
            f"searchable after {gen['total_seconds']:.0f} s (`generate_cases`)."
        )
    return "\n".join(lines) + "\n"


def write(results: dict, path: Path) -> None:
    path.write_text(render(results))
