"""The targets at 1,000,000 cases (issues 7 and 12), stated once for results.json and
RESULTS.md."""

# Every public URL: p95 at most this, except streamed exports.
P95_MS = 100
# Stricter targets that earlier issues set for some scenarios.
P95_MS_BY_SCENARIO = {
    "search_rare": 100, "search_rare_filtered": 100, "search_medium": 100,
    "search_medium_filtered": 100, "name_same_script": 50, "name_cross_script": 50,
    "filter_only": 50, "deep_page": 50, "case_page": 30,
}  # fmt: skip
# A page's time at most this many times its raw SQL.
RAW_SQL_RATIO = 3
MIX_REQUESTS_PER_SECOND = 20
REVALIDATIONS_PER_SECOND = 500


def p95_target(name: str, streamed: bool) -> int | None:
    return None if streamed else P95_MS_BY_SCENARIO.get(name, P95_MS)


def scenario_targets(name: str, row: dict, streamed: bool) -> dict:
    """Each target of one scenario with whether it is met (None: it does not apply)."""
    target = p95_target(name, streamed)
    raw = row["raw_sql_p95_ms"]
    ratio = row["p95_ms"] / raw if raw else None
    return {
        "p95_ms": target,
        "p95_met": None if target is None else row["p95_ms"] <= target,
        "raw_sql_ratio": round(ratio, 2) if ratio else None,
        "raw_sql_ratio_met": None if ratio is None else ratio <= RAW_SQL_RATIO,
        "status_met": row["status"] == row["expected_status"],
    }


def summary(results: dict) -> dict:
    """Every target of the run, met or not, in one place."""
    rows = {k: v for k, v in results.items() if isinstance(v, dict) and "targets" in v}
    missed_p95 = sorted(k for k, v in rows.items() if v["targets"]["p95_met"] is False)
    missed_ratio = sorted(k for k, v in rows.items() if v["targets"]["raw_sql_ratio_met"] is False)
    wrong_status = sorted(k for k, v in rows.items() if not v["targets"]["status_met"])
    load = results.get("throughput", {})
    mix = load.get("mix", {}).get("requests_per_second")
    revalidations = load.get("spike", {}).get("revalidations_per_second")
    return {
        "every_p95_met": not missed_p95, "p95_missed": missed_p95,
        "every_raw_sql_ratio_met": not missed_ratio, "raw_sql_ratio_missed": missed_ratio,
        "every_status_expected": not wrong_status, "unexpected_status": wrong_status,
        "mix_requests_per_second": {"target": MIX_REQUESTS_PER_SECOND, "measured": mix,
                                    "met": None if mix is None else mix >= MIX_REQUESTS_PER_SECOND},
        "revalidations_per_second": {
            "target": REVALIDATIONS_PER_SECOND, "measured": revalidations,
            "met": None if revalidations is None else revalidations >= REVALIDATIONS_PER_SECOND,
        },
    }  # fmt: skip
