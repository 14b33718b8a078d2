"""Time one page through the whole middleware stack, replay its SQL raw, and time the
naive Django approach, all in the same run."""

import re
import statistics
import time
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

DECLARE = re.compile(r'^DECLARE "[^"]+"[^F]*FOR ', re.IGNORECASE)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


@dataclass
class Timing:
    p50_ms: float
    p95_ms: float
    raw_sql_p95_ms: float
    naive_p95_ms: float | None
    queries: int
    status: int

    def as_dict(self) -> dict:
        return {k: (round(v, 2) if isinstance(v, float) else v) for k, v in vars(self).items()}


def _consume(response) -> None:
    if response.streaming:
        for _ in response.streaming_content:
            pass


def time_page(
    client: Client, url: str, params: dict, runs: int, naive=None, headers=None
) -> Timing:
    _consume(client.get(url, params, headers=headers))  # warm caches and connections
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params, headers=headers)
        _consume(response)
    # Server-side cursors (streamed exports) are replayed as the plain SELECT they run.
    statements = [DECLARE.sub("", q["sql"]) for q in captured.captured_queries]
    page = []
    for _ in range(runs):
        started = time.perf_counter()
        _consume(client.get(url, params, headers=headers))
        page.append((time.perf_counter() - started) * 1000)
    raw = []
    with connection.cursor() as cursor:
        for _ in range(runs):
            started = time.perf_counter()
            for sql in statements:
                cursor.execute(sql)
                if cursor.description is not None:
                    cursor.fetchall()
            raw.append((time.perf_counter() - started) * 1000)
    naive_times = []
    if naive is not None:
        for _ in range(max(3, runs // 4)):
            started = time.perf_counter()
            naive()
            naive_times.append((time.perf_counter() - started) * 1000)
    return Timing(
        p50_ms=statistics.median(page),
        p95_ms=percentile(page, 0.95),
        raw_sql_p95_ms=percentile(raw, 0.95),
        naive_p95_ms=percentile(naive_times, 0.95) if naive_times else None,
        queries=len(statements),
        status=response.status_code,
    )
