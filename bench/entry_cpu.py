"""Benchmark: the CPU one logged entry costs the server, in process (no network, no other
clients): the entry form's GET and its POST, signed in as an officer of the demo county.

    .venv/bin/python bench/entry_cpu.py [--requests 300] [--db sqlite|postgresql] [--profile]

Prints CPU milliseconds per request (median and p95 of time.process_time) and, with --profile,
the functions where the POST spends its time.
"""

import argparse
import cProfile
import pstats
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa
from flask_migrate import upgrade

from bench.serving import ROOT, fresh_database
from sro_log import create_app
from sro_log.clock import agency_zone, today_local
from sro_log.demo import seed_demo
from sro_log.extensions import db
from sro_log.models import PickListItem, ProgramGoal, School

PASSWORD = "demo-password-2026"
TOKEN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def prepared(dialect: str):
    url = fresh_database(dialect, "sro_log_bench_entry_cpu")
    app = create_app("development", SQLALCHEMY_DATABASE_URI=url, SRO_LOG_ASSETS_DIR="")
    app.config["SRO_LOG_LOGIN_RATE_LIMIT"] = "1000 per minute"
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        seed_demo(today_local(), 2026, PASSWORD, agency_zone())
        db.session.commit()
        school = db.session.scalars(sa.select(School).order_by(School.id)).first()
        deter = db.session.scalar(sa.select(ProgramGoal).where(ProgramGoal.code == "deter"))
        hallways = db.session.scalar(
            sa.select(PickListItem).where(
                PickListItem.list_name == "patrol_type", PickListItem.code == "hallways"
            )
        )
        form = {
            "occurred_on": today_local().isoformat(), "duration_minutes": "30",
            "location": "in_school", "school_id": str(school.id),
            "patrol_type_id": str(hallways.id), "goals": str(deter.id), "start_time": "",
            "notes": "", "version": "", "submit_entry": "Submit",
        }  # fmt: skip
    return app, form


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--db", default="sqlite", choices=("sqlite", "postgresql"))
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    app, form = prepared(args.db)
    client = app.test_client()
    page = client.get("/auth/login").get_data(as_text=True)
    client.post(
        "/auth/login",
        data={"username": "officer2", "password": PASSWORD, "csrf_token": TOKEN.search(page)[1]},
    )
    gets, posts = [], []
    profiler = cProfile.Profile() if args.profile else None
    for n in range(args.requests):
        started = time.process_time()
        page = client.get("/activities/new/patrol").get_data(as_text=True)
        gets.append(time.process_time() - started)
        token = TOKEN.search(page)[1]
        started = time.process_time()
        if profiler:
            profiler.enable()
        answer = client.post(
            "/activities/new/patrol", data={**form, "summary": f"cpu {n}", "csrf_token": token}
        )
        if profiler:
            profiler.disable()
        posts.append(time.process_time() - started)
        assert answer.status_code == 302, answer.status_code
    for name, spent in (("form GET", gets), ("form POST", posts)):
        ordered = sorted(spent[len(spent) // 10 :])  # the first tenth warms the caches
        p95 = ordered[int(0.95 * (len(ordered) - 1))]
        print(f"{name:10} CPU ms per request: median {statistics.median(ordered) * 1000:.2f}, "
              f"p95 {p95 * 1000:.2f} ({args.db}, {len(ordered)} requests)")  # fmt: skip
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)


if __name__ == "__main__":
    main()
