"""Benchmark: Lighthouse 12 as a phone would feel the app (mobile emulation, its default
throttling), on five pages, each signed in with the role that uses it: the sign-in page, the
officer's home and classroom form, the supervisor's dashboard and a grant report.

    .venv/bin/python bench/pages.py [--runs 3]

It serves the demo county with gunicorn in production mode, with the static files built
(flask build-assets), installs Lighthouse 12.2.3 with npm into bench/lighthouse/ the first time,
and drives Debian's Chromium (CHROME_PATH, default /usr/bin/chromium). Each report must be of the
page asked for, not the sign-in page it would be sent to without a session.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade

from bench.officers import Browser, sign_in
from bench.serving import DATA, ROOT, free_port, fresh_database, start_gunicorn, stop, wait_until_up
from sro_log import create_app
from sro_log.assets import build
from sro_log.clock import agency_zone, today_local
from sro_log.demo import seed_demo
from sro_log.extensions import db
from sro_log.models import ReportingPeriod

LIGHTHOUSE_VERSION = "12.2.3"
LIGHTHOUSE = ROOT / "bench" / "lighthouse"
PASSWORD = "demo-password-2026"
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100}
CATEGORIES = tuple(TARGETS)
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"


def lighthouse() -> Path:
    """The Lighthouse command, installed with npm into bench/lighthouse/ when missing."""
    command = LIGHTHOUSE / "node_modules" / ".bin" / "lighthouse"
    if not command.exists():
        LIGHTHOUSE.mkdir(exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(LIGHTHOUSE),
             f"lighthouse@{LIGHTHOUSE_VERSION}"],
            check=True,
        )  # fmt: skip
    return command


def prepare() -> tuple[str, Path, int]:
    """The demo county in a fresh database, the built static files, and a grant period that has
    ended (the report the supervisor reads)."""
    url = fresh_database("sqlite", "sro_log_bench_pages")
    assets = DATA / "pages-assets"
    app = create_app("development", SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        seed_demo(today_local(), 2026, PASSWORD, agency_zone())
        db.session.commit()
        ended = today_local() - timedelta(days=1)
        period = db.session.scalar(
            sa.select(ReportingPeriod.id)
            .where(ReportingPeriod.ends_on <= ended)
            .order_by(ReportingPeriod.ends_on.desc())
        )
        db.engine.dispose()
    build(app, assets)
    return url, assets, period


def cookie_for(port: int, username: str | None) -> str | None:
    if username is None:
        return None
    browser = Browser(port)
    if not sign_in(browser, username, PASSWORD):
        raise RuntimeError(f"{username} could not sign in")
    return "; ".join(f"{k}={v}" for k, v in browser.cookies.items())


def audit_page(port: int, path: str, cookie: str | None, out: Path) -> dict:
    """One Lighthouse run: the three scores (0-100) and the paint figures, checked to be of the
    page asked for."""
    command = [
        str(lighthouse()), f"http://127.0.0.1:{port}{path}", "--quiet", "--output=json",
        f"--output-path={out}", f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]  # fmt: skip
    if cookie:
        command.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(command, check=True, env=env, timeout=300)
    report = json.loads(out.read_text())
    landed = urlsplit(report["finalDisplayedUrl"]).path
    if landed != urlsplit(path).path:
        raise RuntimeError(f"Lighthouse measured {landed}, not {path}: not signed in?")
    audits = report["audits"]
    return {
        **{c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "kb": audits["total-byte-weight"]["numericValue"] / 1024,
        "failed": sorted(
            a["id"]
            for a in audits.values()
            if a.get("score") is not None and a["score"] < 1 and a["scoreDisplayMode"] == "binary"
        ),
    }


def row(name: str, median: dict, failed: list[str]) -> str:
    low = [c for c in CATEGORIES if median[c] < TARGETS[c]]
    scores = " ".join(f"{median[c]:5.0f}" for c in CATEGORIES)
    paint = f"{median['fcp']:6.2f} {median['lcp']:6.2f} {median['kb']:6.0f}"
    audits = f"  (audits failed: {', '.join(failed)})" if failed else ""
    return f"{name:16} {scores} {paint}  {', '.join(low) or 'none'}{audits}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page; medians reported")
    parser.add_argument(
        "--plain", action="store_true", help="serve the plain /static/ files, for comparison"
    )
    args = parser.parse_args()
    lighthouse()
    url, assets, period = prepare()
    pages = [
        ("sign-in page", None, "/auth/login"),
        ("officer's home", "officer", "/activities/"),
        ("classroom form", "officer", "/activities/new/classroom"),
        ("dashboard", "supervisor", "/dashboard/"),
        ("grant report", "supervisor", f"/grants/periods/{period}/report"),
    ]
    port = free_port()
    server = start_gunicorn(
        "wsgi:app", url, port, workers=2, SRO_LOG_ASSETS_DIR="" if args.plain else str(assets),
        SRO_LOG_LOGIN_RATE_LIMIT="1000 per minute",
    )  # fmt: skip
    try:
        wait_until_up(f"http://127.0.0.1:{port}/auth/login")
        print(f"{'page':16} {'perf':>5} {'a11y':>5} {'b-p':>5} {'FCP s':>6} {'LCP s':>6} "
              f"{'KB':>6}  below target")  # fmt: skip
        with tempfile.TemporaryDirectory() as tmp:
            for name, role, path in pages:
                runs = []
                for n in range(args.runs):
                    cookie = cookie_for(port, role)  # a fresh session for each run
                    runs.append(audit_page(port, path, cookie, Path(tmp) / f"{n}.json"))
                median = {k: statistics.median(r[k] for r in runs)
                          for k in (*CATEGORIES, "fcp", "lcp", "kb")}  # fmt: skip
                print(row(name, median, sorted({a for r in runs for a in r["failed"]})))
    finally:
        stop(server)
    served = " (plain static files)" if args.plain else ""
    print(
        f"\nLighthouse {LIGHTHOUSE_VERSION}, mobile, default throttling; median of {args.runs} "
        f"runs{served}; targets: performance {TARGETS['performance']}, accessibility and best "
        "practices 100"
    )


if __name__ == "__main__":
    main()
