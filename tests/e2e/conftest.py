"""Browser fixtures: the app served on 127.0.0.1 from a thread, and Debian's Chromium driven by the
pip playwright package (no downloaded browser). The server shares the run's database, so the
suite's factories set the scene and its cleanup clears it after each test."""

import os
import subprocess
import threading
from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright
from werkzeug.serving import make_server

from tests.e2e.browsing import NOTES, AxeLedger, Visit

CHROMIUM = os.environ.get("SRO_LOG_CHROMIUM", "/usr/bin/chromium")
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
# Generous waits: in CI two suites and two browsers share two cores.
expect.set_options(timeout=15_000)
LEDGER = AxeLedger()
OUTCOMES: dict[str, str] = {}  # test id -> passed or failed (a failed setup or teardown too)
# The live server is Werkzeug's development server. When the browser leaves a page while one of
# its static files is still being sent (approve, and on to the next entry), the server drops
# the connection and leaves that file to the garbage collector, whose ResourceWarning
# (an error under filterwarnings) would fail whichever test runs then. Only that warning, only
# for a static file, only in the browser tests: the app's own responses are checked as before.
DROPPED_STATIC_FILE = (
    "ignore:unclosed file <_io.BufferedReader name='[^']*/static/:ResourceWarning",
    "ignore:Exception ignored in. <_io.FileIO name='[^']*/static/"
    ":pytest.PytestUnraisableExceptionWarning",
)
HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.is_relative_to(HERE):
            for rule in DROPPED_STATIC_FILE:
                item.add_marker(pytest.mark.filterwarnings(rule))


def pytest_runtest_logreport(report):
    if report.nodeid.startswith("tests/e2e/"):
        if report.failed:
            OUTCOMES[report.nodeid] = "failed"
        elif report.when == "call":
            OUTCOMES.setdefault(report.nodeid, report.outcome)


def pytest_terminal_summary(terminalreporter):
    """How many browser tests ran (CI checks this line), what axe-core checked, what was counted."""
    if not OUTCOMES:
        return
    version = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout
    ran = ", ".join(f"{n} {outcome}" for outcome, n in sorted(Counter(OUTCOMES.values()).items()))
    terminalreporter.write_sep("-", "browser tests")
    terminalreporter.write_line(f"browser tests: {len(OUTCOMES)} ran ({ran}) "
                                f"in {version.strip() or CHROMIUM}")  # fmt: skip
    terminalreporter.write_line(f"axe-core: {LEDGER.summary()}")
    for note in NOTES:
        terminalreporter.write_line(note)


@pytest.fixture(scope="package")
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


# Package scope: Playwright's event loop stops when the browser tests end, before other tests.
@pytest.fixture(scope="package")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        yield browser
        browser.close()


@pytest.fixture
def visit(browser, live_server, db):
    """Open a fresh browser context (its own cookies) on a viewport: `visit("phone")`; other
    options are Playwright's for the context (`java_script_enabled=False`: axe-core, a script,
    then checks nothing; the same pages are checked with scripts on by the other tests)."""
    db.session.rollback()  # hold no snapshot of the database while the server writes
    visits: list[Visit] = []

    def open_visit(viewport: str = "desktop", **options) -> Visit:
        # Reduced motion turns off Bootstrap's smooth scrolling and transitions, so a click
        # lands where Playwright aimed it and axe sees colours after, not during, a change.
        context = browser.new_context(
            base_url=live_server, accept_downloads=True, reduced_motion="reduce",
            **VIEWPORTS[viewport], **options,
        )  # fmt: skip
        context.set_default_timeout(15_000)
        scripts = options.get("java_script_enabled", True)
        visits.append(Visit(context, viewport, LEDGER, scripts))
        return visits[-1]

    yield open_visit
    for opened in visits:
        opened.close()
    for opened in visits:
        assert not opened.server_errors, opened.server_errors
        assert not opened.unchecked_pages(), f"not checked by axe: {opened.unchecked_pages()}"
