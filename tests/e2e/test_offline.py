"""An officer logs work on a phone without a signal (issue 21): the pages open offline from the
service worker, entries wait on the phone, and when the network is back each is stored exactly
once, even when a send is cut after the server stored it. A refused entry stays on the phone
with the server's message until the officer opens and corrects it; signing out with an entry
waiting asks first, and another officer on the same phone never sees it."""

from datetime import date

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from sro_log.catalog import KINDS
from sro_log.clock import today_local
from sro_log.models import Activity, Assignment, AuditEvent, PickListItem, UserSession
from tests.e2e.test_officer_journeys import fields_for

KEPT = """async () => {
  if (!navigator.serviceWorker.controller) return false;
  const cache = await caches.open('sro-log-pages-v1');
  return Boolean(await cache.match('/offline-stamp'));
}"""


@pytest.fixture
def dana(db, make_user, make_school):
    officer = make_user("officer", username="dana", full_name="Dep. Dana Whitfield")
    db.session.add(Assignment(officer=officer, school=make_school(), starts_on=date(2026, 8, 1)))
    db.session.commit()
    db.session.rollback()
    return officer


def signed_in_and_kept(tab, username: str):
    """Signed in, with the service worker controlling the page and the pages kept."""
    tab.sign_in(username)
    page = tab.page
    for _ in range(150):  # evaluate awaits the check's promise (wait_for_function would not)
        if page.evaluate(KEPT):
            break
        page.wait_for_timeout(100)
    else:
        pytest.fail("the service worker did not keep the officer's pages")
    page.reload()
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    return page


def fill_entry(tab, kind: str, summary: str) -> None:
    """Fill in the open form of this kind, today, with this summary."""
    page = tab.page
    for action, label, value in fields_for(kind, today_local()):
        field = page.get_by_label(label, exact=True)
        tab.select(field, value) if action == "select" else tab.fill(field, value)
    tab.fill(page.get_by_label("Summary", exact=True), summary)


def log_offline(tab, kind: str, waiting: int) -> None:
    page = tab.page
    page.goto(f"/activities/new/{kind}")  # from the service worker: the network is off
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Log: {KINDS[kind][0]}")
    tab.check_accessible("offline")
    fill_entry(tab, kind, f"Offline {kind}")
    tab.tap(page.get_by_role("button", name="Submit", exact=True))
    expect(page.locator("#outbox")).to_contain_text(f"Saved on this phone: {waiting} waiting")


LEFT_ON_THE_PHONE = """() => new Promise((resolve) => {
  const officer = document.body.dataset.officer;
  const open = indexedDB.open('sro-log-outbox-' + officer, 1);
  open.onsuccess = () => {
    const count = open.result.transaction('entries').objectStore('entries').count();
    count.onsuccess = () => { open.result.close(); resolve(count.result); };
  };
})"""


def wait_until_sent(page, left: int = 0) -> None:
    """Until the phone's store holds `left` entries: each is deleted once the server stored
    it (the list starts hidden, so its being hidden proves nothing)."""
    for _ in range(150):
        if page.evaluate(LEFT_ON_THE_PHONE) == left:
            return
        page.wait_for_timeout(100)
    pytest.fail(f"the phone still holds {page.evaluate(LEFT_ON_THE_PHONE)} entries")


def stored(db, officer) -> list[Activity]:
    db.session.rollback()
    return list(db.session.scalars(sa.select(Activity).where(Activity.officer_id == officer.id)))


def test_three_entries_made_offline_are_stored_once_each_even_when_a_send_is_cut(visit, db, dana):
    tab = visit("phone")
    page = signed_in_and_kept(tab, "dana")
    tab.context.set_offline(True)
    page.reload()  # the home page opens without a network
    expect(page.get_by_role("heading", name="Log your work")).to_be_visible()
    for waiting, kind in enumerate(("patrol", "classroom", "admin"), start=1):
        log_offline(tab, kind, waiting)
    tab.check_accessible("offline, three waiting")
    assert stored(db, dana) == []

    cut = []

    def store_then_lose_the_answer(route):
        if route.request.method == "POST" and not cut:
            cut.append(route.fetch())  # the server stores the entry...
            route.abort()  # ...and the phone never hears so
        else:
            route.continue_()

    page.route("**/activities/new/*", store_then_lose_the_answer)
    tab.context.set_offline(False)  # the page sends on "online"
    for _ in range(150):  # Playwright runs the route handler while the test waits
        if cut:
            break
        page.wait_for_timeout(100)
    page.wait_for_timeout(500)  # the page hears of the cut and stops sending
    expect(page.locator("#outbox")).to_contain_text("3 waiting")  # the cut stopped the sending
    assert len(stored(db, dana)) == 1 and cut[0].status == 200
    page.reload()  # the next page with a network sends what waits
    wait_until_sent(page)
    expect(page.locator("#outbox")).to_be_hidden()
    entries = stored(db, dana)
    assert sorted(e.kind for e in entries) == ["admin", "classroom", "patrol"]
    assert all(e.external_ref.startswith("device-") for e in entries)
    created = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "activity_create")
    ).all()
    assert len(created) == 3
    assert all("made_on_device_at" in event.changes for event in created)


def test_an_entry_made_before_the_session_ended_is_sent_after_signing_in_again(visit, db, dana):
    tab = visit("phone")
    page = signed_in_and_kept(tab, "dana")
    tab.context.set_offline(True)
    log_offline(tab, "training", 1)
    db.session.execute(sa.delete(UserSession))  # the session ends while the phone is offline
    db.session.commit()
    tab.context.set_offline(False)
    page.wait_for_timeout(1000)  # the page tried, and was refused
    assert stored(db, dana) == []
    assert page.evaluate(LEFT_ON_THE_PHONE) == 1
    page.goto("/activities/")  # sent to sign in
    tab.sign_in("dana")
    wait_until_sent(page)
    expect(page.locator("#outbox")).to_be_hidden()
    assert [e.kind for e in stored(db, dana)] == ["training"]


def test_a_refused_entry_stays_with_its_message_until_corrected_and_no_other_officer_sees_it(
    visit, db, dana, make_user
):
    make_user("officer", username="sam")
    tab = visit("phone")
    page = signed_in_and_kept(tab, "dana")
    tab.context.set_offline(True)
    log_offline(tab, "patrol", 1)
    hallways = db.session.scalar(sa.select(PickListItem).where(PickListItem.code == "hallways"))
    hallways.active = False  # retired while the phone was offline
    db.session.commit()
    tab.context.set_offline(False)
    outbox = page.locator("#outbox")
    expect(outbox).to_contain_text("Not accepted: Patrol type")
    expect(outbox).to_contain_text("1 waiting")
    tab.check_accessible("a refused entry waits")
    assert stored(db, dana) == []

    tab.tap(outbox.get_by_role("link", name="Open"))  # the officer corrects it on the phone
    patrol_type = page.get_by_label("Patrol type", exact=True)
    expect(patrol_type).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Summary", exact=True)).to_have_value("Offline patrol")
    tab.check_accessible("a refused entry opened")
    tab.select(patrol_type, "Lunch")
    tab.tap(page.get_by_role("button", name="Submit", exact=True))
    expect(page.get_by_role("heading", name="Log your work")).to_be_visible()
    wait_until_sent(page)
    expect(outbox).to_be_hidden()
    (entry,) = stored(db, dana)
    assert entry.summary == "Offline patrol" and entry.external_ref.startswith("device-")

    tab.context.set_offline(True)  # one more, left waiting for the sign-out
    log_offline(tab, "admin", 1)
    page.route("**/activities/new/*", lambda route: route.abort())  # the signal is poor
    tab.context.set_offline(False)
    page.goto("/activities/")
    expect(outbox).to_contain_text("1 waiting")

    warnings = []
    page.once("dialog", lambda dialog: (warnings.append(dialog.message), dialog.accept()))
    tab.tap(page.get_by_role("button", name="Toggle navigation"))  # a phone's folded menu
    tab.tap(page.get_by_role("button", name="Sign out"))
    page.wait_for_url("**/auth/login")
    assert "1 entry is still waiting" in warnings[0]
    tab.sign_in("sam")
    expect(page.get_by_role("heading", name="Log your work")).to_be_visible()
    page.wait_for_timeout(500)  # time for the outbox to be read and shown, were it shared
    expect(page.locator("#outbox")).to_be_hidden()


def test_with_a_signal_that_drops_requests_entries_wait_and_are_stored_once(visit, db, dana):
    """Lie-fi: the phone says it is online, but requests fail. The first entry reaches the
    server and its answer is lost; the second never arrives. Both wait on the phone, and the
    next page with a working signal stores each once."""
    tab = visit("phone")
    page = signed_in_and_kept(tab, "dana")
    answers = []

    def poor_signal(route):
        if route.request.method != "POST":
            return route.continue_()
        if not answers:
            answers.append(route.fetch())  # stored, and the answer is lost on the way
        route.abort()

    page.route("**/activities/new/*", poor_signal)
    for waiting, kind in enumerate(("patrol", "classroom"), start=1):
        page.goto(f"/activities/new/{kind}")
        fill_entry(tab, kind, f"Poor signal {kind}")
        tab.tap(page.get_by_role("button", name="Submit", exact=True))
        expect(page.locator("#outbox")).to_contain_text(f"Saved on this phone: {waiting} waiting")
        tab.check_accessible(f"poor signal, {waiting} waiting")
    assert answers[0].status == 200 and [e.kind for e in stored(db, dana)] == ["patrol"]

    page.unroute("**/activities/new/*")
    page.goto("/activities/")  # the signal is good again
    wait_until_sent(page)
    expect(page.locator("#outbox")).to_be_hidden()
    assert sorted(e.kind for e in stored(db, dana)) == ["classroom", "patrol"]


def test_with_a_good_signal_a_submitted_entry_opens_as_saved_and_messages_show_at_fields(
    visit, db, dana
):
    tab = visit("phone")
    page = signed_in_and_kept(tab, "dana")
    page.goto("/activities/new/patrol")
    tab.tap(page.get_by_role("button", name="Submit", exact=True))  # nothing filled in
    expect(page.get_by_label("Summary", exact=True)).to_have_attribute("aria-invalid", "true")
    tab.check_accessible("refused")
    fill_entry(tab, "patrol", "Good signal")
    tab.tap(page.get_by_role("button", name="Submit", exact=True))
    page.wait_for_url("**/activities/*?saved=1")
    tab.check_accessible("saved")
    (entry,) = stored(db, dana)
    assert entry.summary == "Good signal" and entry.status == "submitted"
    assert page.evaluate(LEFT_ON_THE_PHONE) == 0


def test_without_javascript_an_officer_still_logs_an_entry(visit, db, dana):
    tab = visit("phone", java_script_enabled=False)
    tab.sign_in("dana")
    page = tab.page
    page.goto("/activities/new/patrol")
    fill_entry(tab, "patrol", "No script")
    tab.tap(page.get_by_role("button", name="Submit", exact=True))
    page.wait_for_url("**/activities/*?saved=1")
    tab.check_accessible("saved without script")
    (entry,) = stored(db, dana)
    assert entry.summary == "No script" and entry.external_ref is None
