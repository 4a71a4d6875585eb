"""Benchmark: a grant report for one whole school year at county scale (about 50,000 entries),
exported as CSV, XLSX and PDF, on SQLite and PostgreSQL; seconds and peak memory per format;
and one district's CSV (a district partner's publication, decided with its windows).

    .venv/bin/python bench/report.py [--db sqlite,postgresql] [--repeat 3]

It uses the dashboard benchmark's county data set (generated on first use, then kept) and adds
one grant whose period is the last whole school year.
"""

import argparse
import gc
import sys
import time
import tracemalloc
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from dashboard import PG_OPTIONS, _rss_mb, database_url, prepare

from sro_log import create_app
from sro_log.clock import now_utc, today_local
from sro_log.dashboard.periods import preset_range
from sro_log.extensions import db
from sro_log.grants.exporting import FORMATS, export_report
from sro_log.grants.reporting import ReportScope
from sro_log.grants.services import create_grant
from sro_log.models import District, Grant, ReportingPeriod

TARGETS = {"xlsx": 3.0, "pdf": 5.0}  # seconds, county scale, one school year
AWARD = "BENCH-SCHOOL-YEAR"


def school_year_period() -> ReportingPeriod:
    first, last = preset_range("last_school_year", today_local())
    grant = db.session.scalar(sa.select(Grant).where(Grant.award_number == AWARD))
    if grant is None or grant.starts_on != first:
        if grant is not None:
            db.session.delete(grant)
            db.session.flush()
        grant = create_grant({"name": "Benchmark grant", "funder": "Benchmark",
                              "award_number": AWARD, "starts_on": first, "ends_on": last,
                              "cadence": "school_year", "due_days": 30}, actor=None)  # fmt: skip
        db.session.commit()
    return grant.periods[0]


def measure(app, dialect: str, repeat: int) -> None:
    with app.app_context():
        period = school_year_period()
        export_report(period, ReportScope(), "pdf", None, now_utc())  # warm: fonts, templates
        db.session.rollback()
        district = db.session.scalar(sa.select(District.id).order_by(District.id))
        for fmt, scope, label in [
            *((f, ReportScope(), "all") for f in FORMATS),
            ("csv", ReportScope(district_id=district), "district"),
        ]:
            times = []
            for _ in range(repeat):
                gc.collect()
                started = time.perf_counter()
                exported = export_report(period, scope, fmt, None, now_utc())
                times.append(time.perf_counter() - started)
                db.session.rollback()  # the benchmark keeps no audit events
            gc.collect()
            rss_before = _rss_mb()
            tracemalloc.start()
            export_report(period, scope, fmt, None, now_utc())
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            db.session.rollback()
            entries = db.session.scalar(
                sa.text(
                    "SELECT count(*) FROM activities WHERE status = 'approved'"
                    " AND deleted_at IS NULL AND occurred_on BETWEEN :a AND :b"
                ),
                {"a": period.starts_on, "b": period.ends_on},
            )
            seconds = sorted(times)[len(times) // 2]
            target = TARGETS.get(fmt)
            shown = f"<{target:g}s" if target else "—"
            verdict = "" if target is None else (" ok" if seconds < target else " MISSED")
            size = len(exported.content)
            print(f"county  {dialect:10} {label:8} {fmt:5} {entries:>8,} {seconds:>8.3f}s "
                  f"{peak / 2**20:>8.1f} {_rss_mb() - rss_before:>8.1f} {size:>10,}"
                  f" {shown:>6}{verdict}", flush=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'scale':7} {'db':10} {'scope':8} {'fmt':5} {'entries':>8} {'median':>9} "
          f"{'peak MB':>8} {'RSS +MB':>8} {'bytes':>10} {'target':>6}")  # fmt: skip
    for dialect in args.db.split(","):
        options = {"pool_pre_ping": True}
        if dialect == "postgresql":
            options["connect_args"] = {"options": PG_OPTIONS}
        app = create_app("testing", SQLALCHEMY_DATABASE_URI=database_url("county", dialect),
                         SQLALCHEMY_ENGINE_OPTIONS=options)  # fmt: skip
        prepare(app, "county")
        measure(app, dialect, args.repeat)
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
