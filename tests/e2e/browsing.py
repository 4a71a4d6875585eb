"""What a person does in the browser, counted; and the axe-core check of each page they reach."""

import re
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Locator, Page

from tests.conftest import PASSWORD

BLOCKING = ("serious", "critical")
_ID = re.compile(r"/\d+(?=/|$|\.)")
_axe = Axe()
NOTES: list[str] = []  # figures the journeys measured, printed at the end of the run


def route_of(url: str) -> str:
    """The page a URL shows, without ids or query: /activities/12/edit -> /activities/<id>/edit."""
    return _ID.sub("/<id>", urlsplit(url).path)


class AxeLedger:
    """Every page state axe-core checked in the run, and every page the journeys reached."""

    def __init__(self):
        self.checked: set[tuple[str, str, str]] = set()  # (route, state, viewport)
        self.visited: set[str] = set()

    def routes_checked(self) -> set[str]:
        return {route for route, _, _ in self.checked}

    def summary(self) -> str:
        return (
            f"{len(self.checked)} page states on {len(self.routes_checked())} pages checked "
            f"({len(self.visited)} pages visited); a serious or critical violation fails its test"
        )


class Visit:
    """One person's browser tab on one viewport, with the interactions they made counted."""

    def __init__(
        self, context: BrowserContext, viewport: str, ledger: AxeLedger, scripts: bool = True
    ):
        self.context, self.viewport, self.ledger = context, viewport, ledger
        self.scripts = scripts  # axe-core is a script: a tab without scripts is not checked
        self.page: Page = context.new_page()
        self.interactions = 0
        self.visited: set[str] = set()
        self.server_errors: list[str] = []
        self.page.on("response", self._on_response)
        self.page.on("framenavigated", self._on_navigated)

    def _on_response(self, response) -> None:
        if response.status >= 500:
            self.server_errors.append(f"{response.status} {response.url}")

    def _on_navigated(self, frame) -> None:
        if frame == self.page.main_frame and frame.url.startswith("http"):
            self.visited.add(route_of(frame.url))
            if self.scripts:
                self.ledger.visited.add(route_of(frame.url))

    def goto(self, path: str) -> Page:
        self.page.goto(path)
        return self.page

    def tap(self, target: Locator) -> None:
        """A tap on a phone, a click on a desktop."""
        self.interactions += 1
        if self.viewport == "phone":
            target.tap()
        else:
            target.click()

    def fill(self, target: Locator, value: str) -> None:
        self.interactions += 1
        target.fill(value)

    def select(self, target: Locator, label: str) -> None:
        self.interactions += 1
        target.select_option(label=label)

    def sign_in(self, username: str, password: str = PASSWORD) -> None:
        """Sign in through the form: the one on screen, if the tab was sent there."""
        page = self.page
        if route_of(page.url) != "/auth/login":
            page.goto("/auth/login")
        self.check_accessible("empty")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in").click()
        self.check_accessible("signed in")

    def check_accessible(self, state: str) -> None:
        """axe-core on the page as it stands: no serious or critical violation."""
        key = (route_of(self.page.url), state, self.viewport)
        if not self.scripts or key in self.ledger.checked:
            return  # the same page in the same state on the same viewport: checked already
        self.page.wait_for_load_state("load")  # a click returns once the next page starts
        violations = _axe.run(self.page).response["violations"]
        blocking = [
            f"{v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}: "
            f"{v['nodes'][0].get('failureSummary', '')}"
            for v in violations
            if v["impact"] in BLOCKING
        ]
        assert not blocking, f"{key}: {blocking}"
        self.ledger.checked.add(key)

    def unchecked_pages(self) -> set[str]:
        """Pages this tab reached that axe-core has not checked in any state."""
        if not self.scripts:
            return set()
        return self.visited - self.ledger.routes_checked()

    def close(self) -> None:
        self.context.close()
