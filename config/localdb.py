"""The project-local PostgreSQL cluster used when DATABASE_URL is not set.

Standard library only: the Makefile runs it before the virtual environment exists.
Usage: python3 -m config.localdb start|stop|status|url [NAME]|recreate NAME
"""

import glob
import hashlib
import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parent.parent
_DIGEST = hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:12]


def _postgres_can_enter(path: Path) -> bool:
    """As root the server runs as postgres, who must be able to reach the checkout."""
    if os.geteuid() != 0:
        return True
    return all(folder.stat().st_mode & stat.S_IXOTH for folder in (path, *path.parents))


# Git-ignored folder of the checkout; a folder under /var/tmp when postgres cannot enter it.
DATA_ROOT = (
    BASE_DIR / ".pgdata"
    if _postgres_can_enter(BASE_DIR)
    else Path("/var/tmp") / f"casetracker-{_DIGEST}"
)
CLUSTER_DIR = DATA_ROOT / "cluster"
LOG_FILE = DATA_ROOT / "server.log"
DB_NAME = "casetracker"
DB_USER = "postgres"
# A Unix socket path may be at most 107 bytes; "/.s.PGSQL.5432" takes 14 of them.
MAX_SOCKET_DIR = 90


def socket_dir() -> Path:
    """Inside the data folder, or a short folder under /tmp when that path is too long."""
    inside = DATA_ROOT / "run"
    if len(str(inside)) <= MAX_SOCKET_DIR:
        return inside
    return Path(tempfile.gettempdir()) / f"casetracker-{_DIGEST}"


def database_url(name: str = DB_NAME) -> str:
    host = quote(str(socket_dir()), safe="")
    return f"postgres://{DB_USER}@{host}/{name}"


def _bindir() -> Path | None:
    candidates = []
    if shutil.which("pg_config"):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
        candidates.append(out.stdout.strip())
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists():
            return Path(candidate)
    return None


def _ensure_binaries() -> Path:
    bindir = _bindir()
    if bindir:
        return bindir
    if os.geteuid() != 0:
        sys.exit("PostgreSQL server binaries not found: install postgresql and postgresql-contrib.")
    print("Installing PostgreSQL with apt-get…", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "postgresql", "postgresql-contrib"], check=True, env=env
    )
    bindir = _bindir()
    if not bindir:
        sys.exit("PostgreSQL was installed but initdb is still missing.")
    return bindir


def _as_owner() -> list[str]:
    """initdb refuses to run as root, so root runs the cluster as the postgres user."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def _chown_for_cluster(*paths: Path) -> None:
    if os.geteuid() != 0:
        return
    owner = pwd.getpwnam("postgres")
    for path in paths:
        os.chown(path, owner.pw_uid, owner.pw_gid)


def _run(bindir: Path, tool: str, *args: str, check=True, quiet=False):
    return subprocess.run(
        [*_as_owner(), str(bindir / tool), *args],
        check=check,
        capture_output=quiet,
        text=True,
    )


def _is_running(bindir: Path) -> bool:
    if not (CLUSTER_DIR / "PG_VERSION").exists():
        return False
    return (
        _run(bindir, "pg_ctl", "status", "-D", str(CLUSTER_DIR), check=False, quiet=True).returncode
        == 0
    )


def tuning() -> dict[str, str]:
    """Settings for this machine instead of PostgreSQL's minimal defaults (see README)."""
    memory_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**20
    return {
        # A quarter of the memory, at most 8 GB; the rest serves as the OS page cache.
        "shared_buffers": f"{min(memory_mb // 4, 8192)}MB",
        "effective_cache_size": f"{memory_mb * 3 // 4}MB",
        "random_page_cost": "1.1",  # solid-state storage
    }


def start() -> None:
    bindir = _ensure_binaries()
    DATA_ROOT.mkdir(exist_ok=True)
    sock = socket_dir()
    sock.mkdir(mode=0o700, exist_ok=True)
    _chown_for_cluster(DATA_ROOT, sock)
    if not (CLUSTER_DIR / "PG_VERSION").exists():
        print(f"Creating the PostgreSQL cluster in {CLUSTER_DIR}", flush=True)
        _run(
            bindir,
            "initdb",
            "-D",
            str(CLUSTER_DIR),
            "--username",
            DB_USER,
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--locale",
            "C.UTF-8",
            quiet=True,
        )
    if not _is_running(bindir):
        if LOG_FILE.exists():
            LOG_FILE.unlink()
        # No TCP listener: only the socket, whose folder only the owner (and root) can enter.
        options = f"-c listen_addresses='' -k {sock} -c unix_socket_permissions=0700 "
        options += " ".join(f"-c {name}={value}" for name, value in tuning().items())
        _run(
            bindir,
            "pg_ctl",
            "start",
            "-w",
            "-D",
            str(CLUSTER_DIR),
            "-l",
            str(LOG_FILE),
            "-o",
            options,
            quiet=True,
        )
    exists = _run(
        bindir,
        "psql",
        "-h",
        str(sock),
        "-U",
        DB_USER,
        "-d",
        "postgres",
        "-tAc",
        f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}'",
        quiet=True,
    ).stdout.strip()
    if exists != "1":
        _run(bindir, "createdb", "-h", str(sock), "-U", DB_USER, DB_NAME)
    print(f"PostgreSQL is running: {database_url()}", flush=True)


def recreate(name: str) -> None:
    """Drop and create a database on the running cluster (the benchmark's own)."""
    bindir = _ensure_binaries()
    sock = str(socket_dir())
    _run(bindir, "dropdb", "-h", sock, "-U", DB_USER, "--if-exists", "--force", name)
    _run(bindir, "createdb", "-h", sock, "-U", DB_USER, name)


def stop() -> None:
    bindir = _bindir()
    if bindir and _is_running(bindir):
        _run(bindir, "pg_ctl", "stop", "-D", str(CLUSTER_DIR), "-m", "fast")


def main(argv: list[str]) -> None:
    command = argv[1] if len(argv) > 1 else "status"
    if command == "start":
        start()
    elif command == "stop":
        stop()
    elif command == "url":
        print(database_url(*argv[2:3]))
    elif command == "recreate" and len(argv) == 3:
        recreate(argv[2])
    elif command == "status":
        bindir = _bindir()
        print("running" if bindir and _is_running(bindir) else "stopped")
    else:
        sys.exit(f"unknown command {command!r}: use start, stop, status, url [NAME], recreate NAME")


if __name__ == "__main__":
    main(sys.argv)
