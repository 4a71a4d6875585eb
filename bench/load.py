"""Load and durability (`make load`): 20 officers log entries through the real HTML forms against
gunicorn, on SQLite and on PostgreSQL; the same load against a bare insert endpoint is the floor;
then the server is killed with SIGKILL mid-run and restarted, and every acknowledged entry must be
in a database that passes its integrity check.

Each simulated officer signs in through the login form, then loops: GET the entry form (its CSRF
token), POST it, and counts the 302 to the saved entry as the acknowledgement (not followed).
"""

import argparse
import signal
import statistics
import sys
import threading
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade

from bench.officers import Outcome, floor_loop, officer_loop, run_clients
from bench.serving import ROOT, free_port, fresh_database, start_gunicorn, stop, wait_until_up
from sro_log import create_app
from sro_log.clock import agency_zone, today_local
from sro_log.demo import seed_demo
from sro_log.extensions import db
from sro_log.models import AuditEvent, PickListItem, ProgramGoal, School, User
from sro_log.models.activities import Activity, goal_bits_of

PASSWORD = "load-test-password-2026"
# 20 sign-ins from one address within a second: the login limit is raised for the run, only that.
SERVER_ENV = {"SRO_LOG_LOGIN_RATE_LIMIT": "100000 per minute"}


def prepare(dialect: str, officers: int) -> tuple[str, list[str], dict, dict]:
    """A migrated database with the demo county and `officers` more officers: the URL, their
    usernames, the entry form's fields and the floor's."""
    url = fresh_database(dialect, "sro_log_bench_load")
    app = create_app("development", SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        seed_demo(today_local(), 2026, "demo-password-2026", agency_zone())
        names = [f"load-officer-{n}" for n in range(officers)]
        template = User(username="x", full_name="x", role="officer")
        template.set_password(PASSWORD)
        db.session.add_all(User(username=name, full_name=f"Load Officer {n}", role="officer",
                                password_hash=template.password_hash)
                           for n, name in enumerate(names))  # fmt: skip
        school = db.session.scalars(sa.select(School).order_by(School.id)).first()
        deter = db.session.scalar(sa.select(ProgramGoal).where(ProgramGoal.code == "deter"))
        hallways = db.session.scalar(sa.select(PickListItem).where(
            PickListItem.list_name == "patrol_type", PickListItem.code == "hallways"))  # fmt: skip
        db.session.commit()
        entry = {"occurred_on": today_local().isoformat(), "duration_minutes": "30",
                 "location": "in_school", "school_id": str(school.id)}  # fmt: skip
        form = {**entry, "patrol_type_id": str(hallways.id), "goals": str(deter.id),
                "start_time": "", "notes": "", "version": "", "submit_entry": "Submit"}  # fmt: skip
        floor = {**entry, "patrol_type_id": str(hallways.id), "goal_bits": goal_bits_of([deter]),
                 "officer_id": str(db.session.scalar(sa.select(User.id).where(
                     User.username == names[0])))}  # fmt: skip
        db.engine.dispose()
    return url, names, form, floor


def serve(app: str, url: str, port: int, workers: int):
    server = start_gunicorn(app, url, port, workers, **SERVER_ENV)
    wait_until_up(f"http://127.0.0.1:{port}/auth/login" if app == "wsgi:app" else
                  f"http://127.0.0.1:{port}/")  # fmt: skip
    return server


def figures(out: Outcome, seconds: float) -> dict:
    ordered = sorted(out.submits) or [float("nan")]

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000

    forms = sorted(out.forms)
    return {"entries": len(out.acked), "errors": len(out.errors), "seconds": seconds,
            "rate": len(out.acked) / seconds, "p50": statistics.median(ordered) * 1000,
            "p95": pct(0.95), "p99": pct(0.99),
            "form_p95": forms[int(0.95 * (len(forms) - 1))] * 1000 if forms else float("nan"),
            "first_errors": out.errors[:3]}  # fmt: skip


def load_run(url, names, form, officers, seconds, workers, pace=0.0) -> dict:
    port = free_port()
    server = serve("wsgi:app", url, port, workers)
    try:
        out, elapsed = run_clients(officer_loop, officers, seconds, port=port, usernames=names,
                                   password=PASSWORD, entry=form, pace=pace)  # fmt: skip
    finally:
        stop(server)
    return figures(out, elapsed)


def floor_run(url, floor, officers, seconds, workers) -> dict:
    port = free_port()
    server = serve("bench.floor_app:app", url, port, workers)
    try:
        out, elapsed = run_clients(floor_loop, officers, seconds, port=port, entry=floor)
    finally:
        stop(server)
    return figures(out, elapsed)


def crash_run(url, names, form, officers, seconds, workers) -> dict:
    """Kill -9 the server a third of the way in (counted from when the signed-in officers start),
    restart it at once, and let the officers go on."""
    port = free_port()
    servers = [serve("wsgi:app", url, port, workers)]
    downtime = {}

    def crash():
        time.sleep(seconds / 3)
        stop(servers[0], signal.SIGKILL)
        killed = time.perf_counter()
        servers.append(serve("wsgi:app", url, port, workers))
        downtime["seconds"] = time.perf_counter() - killed

    killer = threading.Thread(target=crash)
    try:
        out, elapsed = run_clients(officer_loop, officers, seconds, on_start=killer.start,
                                   port=port, usernames=names, password=PASSWORD,
                                   entry=form)  # fmt: skip
    finally:
        if killer.is_alive():
            killer.join()
        stop(servers[-1])
    return {**figures(out, elapsed), **check_durability(url, out.acked), **downtime}


def check_durability(url: str, acked: dict[int, str]) -> dict:
    """Every acknowledged entry is there with its summary and its create event; the database
    passes its integrity check (SQLite's integrity and foreign-key checks, PostgreSQL's amcheck
    on every B-tree index)."""
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        found = dict(conn.execute(sa.select(Activity.id, Activity.summary)).all())
        audited = set(conn.scalars(sa.select(AuditEvent.object_id).where(
            AuditEvent.action == "activity_create")))  # fmt: skip
        lost = [i for i, summary in acked.items() if found.get(i) != summary]
        unaudited = [i for i in acked if str(i) not in audited]
        if engine.dialect.name == "sqlite":
            integrity = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
            broken_keys = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
            verdict = integrity if not broken_keys else f"{integrity}; foreign keys: {broken_keys}"
        else:
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS amcheck")
            indexes = conn.exec_driver_sql(
                "SELECT c.oid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE a.amname = 'btree' AND n.nspname = 'public'").scalars().all()  # fmt: skip
            for oid in indexes:  # raises on any corruption
                conn.exec_driver_sql(f"SELECT bt_index_check({int(oid)}, true)")
            verdict = f"ok (amcheck, {len(indexes)} indexes)"
    engine.dispose()
    return {"acked": len(acked), "lost": len(lost), "unaudited": len(unaudited),
            "integrity": verdict}  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("--officers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--crash-seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--pace",
        type=float,
        default=1.0,
        help="also a run with each officer logging once per PACE s (0: none)",
    )
    args = parser.parse_args()
    rows, crashes = [], []
    for dialect in args.db.split(","):
        url, names, form, floor = prepare(dialect, args.officers)
        app = load_run(url, names, form, args.officers, args.seconds, args.workers)
        base = floor_run(url, floor, args.officers, args.seconds, args.workers)
        rows.append((dialect, "HTML forms", app, app["rate"] / base["rate"]))
        rows.append((dialect, "floor", base, 1.0))
        if args.pace:
            paced = load_run(url, names, form, args.officers, args.seconds, args.workers, args.pace)
            # Paced, the rate is the officers' own, not the server's: no ratio to the floor.
            rows.append((dialect, f"HTML forms, one per officer per {args.pace:g} s", paced, None))
        crashes.append((dialect, crash_run(url, names, form, args.officers,
                                           args.crash_seconds, args.workers)))  # fmt: skip
    print(
        f"\n{args.officers} officers, {args.seconds:.0f} s each, gunicorn with "
        f"{args.workers} sync workers; latency of the submission (POST), in ms"
    )
    print(
        "| db | target | entries | errors | entries/s | p50 | p95 | p99 | form GET p95 | ÷ floor |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for dialect, target, f, ratio in rows:
        print(f"| {dialect} | {target} | {f['entries']:,} | {f['errors']} | {f['rate']:.0f} | "
              f"{f['p50']:.0f} | {f['p95']:.0f} | {f['p99']:.0f} | {f['form_p95']:.0f} | "
              f"{'—' if ratio is None else f'{ratio:.0%}'} |")  # fmt: skip
    print(
        f"\nkill -9 after {args.crash_seconds / 3:.0f} s of a {args.crash_seconds:.0f} s run, "
        "restarted at once"
    )
    print(
        "| db | acknowledged | lost | without audit event | errors while down | restart s | "
        "integrity |"
    )
    print("|---|---|---|---|---|---|---|")
    for dialect, c in crashes:
        print(f"| {dialect} | {c['acked']:,} | {c['lost']} | {c['unaudited']} | {c['errors']} | "
              f"{c.get('seconds', float('nan')):.1f} | {c['integrity']} |")  # fmt: skip
    for dialect, target, f, _ in rows:
        if f["first_errors"]:
            print(f"{dialect} {target} errors, the first: {f['first_errors']}")
    failed = any(c["lost"] or c["unaudited"] or not c["integrity"].startswith("ok")
                 for _, c in crashes)  # fmt: skip
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
