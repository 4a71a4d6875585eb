"""Benchmark: the CPU one logged entry costs the server, in process (no network, no other
clients): the entry form's GET and its POST, signed in as an officer of the demo county.

    .venv/bin/python bench/entry_cpu.py [--requests 300] [--db sqlite|postgresql] [--profile]
    .venv/bin/python bench/entry_cpu.py --against DIR [--rounds 8] [--requests 100]

Prints CPU milliseconds per request (median and p95 of time.process_time) and, with --profile,
the functions where the POST spends its time. With --against, the same requests run in this
checkout and in another (say a `git worktree` of the commit before a change), in alternating
rounds, so that a neighbour's load on a shared machine weighs on both alike; it prints both and
their ratio.
"""

import argparse
import cProfile
import json
import os
import pstats
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

# --root: the checkout whose code runs (this one unless --against started this worker)
sys.path.insert(0, os.environ.get("SRO_LOG_BENCH_ROOT") or str(Path(__file__).resolve().parents[1]))

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


def prepared(dialect: str, name: str = "sro_log_bench_entry_cpu"):
    url = fresh_database(dialect, name)
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


def signed_in(app):
    client = app.test_client()
    page = client.get("/auth/login").get_data(as_text=True)
    client.post(
        "/auth/login",
        data={"username": "officer2", "password": PASSWORD, "csrf_token": TOKEN.search(page)[1]},
    )
    return client


def entries(client, form, count: int, profiler=None) -> tuple[list[float], list[float]]:
    """CPU seconds of `count` form GETs and their POSTs."""
    gets, posts = [], []
    for n in range(count):
        started = time.process_time()
        page = client.get("/activities/new/patrol").get_data(as_text=True)
        gets.append(time.process_time() - started)
        token = TOKEN.search(page)[1]
        started = time.process_time()
        if profiler:
            profiler.enable()
        answer = client.post(
            "/activities/new/patrol",
            data={**form, "summary": f"cpu {time.time_ns()} {n}", "csrf_token": token},
        )
        if profiler:
            profiler.disable()
        posts.append(time.process_time() - started)
        assert answer.status_code == 302, answer.status_code
    return gets, posts


def summary(spent: list[float]) -> tuple[float, float]:
    ordered = sorted(spent)
    return statistics.median(ordered) * 1000, ordered[int(0.95 * (len(ordered) - 1))] * 1000


def worker(dialect: str, name: str) -> None:
    """Serve rounds for --against: read a count per line, answer the CPU seconds as JSON."""
    app, form = prepared(dialect, name)
    client = signed_in(app)
    entries(client, form, 30)  # warm the caches
    print("ready", flush=True)
    for line in sys.stdin:
        gets, posts = entries(client, form, int(line))
        print(json.dumps([gets, posts]), flush=True)


def compare(args) -> None:
    here, other = Path(__file__).resolve().parents[1], Path(args.against).resolve()
    workers = {}
    for label, root in (("this checkout", here), (f"{other}", other)):
        workers[label] = subprocess.Popen(
            [sys.executable, __file__, "--worker", "--db", args.db],
            env={**os.environ, "SRO_LOG_BENCH_ROOT": str(root)},
            cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
    spent = {label: ([], []) for label in workers}
    for process in workers.values():
        assert process.stdout.readline().strip() == "ready"
    for _ in range(args.rounds):
        for label, process in workers.items():
            process.stdin.write(f"{args.requests}\n")
            process.stdin.flush()
            gets, posts = json.loads(process.stdout.readline())
            spent[label][0].extend(gets)
            spent[label][1].extend(posts)
    for process in workers.values():
        process.stdin.close()
        process.wait()
    medians = {}
    for label, (gets, posts) in spent.items():
        for name, times in (("form GET", gets), ("form POST", posts)):
            median, p95 = summary(times)
            medians[label, name] = median
            print(f"{label}: {name:9} CPU ms median {median:.2f}, p95 {p95:.2f} "
                  f"({args.db}, {len(times)} requests in {args.rounds} rounds)")  # fmt: skip
    (this, *_), (that, *_) = list(workers), list(workers)[1:]
    for name in ("form GET", "form POST"):
        ratio = medians[this, name] / medians[that, name]
        print(f"{name}: this checkout / {that} = {ratio:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--db", default="sqlite", choices=("sqlite", "postgresql"))
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--against", help="another checkout to compare with, in turns")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args.db, f"sro_log_bench_entry_cpu_{os.getpid()}")
    if args.against:
        return compare(args)
    app, form = prepared(args.db)
    client = signed_in(app)
    entries(client, form, args.requests // 10)  # warm the caches
    profiler = cProfile.Profile() if args.profile else None
    gets, posts = entries(client, form, args.requests, profiler)
    for name, spent in (("form GET", gets), ("form POST", posts)):
        median, p95 = summary(spent)
        print(f"{name:10} CPU ms per request: median {median:.2f}, p95 {p95:.2f} "
              f"({args.db}, {len(spent)} requests)")  # fmt: skip
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)


if __name__ == "__main__":
    main()
