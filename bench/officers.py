"""Simulated officers for the load benchmark: a cookie-keeping HTTP client, the officer's loop
through the real sign-in and entry forms, and the floor's loop of bare inserts."""

import http.client
import re
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

TOKEN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
SAVED = re.compile(r"/activities/(\d+)\?saved=1$")  # Submit sends the officer to the saved entry


class Browser:
    """One officer's cookies over plain HTTP/1.1; a connection per request, as gunicorn's sync
    workers close theirs. Secure cookies are sent back too: the production config marks them
    Secure, and this client stands for a browser behind TLS."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None):
        """(status, location, body, seconds) of one request."""
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        started = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            seconds = time.perf_counter() - started
            for header in response.headers.get_all("Set-Cookie") or ():
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.getheader("Location", ""), data, seconds
        finally:
            conn.close()

    def csrf_token(self, path: str) -> tuple[str | None, float, int]:
        status, _, body, seconds = self.request("GET", path)
        match = TOKEN.search(body.decode()) if status == 200 else None
        return (match.group(1) if match else None), seconds, status


@dataclass
class Outcome:
    """What a run's clients saw; shared by their threads."""

    submits: list[float] = field(default_factory=list)  # seconds, acknowledged submissions
    forms: list[float] = field(default_factory=list)  # seconds, form pages fetched
    errors: list[str] = field(default_factory=list)
    acked: dict[int, str] = field(default_factory=dict)  # entry id -> its summary
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ack(self, entry_id: int, summary: str, seconds: float) -> None:
        with self.lock:
            self.acked[entry_id] = summary
            self.submits.append(seconds)

    def fail(self, what: str) -> None:
        with self.lock:
            self.errors.append(what)


def sign_in(browser: Browser, username: str, password: str) -> bool:
    token, _, _ = browser.csrf_token("/auth/login")
    if token is None:
        return False
    status, location, _, _ = browser.request(
        "POST", "/auth/login", {"username": username, "password": password, "csrf_token": token}
    )
    return status == 302 and "/auth/login" not in location


def officer_loop(n: int, *, port: int, usernames: list[str], password: str, entry: dict,
                 seconds: float, out: Outcome, start: threading.Barrier,
                 pace: float = 0.0) -> None:  # fmt: skip
    """Sign in, wait for the others, then log patrol entries for `seconds`: one straight after
    the other, or one every `pace` seconds with the officers spread evenly over that time.
    After a failure, pause and go on (signing in again if the session was lost)."""
    browser, i = Browser(port), 0
    try:
        signed_in = sign_in(browser, usernames[n], password)
    except (OSError, http.client.HTTPException):
        signed_in = False  # tried again in the loop; the others must not wait for this one
    start.wait()
    until = time.perf_counter() + seconds
    next_entry = time.perf_counter() + pace * n / len(usernames)
    while time.perf_counter() < until:
        time.sleep(max(0.0, next_entry - time.perf_counter()))
        next_entry = max(next_entry + pace, time.perf_counter()) if pace else 0.0
        try:
            if not signed_in:
                signed_in = sign_in(browser, usernames[n], password)
                if not signed_in:
                    raise ConnectionError("sign-in refused")
            token, took, status = browser.csrf_token("/activities/new/patrol")
            if token is None:
                signed_in = status != 302  # sent to sign in: do it again
                raise ConnectionError(f"form answered {status}")
            out.forms.append(took)
            summary = f"load officer {n} entry {i}"
            i += 1
            status, location, _, took = browser.request(
                "POST", "/activities/new/patrol", {**entry, "summary": summary, "csrf_token": token}
            )
            saved = SAVED.search(location) if status == 302 else None
            if saved is None:
                raise ConnectionError(f"submission answered {status}")
            out.ack(int(saved.group(1)), summary, took)
        except (OSError, http.client.HTTPException) as error:
            out.fail(f"{type(error).__name__}: {error}")
            time.sleep(0.05)


def floor_loop(n: int, *, port: int, entry: dict, seconds: float, out: Outcome,
               start: threading.Barrier) -> None:  # fmt: skip
    """The same entries, each one bare POST to the floor endpoint."""
    browser, i = Browser(port), 0
    start.wait()
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        summary = f"floor officer {n} entry {i}"
        i += 1
        try:
            status, _, body, took = browser.request("POST", "/", {**entry, "summary": summary})
            if status != 201:
                raise ConnectionError(f"floor answered {status}")
            out.ack(int(body), summary, took)
        except (OSError, http.client.HTTPException) as error:
            out.fail(f"{type(error).__name__}: {error}")
            time.sleep(0.05)


def run_clients(loop, count: int, seconds: float, on_start=None, **kwargs) -> tuple[Outcome, float]:
    """`count` threads of `loop`, released together once all are ready (signed in), for
    `seconds`, calling `on_start` at the release; the outcome and the time from the release to
    the last thread's end."""
    out, start = Outcome(), threading.Barrier(count + 1)
    threads = [
        threading.Thread(target=loop, args=(n,),
                         kwargs={**kwargs, "seconds": seconds, "out": out, "start": start})
        for n in range(count)
    ]  # fmt: skip
    for thread in threads:
        thread.start()
    start.wait(timeout=120)
    begun = time.perf_counter()
    if on_start is not None:
        on_start()
    for thread in threads:
        thread.join()
    return out, time.perf_counter() - begun
