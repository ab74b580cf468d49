"""Embedded defaults: a PostgreSQL from ``pgserver`` and a broker that needs no server.

Both live under ``var/`` so ``make run`` works on a machine with nothing but Python.
"""

from __future__ import annotations

import logging
from pathlib import Path

logger = logging.getLogger(__name__)

DATABASE_NAME = "portal"


def embedded_database(var_dir: Path) -> dict:
    """Start (or join) the project's own PostgreSQL and return Django's connection settings.

    pgserver keeps a list of the processes using the server and stops it when the last one
    exits, so the dev server, its reloader, the Celery worker and beat share one instance.
    """
    import os

    # pgserver keeps its inter-process lock in the runtime dir; keep it with the project.
    runtime = var_dir / "run"
    runtime.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime))
    import pgserver

    pgdata = var_dir / "pgdata"
    pgdata.mkdir(parents=True, exist_ok=True)
    forget_exited_processes(pgdata)
    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    info = server.get_postmaster_info()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": str(info.socket_dir) if info.socket_dir else (info.hostname or "localhost"),
        "PORT": str(info.port or ""),
    }


def forget_exited_processes(pgdata: Path) -> None:
    """Drop processes that died without saying goodbye (kill -9) from pgserver's list of users,
    so the server still stops when the last living one exits."""
    import json

    import psutil

    handles = pgdata / ".handle_pids.json"
    try:
        pids = json.loads(handles.read_text())
    except (OSError, ValueError):
        return
    alive = [pid for pid in pids if psutil.pid_exists(pid)]
    if alive != pids:
        handles.write_text(json.dumps(alive))


def filesystem_broker_options(folder: Path) -> dict:
    """kombu's filesystem transport: messages are files in one folder (``var/broker``)."""
    processed = folder / "processed"
    control = folder / "control"
    for path in (folder, processed, control):
        path.mkdir(parents=True, exist_ok=True)
    return {
        "data_folder_in": str(folder),
        "data_folder_out": str(folder),
        "processed_folder": str(processed),
        "store_processed": False,
        "control_folder": str(control),
    }
