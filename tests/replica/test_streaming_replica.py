"""A real streaming replica (pg_basebackup -R) of a small cluster of its own: public reads
go to it while it is current, staff reads and writes to the primary, and while it lags a
case hidden on the primary is not shown (config/db_router.py)."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest

from config import localdb

ROOT = Path(__file__).resolve().parents[2]
SERVER_OPTIONS = "-c listen_addresses='' -c unix_socket_permissions=0700 -c fsync=off"


def _pg(bindir: Path, tool: str, *args: str) -> None:
    done = localdb._run(bindir, tool, *args, check=False, quiet=True)
    assert done.returncode == 0, f"{tool}: {done.stderr[-2000:]}"


def _socket_url(sock: Path, name: str = "casetracker") -> str:
    return f"postgres://{localdb.DB_USER}@{quote(str(sock), safe='')}/{name}"


@pytest.fixture(scope="module")
def replicated():
    """A fresh primary with the project migrated, and a hot standby streaming from it;
    both servers are stopped and their folders removed whatever the test does."""
    bindir = localdb._ensure_binaries()
    top = Path(tempfile.mkdtemp(prefix="replica-"))
    primary, replica = top / "primary", top / "replica"
    primary_sock, replica_sock = top / "ps", top / "rs"
    for folder in (primary_sock, replica_sock):
        folder.mkdir(mode=0o700)
    localdb._chown_for_cluster(top, primary_sock, replica_sock)
    started = []

    def start(data: Path, sock: Path) -> None:
        log = top / f"{data.name}.log"
        options = f"{SERVER_OPTIONS} -k {sock}"
        _pg(bindir, "pg_ctl", "start", "-w", "-D", str(data), "-l", str(log), "-o", options)
        started.append(data)

    try:
        _pg(bindir, "initdb", "-D", str(primary), "--username", localdb.DB_USER, "--auth", "trust",
            "--encoding", "UTF8", "--locale", "C.UTF-8")  # fmt: skip
        start(primary, primary_sock)
        # A base backup of the running primary that starts as its streaming standby (-R).
        _pg(bindir, "pg_basebackup", "-D", str(replica), "-R", "-X", "stream", "-c", "fast",
            "-h", str(primary_sock), "-U", localdb.DB_USER)  # fmt: skip
        start(replica, replica_sock)
        _pg(bindir, "createdb", "-h", str(primary_sock), "-U", localdb.DB_USER, "casetracker")
        env = {**os.environ, "DATABASE_URL": _socket_url(primary_sock)}
        env.pop("REPLICA_DATABASE_URL", None)
        migrate = [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"]
        done = subprocess.run(migrate, cwd=ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-3000:]
        yield {**env, "REPLICA_DATABASE_URL": _socket_url(replica_sock)}
    finally:
        for data in reversed(started):
            stop = ["pg_ctl", "stop", "-D", str(data), "-m", "immediate"]
            localdb._run(bindir, *stop, check=False, quiet=True)
        shutil.rmtree(top, ignore_errors=True)


@pytest.fixture(scope="module")
def walk(replicated):
    """What tests/replica/probe.py saw, run as a Django process with both databases."""
    env = {
        **replicated,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.replica.probe"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_replica_is_a_streaming_standby(walk):
    assert walk["in_recovery"] == {"default": False, "replica": True}
    assert walk["caught_up"]


def test_public_reads_go_to_the_current_replica(walk):
    for answer in (walk["public_page"], walk["public_api"]):
        assert answer["status"] == 200
        assert answer["shows_first_title"]
        assert answer["replica"] > 0
        assert answer["primary"] == 0


def test_a_streamed_export_reads_the_replica_while_it_is_sent(walk):
    answer = walk["public_export"]
    assert answer["status"] == 200
    assert answer["shows_first_title"]
    assert answer["replica"] > 0
    assert answer["primary"] == 0


def test_a_revalidation_is_answered_from_the_primary_version_alone(walk):
    assert walk["public_page"]["etag"]
    answer = walk["revalidated"]
    assert answer["status"] == 304
    assert answer["primary"] == answer["replica_total"] == 0


def test_staff_reads_go_to_the_primary(walk):
    answer = walk["staff_page"]
    assert answer["status"] == 200
    assert answer["primary"] > 0
    assert answer["replica_total"] == 0


def test_staff_see_their_own_change_while_the_replica_lags(walk):
    answer = walk["staff_own_change"]
    assert answer["status"] == 200
    assert answer["shows_new_title"]
    assert answer["replica_total"] == 0


def test_a_paused_replica_serves_while_no_public_change_is_missing(walk):
    answer = walk["paused_private_write"]
    assert answer["status"] == 200
    assert answer["replica"] > 0
    assert answer["primary"] == 0


def test_a_lagging_replica_never_shows_what_the_primary_hid(walk):
    assert walk["replica_still_shows"]  # replay is paused: the replica still has it public
    lagging = (walk["lagging_page"], walk["lagging_api"], walk["lagging_revalidated"])
    for answer in lagging:
        assert answer["status"] == 404  # never the replica's 200, nor a stale 304
        assert answer["replica"] == 0
        assert answer["primary"] > 0


def test_public_reads_return_to_the_replica_once_it_has_caught_up(walk):
    assert walk["caught_up_again"]
    assert not walk["replica_still_shows_after"]
    answer = walk["caught_up_page"]
    assert answer["status"] == 404
    assert answer["replica"] > 0
    assert answer["primary"] == 0
