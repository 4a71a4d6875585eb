"""Browser fixtures: the app served on 127.0.0.1 from a thread, and Debian's Chromium driven by the
pip playwright package (no downloaded browser). The server shares the run's database, so the
suite's factories set the scene and its cleanup clears it after each test."""

import os
import threading

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from tests.e2e.browsing import AxeLedger, Visit

CHROMIUM = os.environ.get("SRO_LOG_CHROMIUM", "/usr/bin/chromium")
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


@pytest.fixture(scope="session")
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_ledger():
    ledger = AxeLedger()
    yield ledger
    print(f"\naxe-core: {ledger.summary()}")


@pytest.fixture
def visit(browser, live_server, axe_ledger, db):
    """Open a fresh browser context (its own cookies) on a viewport: `visit("phone")`."""
    db.session.rollback()  # hold no snapshot of the database while the server writes
    visits: list[Visit] = []

    def open_visit(viewport: str = "desktop") -> Visit:
        context = browser.new_context(
            base_url=live_server, accept_downloads=True, **VIEWPORTS[viewport]
        )
        context.set_default_timeout(15_000)
        visits.append(Visit(context, viewport, axe_ledger))
        return visits[-1]

    yield open_visit
    for opened in visits:
        opened.close()
    for opened in visits:
        assert not opened.server_errors, opened.server_errors
        assert not opened.unchecked_pages(), f"not checked by axe: {opened.unchecked_pages()}"
