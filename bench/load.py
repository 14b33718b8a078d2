"""Throughput: gunicorn on loopback driven by wrk, and the CPU time each side spends.

wrk (Debian's package, scripts/ensure-wrk) is a C load generator: it leaves the two
cores to gunicorn and PostgreSQL, where the Python one it replaces took a share of them.
CPU seconds are read from /proc over the measured run: gunicorn's processes, the
PostgreSQL backends serving them (tagged with PGAPPNAME, so other clients of a shared
server are not counted), wrk itself and the whole machine.
"""

import http.client
import json
import os
import resource
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

WRK_SCRIPT = Path(__file__).with_name("wrk.lua")
APPLICATION_NAME = "casetracker-bench-gunicorn"
TICK = os.sysconf("SC_CLK_TCK")


def database_url() -> str:
    """The URL of the database this process uses (the test database under pytest)."""
    params = connection.get_connection_params()
    host = quote(params.get("host") or "", safe="")
    port = f":{params['port']}" if params.get("port") else ""
    password = f":{quote(params['password'], safe='')}" if params.get("password") else ""
    return f"postgres://{params.get('user', '')}{password}@{host}{port}/{params['dbname']}"


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None  # gone
    return text[text.rindex(")") + 2 :].split()  # fields from the third (state) on


def cpu_seconds(pid: int) -> float:
    """User and system time of the process, with its children that it has waited for."""
    fields = _stat(pid)
    return 0.0 if fields is None else sum(int(v) for v in fields[11:15]) / TICK


def process_tree(pid: int) -> list[int]:
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in children:
            pids += process_tree(int(child))
    return pids


def machine_busy_seconds() -> float:
    """CPU seconds every core has spent on anything but idle and iowait since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(values[:8]) - values[3] - values[4]) / TICK


def backends() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s", [APPLICATION_NAME]
        )
        return [pid for (pid,) in cursor.fetchall()]


def _snapshot(server_pid: int) -> dict:
    return {
        "gunicorn": {pid: cpu_seconds(pid) for pid in process_tree(server_pid)},
        "postgresql": {pid: cpu_seconds(pid) for pid in backends()},
        "machine": machine_busy_seconds(),
        "wrk": _children_cpu(),
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _spent(before: dict, after: dict) -> dict:
    """CPU seconds per side between two snapshots (a process gone meanwhile is lost)."""
    spent = {
        side: sum(value - before[side].get(pid, 0.0) for pid, value in after[side].items())
        for side in ("gunicorn", "postgresql")
    }
    spent["wrk"] = after["wrk"] - before["wrk"]
    spent["machine"] = after["machine"] - before["machine"]
    return {side: round(value, 2) for side, value in spent.items()}


def _wait_until_idle(server_pid: int, timeout: float = 30) -> None:
    """Until gunicorn has finished what the warm-up left running (wrk stops on time, the
    workers do not): the measured run must not start behind a queue of it."""
    deadline = time.monotonic() + timeout
    last = sum(map(cpu_seconds, process_tree(server_pid)))
    while time.monotonic() < deadline:
        time.sleep(0.25)
        now = sum(map(cpu_seconds, process_tree(server_pid)))
        if now - last < 0.02:
            return
        last = now


@contextmanager
def gunicorn(workers: int):
    """gunicorn serving this database on a free loopback port: yields (base URL, pid)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "SECURE_SSL_REDIRECT": "0", "ALLOWED_HOSTS": "127.0.0.1",
           "DATABASE_URL": database_url(), "PGAPPNAME": APPLICATION_NAME}  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-w", str(workers),
         "-b", f"127.0.0.1:{port}", "--timeout", "60", "--log-level", "warning"],
        cwd=settings.BASE_DIR, env=env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            try:
                probe.request("GET", "/robots.txt")
                probe.getresponse().read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
            finally:
                probe.close()
        yield f"http://127.0.0.1:{port}", server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


def wrk(base: str, mode: str, paths: list[str], seconds: float, threads: int,
        connections: int) -> dict:  # fmt: skip
    """One wrk run with bench/wrk.lua: its totals, latencies and answers by status."""
    command = [
        "wrk", "-t", str(threads), "-c", str(connections), "-d", f"{max(1, round(seconds))}s",
        "--timeout", "30s", "-s", str(WRK_SCRIPT), base, "--", mode, *paths,
    ]  # fmt: skip
    finished = subprocess.run(command, capture_output=True, text=True, check=True)
    line = next(
        (line for line in finished.stdout.splitlines() if line.startswith("wrk-json ")), None
    )
    if line is None:
        raise RuntimeError(f"wrk gave no result: {finished.stdout}\n{finished.stderr}")
    return json.loads(line.removeprefix("wrk-json "))


def measure(base: str, server_pid: int, mode: str, paths: list[str], seconds: float,
            threads: int, connections: int) -> dict:  # fmt: skip
    """A warm-up, then a measured run with the CPU each side spent on it."""
    wrk(base, mode, paths, 2, threads, connections)  # every worker connected and warm
    _wait_until_idle(server_pid)
    before = _snapshot(server_pid)
    result = wrk(base, mode, paths, seconds, threads, connections)
    cpu = _spent(before, _snapshot(server_pid))
    duration = result["duration_us"] / 1e6
    requests = result["requests"]
    served = cpu["gunicorn"] + cpu["postgresql"]
    cores = os.cpu_count()
    per_request = served / requests if requests else None
    limit = cores / per_request if per_request else None
    rate = requests / duration
    return {
        "requests_per_second": round(rate, 1),
        "requests": requests,
        "seconds": round(duration, 1),
        "threads": threads,
        "connections": connections,
        "paths": paths,
        "statuses": result["statuses"],
        "errors": sum(result["errors"].values()),
        "latency_ms": result["latency_ms"],
        "cpu_seconds": cpu,
        "cpu_ms_per_request": {
            side: round(1000 * cpu[side] / requests, 2) if requests else None
            for side in ("gunicorn", "postgresql", "wrk")
        },
        # What the cores could serve if gunicorn and PostgreSQL had them to themselves.
        "cpu_limit_requests_per_second": round(limit, 1) if limit else None,
        "share_of_cpu_limit": round(rate / limit, 2) if limit else None,
        # Busy time of the whole machine that none of the three accounts for.
        "other_cpu_seconds": round(cpu["machine"] - served - cpu["wrk"], 2),
    }


def throughput(seconds: float, workers: int, mix: list[str], hot: list[str]) -> dict:
    """The mix of pages with plain GETs, and a press spike: browsers revalidating the hot
    case page and the home page (one wrk thread per path, each keeping its validators)."""
    with gunicorn(workers) as (base, pid):
        plain = measure(base, pid, "mix", mix, seconds, threads=2, connections=10)
        spike = measure(base, pid, "revalidate", hot, seconds, len(hot), 5 * len(hot))
        results = {"workers": workers, "mix": plain, "spike": spike}
    spike["revalidations_per_second"] = round(spike["statuses"].get("304", 0) / spike["seconds"], 1)
    return results
