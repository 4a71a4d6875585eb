"""Benchmark: build the whole dashboard (tiles, tables, charts; no HTTP) at county and state
scale, on SQLite and PostgreSQL, against the floor of hand-written SQL.

    .venv/bin/python bench/dashboard.py [--scale county,state] [--db sqlite,postgresql]

PostgreSQL data sets go to databases sro_log_bench_<scale> on 127.0.0.1 (created if missing);
SQLite ones to bench/data/. Both are kept, so a second run skips generation.
"""

import argparse
import gc
import os
import statistics
import sys
import time
import tracemalloc
from functools import partial
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from datagen import SCALES, existing_entries, generate
from flask_migrate import upgrade
from floor import run_floor

from sro_log import create_app
from sro_log.clock import today_local
from sro_log.dashboard.periods import preset_range
from sro_log.extensions import db
from sro_log.reports.dashboard import build_dashboard, draw_charts
from sro_log.reports.filters import APPROVED, EntryFilter

DATA = Path(__file__).resolve().parent / "data"
PG_SERVER = os.environ.get("SRO_LOG_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")
# A reporting server's usual setting (PostgreSQL's default 4 MB spills the goals join to disk).
# The dashboard and the floor share the engine, so both run with it.
PG_OPTIONS = os.environ.get("SRO_LOG_BENCH_PG_OPTIONS", "-c work_mem=64MB")
TARGETS = {  # (scale, db, view) -> seconds
    ("county", "sqlite", "school year"): 0.4,
    ("county", "sqlite", "all years"): 2.0,
    ("state", "postgresql", "school year"): 1.5,
    ("state", "postgresql", "all years"): 3.0,
}


def database_url(scale: str, dialect: str) -> str:
    if dialect == "sqlite":
        DATA.mkdir(exist_ok=True)
        return f"sqlite:///{DATA / f'{scale}.sqlite'}"
    name = f"sro_log_bench_{scale}"
    server = sa.create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        if not conn.execute(
            sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
        ).scalar():
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    server.dispose()
    return f"{PG_SERVER}/{name}"


def prepare(app, scale: str) -> None:
    wanted = SCALES[scale][0]
    with app.app_context():
        kept = existing_entries() == wanted
        db.session.remove()  # end the counting transaction: the migration needs its locks
        if kept:
            upgrade()  # a kept data set gets the newer migrations (and their backfills)
        else:
            print(f"  generating {wanted:,} entries ...", flush=True)
            meta = sa.MetaData()
            meta.reflect(db.engine)
            meta.drop_all(db.engine)
            upgrade()
            started = time.perf_counter()
            generate(scale, today_local())
            print(f"  generated in {time.perf_counter() - started:.0f} s", flush=True)
        # Autovacuum does this in production; a freshly loaded or backfilled table needs it by
        # hand for the planner's statistics and for PostgreSQL's index-only scans.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            postgresql = conn.dialect.name == "postgresql"
            conn.exec_driver_sql("VACUUM ANALYZE" if postgresql else "ANALYZE")


def timed(fns: dict, repeat: int) -> dict[str, float]:
    """The median seconds of each function, run in turns (one of each, `repeat` times) so that
    this machine's slow spells fall on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            gc.collect()
            started = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(spent) for name, spent in times.items()}


def measure(app, scale: str, dialect: str, repeat: int) -> list[dict]:
    rows = []
    with app.app_context():
        today = today_local()
        first_day = db.session.scalar(sa.text("SELECT min(occurred_on) FROM activities"))
        views = {
            "school year": preset_range("this_school_year", today),
            "all years": (_as_date(first_day), today),
        }
        draw_charts(build_dashboard(EntryFilter(*views["school year"], statuses=APPROVED)))
        for view, (first, last) in views.items():
            f = EntryFilter(date_from=first, date_to=last, statuses=APPROVED)
            raw = db.engine.raw_connection()
            try:
                floor_run = partial(run_floor, raw.driver_connection, dialect, first, last)
                spent = timed({"dashboard": partial(_whole_dashboard, f), "floor": floor_run},
                              repeat)  # fmt: skip
            finally:
                raw.close()
            seconds, floor = spent["dashboard"], spent["floor"]
            db.session.remove()
            gc.collect()
            rss_before = _rss_mb()
            tracemalloc.start()
            dashboard = draw_charts(build_dashboard(f))
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            rss_growth = _rss_mb() - rss_before
            target = TARGETS.get((scale, dialect, view))
            rows.append(
                {
                    "scale": scale,
                    "db": dialect,
                    "view": view,
                    "entries": dashboard.tiles["entries"],
                    "dashboard_s": seconds,
                    "floor_s": floor,
                    "ratio": seconds / floor,
                    "peak_mb": peak / 2**20,
                    "rss_growth_mb": rss_growth,
                    "target_s": target,
                }
            )
            print(_line(rows[-1]), flush=True)
    return rows


def _rss_mb() -> float:
    """The process's resident memory now (Linux)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _whole_dashboard(f: EntryFilter):
    return draw_charts(build_dashboard(f))


def _as_date(value):
    from datetime import date

    return value if isinstance(value, date) else date.fromisoformat(str(value))


HEADER = (
    f"{'scale':7} {'db':10} {'view':11} {'entries':>9} {'dashboard':>10} {'floor':>8} "
    f"{'ratio':>6} {'peak MB':>8} {'RSS +MB':>8} {'target':>7}"
)


def _line(r: dict) -> str:
    target = f"<{r['target_s']:g} s" if r["target_s"] else "—"
    ok = "" if not r["target_s"] else (" ok" if r["dashboard_s"] < r["target_s"] else " MISSED")
    ratio_ok = "" if r["ratio"] <= 2.0 else " (ratio > 2)"
    return (
        f"{r['scale']:7} {r['db']:10} {r['view']:11} {r['entries']:>9,} "
        f"{r['dashboard_s']:>9.3f}s {r['floor_s']:>7.3f}s {r['ratio']:>6.2f} "
        f"{r['peak_mb']:>8.1f} {r['rss_growth_mb']:>8.1f} {target:>7}{ok}{ratio_ok}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="county,state")
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(HEADER)
    for scale in args.scale.split(","):
        for dialect in args.db.split(","):
            print(f"[{scale} on {dialect}]", flush=True)
            options = {"pool_pre_ping": True}
            if dialect == "postgresql":
                options["connect_args"] = {"options": PG_OPTIONS}
            app = create_app(
                "testing",
                SQLALCHEMY_DATABASE_URI=database_url(scale, dialect),
                SQLALCHEMY_ENGINE_OPTIONS=options,
            )
            prepare(app, scale)
            measure(app, scale, dialect, args.repeat)
            with app.app_context():
                db.engine.dispose()


if __name__ == "__main__":
    main()
