"""Serving the app (or the floor) with gunicorn for the load benchmarks, and a fresh database."""

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"
PG_SERVER = os.environ.get("SRO_LOG_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")
SECRET = "bench-only-" + "x" * 40


def fresh_database(dialect: str, name: str) -> str:
    """An empty database named `name`: a file under bench/data, or a PostgreSQL database."""
    if dialect == "sqlite":
        DATA.mkdir(exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DATA / name}.sqlite{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{DATA / name}.sqlite"
    server = sa.create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    server.dispose()
    return f"{PG_SERVER}/{name}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(app: str, url_db: str, port: int, workers: int = 4, **env) -> subprocess.Popen:
    """gunicorn in its own process group (so a kill reaches every worker), in production mode;
    its output goes to bench/data/server.log."""
    environment = {**os.environ, "SRO_LOG_DATABASE_URL": url_db, "SRO_LOG_ENV": "production",
                   "SECRET_KEY": SECRET, **env}  # fmt: skip
    DATA.mkdir(exist_ok=True)
    with open(DATA / "server.log", "ab") as log:  # the app's own log lines, out of the way
        return subprocess.Popen(
            [str(ROOT / ".venv/bin/gunicorn"), "-w", str(workers), "-b", f"127.0.0.1:{port}",
             "--log-level", "warning", app],
            cwd=ROOT, env=environment, start_new_session=True, stdout=log, stderr=log,
        )  # fmt: skip


def wait_until_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {seconds:.0f} s")


def stop(server: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """Signal the whole process group (master and workers) and wait for the master."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, sig)
    server.wait(timeout=30)
