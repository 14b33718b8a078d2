"""PostgreSQL dumps of the whole database (pg_dump custom format) and their restore."""

import os
import shutil
import subprocess
from pathlib import Path

from django.db import connections


def _client_env(alias: str = "default") -> tuple[dict, str]:
    """libpq environment for the Django connection, and the database name."""
    params = connections[alias].get_connection_params()
    env = {**os.environ}
    for key, var in (("host", "PGHOST"), ("port", "PGPORT"), ("user", "PGUSER")):
        if params.get(key):
            env[var] = str(params[key])
    if params.get("password"):
        env["PGPASSWORD"] = params["password"]
    return env, params["dbname"]


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise FileNotFoundError(f"{name} not found: install the PostgreSQL client tools.")
    return path


def dump(path: Path, alias: str = "default") -> Path:
    env, dbname = _client_env(alias)
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(path), dbname],
        env=env, check=True,
    )  # fmt: skip
    return path


def restore(path: Path, alias: str = "default", dbname: str | None = None) -> None:
    """Replace the database's content with the dump's, in one transaction."""
    if not path.is_file():
        raise FileNotFoundError(f"No dump at {path}")
    env, default_name = _client_env(alias)
    subprocess.run(
        [
            _tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
            "--exit-on-error", "--dbname", dbname or default_name, str(path),
        ],
        env=env, check=True,
    )  # fmt: skip
