"""gunicorn preloads the app once and forks its workers; each worker drops the database pool it
inherited (without closing the parent's connections) and answers on connections of its own."""

import json
import os
import runpy
import socket
import subprocess
import sys
import time
import types
import urllib.request
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import upgrade

from sro_log import create_app
from sro_log.extensions import db

ROOT = Path(__file__).resolve().parents[1]
CONFIG = runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_the_settings_preload_the_app():
    printed = subprocess.run(
        [str(ROOT / ".venv/bin/gunicorn"), "--print-config", "wsgi:app"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "SRO_LOG_ENV": "testing"},
    )  # fmt: skip
    assert printed.returncode == 0, printed.stderr
    settings = {
        name.strip(): value.strip()
        for name, _, value in (line.partition("=") for line in printed.stdout.splitlines())
    }
    assert settings["preload_app"] == "True"
    assert settings["post_fork"] == "<post_fork()>"  # ours, not gunicorn's empty default


def test_the_entry_point_loads_the_app_without_collections_and_freezes_what_it_built():
    probe = (
        "import gc, json; runs = lambda: sum(s['collections'] for s in gc.get_stats()); "
        "before = runs(); import wsgi; "
        "print(json.dumps([runs() - before, gc.isenabled(), gc.get_freeze_count()]))"
    )
    env = {**os.environ, "SRO_LOG_ENV": "testing"}
    command = [sys.executable, "-c", probe]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    collections, enabled, frozen = json.loads(done.stdout.splitlines()[-1])
    # About 530 with the collector on; one may run while wsgi.py itself is read, before it
    # turns the collector off.
    assert collections <= 2
    assert enabled  # the workers forked from this process collect their own garbage
    assert frozen > 100_000  # ... but never walk the modules and classes the import built


def test_a_forked_worker_drops_the_inherited_pool_and_leaves_the_parents_connection_open(
    app, monkeypatch
):
    monkeypatch.setitem(sys.modules, "wsgi", types.SimpleNamespace(app=app))
    with app.app_context():
        inherited = db.engine.pool
        parent = db.engine.connect()  # a connection the parent process holds
        CONFIG["post_fork"](server=None, worker=None)

        assert db.engine.pool is not inherited  # the worker's queries use a pool of its own
        assert parent.execute(sa.text("SELECT 1")).scalar() == 1  # the parent's still works
        parent.close()
        with db.engine.connect() as own:
            assert own.execute(sa.text("SELECT 2")).scalar() == 2
        inherited.dispose()  # what the parent process would do with its own, in the end


def test_a_preloaded_server_with_two_workers_answers(tmp_path):
    url = f"sqlite:///{tmp_path / 'served.sqlite'}"
    with create_app("testing", SQLALCHEMY_DATABASE_URI=url).app_context():
        upgrade(directory=str(ROOT / "migrations"))
        db.engine.dispose()
    port = _free_port()
    env = {**os.environ, "SRO_LOG_ENV": "testing", "SRO_LOG_TEST_DATABASE_URL": url}
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}", "wsgi:app"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        statuses = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(statuses) < 20:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/auth/login", timeout=5) as r:
                    statuses.append(r.status)
            except OSError:
                time.sleep(0.1)
        assert statuses == [200] * 20
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert b"Traceback" not in errors, errors.decode()[-2000:]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
