"""Benchmark: importing 100,000 spreadsheet rows, and creating entries through the API with
8 concurrent clients against gunicorn, on SQLite and on PostgreSQL.

    .venv/bin/python bench/imports.py [--db sqlite,postgresql] [--rows 100000]
                                      [--clients 8] [--per-client 250] [--seconds 60]

Each run starts from a fresh database (migrated, with the demo's people and schools), so the
figures do not depend on what an earlier run left. Rows are checked by the entry forms and
written all or nothing, as `flask import-activities` does; each created entry is audited.
"""

import argparse
import csv
import io
import json
import random
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402

from bench.serving import free_port, fresh_database, start_gunicorn, stop, wait_until_up  # noqa: E402
from sro_log import create_app  # noqa: E402
from sro_log.auth.tokens import create_token  # noqa: E402
from sro_log.clock import agency_zone  # noqa: E402
from sro_log.demo import seed_demo  # noqa: E402
from sro_log.extensions import db  # noqa: E402
from sro_log.imports.columns import COLUMNS  # noqa: E402
from sro_log.imports.reader import limits_of, read_table  # noqa: E402
from sro_log.imports.services import import_activities  # noqa: E402
from sro_log.models import School, User  # noqa: E402

ANCHOR = date(2026, 6, 30)
KIND_ROWS = {
    "classroom": {"topic": "internet_safety", "grade_levels": "7;8", "students_reached": "25",
                  "goals": "educate;connect"},
    "mentoring": {"mode": "individual", "students_count": "1", "concern": "attendance",
                  "referral": "counsellor", "goals": "connect"},
    "incident": {"incident_type": "theft", "action": "report_taken", "students_involved": "1",
                 "goals": "protect;deter"},
    "patrol": {"patrol_type": "hallways", "goals": "deter;connect"},
    "safety": {"safety_type": "lockdown_drill", "goals": "protect"},
    "community": {"event_type": "parent_meeting", "attendees": "30", "goals": "connect"},
    "training": {"course": "Crisis intervention"},
    "admin": {},
}  # fmt: skip


def spreadsheet(rows: int, officers: list[str], schools: list[tuple[str, str]]) -> bytes:
    rng = random.Random(2026)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    for n in range(rows):
        kind = rng.choice(list(KIND_ROWS))
        day = ANCHOR - timedelta(days=rng.randrange(5 * 365))
        district, school = rng.choice(schools)
        row = {"external_ref": f"bench-{n:07d}", "officer": rng.choice(officers),
               "district": district, "school": school, "kind": kind, "status": "approved",
               "occurred_on": day.isoformat(), "start_time": "10:00",
               "duration_minutes": str(rng.choice((20, 30, 45, 60))),
               "summary": f"Imported {kind}", **KIND_ROWS[kind]}  # fmt: skip
        if kind == "incident":
            row.update(reported_at=f"{day}T10:00", arrived_at=f"{day}T10:0{rng.randrange(10)}")
        writer.writerow(row)
    return out.getvalue().encode()


def bench_import(app, rows: int) -> dict:
    with app.app_context():
        officers = list(db.session.scalars(sa.select(User.username).where(User.role == "officer")))
        schools = [(s.district.name, s.name) for s in db.session.scalars(sa.select(School))]
        data = spreadsheet(rows, officers, schools)
        importer = db.session.scalar(sa.select(User).where(User.role == "supervisor"))
        started = time.perf_counter()
        table = read_table("bench.csv", data, limits_of(app.config))
        report = import_activities(table, importer, {"file": "bench.csv", "sha256": "-"})
        db.session.commit()
        seconds = time.perf_counter() - started
        assert report.ok and report.created == rows, report.problems[:5]
    return {"rows": rows, "mb": len(data) / 2**20, "seconds": seconds, "rows_per_s": rows / seconds}


def _post(url: str, token: str, body: dict) -> tuple[int, float]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": f"Bearer {token}",
                                              "Content-Type": "application/json"})  # fmt: skip
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError:
        status = 0  # no answer at all: counted as an error
    return status, time.perf_counter() - started


def bench_api(app, url_db: str, clients: int, per_client: int, seconds: float) -> dict:
    with app.app_context():
        school_id = db.session.scalar(sa.select(School.id))
        tokens = []
        for n in range(clients):
            officer = User(username=f"bench-officer-{n}", full_name=f"Bench {n}", role="officer",
                           password_hash="!")  # fmt: skip
            db.session.add(officer)
            db.session.flush()
            tokens.append(create_token(officer, "bench", 1))
        db.session.commit()
    port = free_port()
    server = start_gunicorn("wsgi:app", url_db, port)
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        wait_until_up(f"{base}/openapi.json")
        latencies, statuses, lock = [], [], threading.Lock()
        deadline = time.perf_counter() + seconds

        def client(token: str, n: int):
            for i in range(per_client):
                if time.perf_counter() > deadline:
                    return
                body = {"kind": "patrol", "occurred_on": "2026-03-10", "duration_minutes": 30,
                        "school_id": school_id, "summary": f"API load {n}-{i}",
                        "goals": ["deter"], "patrol_type": "hallways",
                        "external_ref": f"load-{n}-{i}"}  # fmt: skip
                status, latency = _post(f"{base}/activities", token, body)
                with lock:
                    statuses.append(status)
                    latencies.append(latency)

        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(t, n)) for n, t in enumerate(tokens)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
    finally:
        stop(server)
    created = sum(1 for s in statuses if s == 201)
    ordered = sorted(latencies)
    return {"requests": len(statuses), "created": created, "errors": len(statuses) - created,
            "seconds": elapsed, "rows_per_s": created / elapsed,
            "p50_ms": statistics.median(ordered) * 1000,
            "p95_ms": ordered[int(0.95 * (len(ordered) - 1))] * 1000}  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--per-client", type=int, default=250)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    results = []
    for dialect in args.db.split(","):
        url = fresh_database(dialect, "sro_log_bench_import")
        app = create_app("development", SQLALCHEMY_DATABASE_URI=url)
        with app.app_context():
            upgrade(directory=str(ROOT / "migrations"))
            seed_demo(ANCHOR, 2026, "bench-password-2026", agency_zone())
            db.session.commit()
        imported = bench_import(app, args.rows)
        api = bench_api(app, url, args.clients, args.per_client, args.seconds)
        with app.app_context():
            db.engine.dispose()
        results.append((dialect, imported, api))
    print("\n| db | import rows | MB | seconds | rows/s |")
    print("|---|---|---|---|---|")
    for dialect, i, _ in results:
        print(f"| {dialect} | {i['rows']:,} | {i['mb']:.1f} | {i['seconds']:.1f} | "
              f"{i['rows_per_s']:,.0f} |")  # fmt: skip
    print("\n| db | API clients | created | errors | seconds | entries/s | p50 ms | p95 ms |")
    print("|---|---|---|---|---|---|---|---|")
    for dialect, _, a in results:
        print(f"| {dialect} | {args.clients} | {a['created']:,} | {a['errors']} | "
              f"{a['seconds']:.1f} | {a['rows_per_s']:.0f} | {a['p50_ms']:.0f} | "
              f"{a['p95_ms']:.0f} |")  # fmt: skip


if __name__ == "__main__":
    main()
