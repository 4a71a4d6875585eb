"""Benchmark: hostile and damaged uploads to the import page, at the production limits: each must
be refused with a 4xx in under 2 s, the process growing by under 100 MB.

    .venv/bin/python bench/bad_files.py [--bomb-mb 2048] [--rows 200000]

The files are tests/imports/badfiles.py's, with a zip bomb that unpacks to --bomb-mb MB and files
of --rows rows (over the 100,000-row limit). The app runs in this process on a fresh SQLite
database; its memory is this process's resident set (Linux /proc) and tracemalloc's peak.
"""

import argparse
import gc
import io
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402

from sro_log import create_app  # noqa: E402
from sro_log.extensions import db  # noqa: E402
from sro_log.models import School, User  # noqa: E402
from tests.imports.badfiles import bad_files  # noqa: E402

SECONDS, GROWTH_MB = 2.0, 100.0


def rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bomb-mb", type=int, default=2048)
    parser.add_argument("--rows", type=int, default=200_000)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="sro-bad-files-")
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder}/bench.sqlite",
                     WTF_CSRF_ENABLED=False)  # fmt: skip
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        from sro_log.seeding import seed_reference_data

        with db.engine.begin() as conn:
            seed_reference_data(conn)
        from sro_log.models import District

        db.session.add(School(name="North High", level="high", district=District(name="N")))
        sarge = User(username="sarge", full_name="Sarge", role="supervisor", password_hash="x")
        db.session.add_all([sarge, User(username="deputy", full_name="Deputy", role="officer",
                                        password_hash="x")])  # fmt: skip
        db.session.commit()
        sarge_id = sarge.get_id()
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = sarge_id, True
    files = bad_files(args.rows - 1, bomb_mb=args.bomb_mb)  # files of args.rows rows
    print("| file | upload KB | status | seconds | RSS +MB | peak MB (tracemalloc) | verdict |")
    print("|---|---|---|---|---|---|---|")
    failed = 0
    for name, make in files.items():
        filename, content = make()
        gc.collect()
        before = rss_mb()
        tracemalloc.start()
        started = time.perf_counter()
        response = client.post("/imports/", data={"file": (io.BytesIO(content), filename)},
                               content_type="multipart/form-data")  # fmt: skip
        seconds = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        growth = rss_mb() - before
        ok = 400 <= response.status_code < 500 and seconds < SECONDS and growth < GROWTH_MB
        failed += not ok
        response.close()
        verdict = "ok" if ok else "MISSED"
        print(f"| {name} | {len(content) / 1024:,.0f} | {response.status_code} | {seconds:.2f} | "
              f"{growth:.1f} | {peak / 2**20:.1f} | {verdict} |", flush=True)  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
