"""A sergeant at a desk clears a filtered queue: the filters and order survive a Return, "Approve
and next" walks the rest, and the keyboard does the same without the mouse."""

from datetime import date, timedelta
from urllib.parse import parse_qsl, urlsplit

import sqlalchemy as sa
from playwright.sync_api import expect

from sro_log.clock import today_local
from sro_log.models import Activity


def place(url: str) -> tuple[str, dict]:
    """A queue page's path and its filters that filter something (empty fields do not)."""
    parts = urlsplit(url)
    return parts.path, {k: v for k, v in parse_qsl(parts.query) if v}


def test_a_filtered_queue_of_twenty_is_cleared_with_approve_and_next_in_21_actions(
    visit, db, make_user, make_activity
):
    dana = make_user("officer", username="dana", full_name="Dep. Dana Whitfield")
    marcus = make_user("officer", username="marcus", full_name="Dep. Marcus Ortega")
    make_user("supervisor", username="ruth", full_name="Sgt. Ruth Calloway")
    first = max(today_local() - timedelta(days=30), date(2026, 1, 5))
    for i in range(21):  # Dana's 21, one of them to be returned; Marcus's 3 stay waiting
        make_activity(dana, "admin", status="submitted", occurred_on=first + timedelta(days=i),
                      summary=f"Dana's entry {i + 1}")  # fmt: skip
    for i in range(3):
        make_activity(marcus, "admin", status="submitted", occurred_on=first + timedelta(days=i))
    db.session.rollback()
    desk = visit("desktop")

    desk.sign_in("ruth")
    page = desk.page
    expect(page.get_by_test_id("waiting-count")).to_contain_text("24")
    page.goto("/review/")
    page.get_by_label("Officer").select_option(label="Dep. Dana Whitfield")
    page.get_by_label("Order").select_option(label="Newest first")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_test_id("result-count")).to_contain_text("21 entries waiting")
    filtered = page.url
    desk.check_accessible("filtered")

    page.get_by_role("link", name="Dana's entry 21").click()
    desk.check_accessible("from the queue")
    page.get_by_label("Comment for the officer").fill("Which school was this at?")
    page.get_by_role("button", name="Return with comment").click()
    expect(page.get_by_role("status")).to_have_text("Returned to the officer with your comment.")
    assert place(page.url) == place(filtered)  # the same officer, order and page
    expect(page.get_by_test_id("result-count")).to_contain_text("20 entries waiting")
    expect(page.get_by_test_id("waiting-count")).to_contain_text("23")

    desk.interactions = 0
    desk.tap(page.get_by_role("link", name="Dana's entry 20"))
    for _ in range(20):  # bounded: one approval per entry
        expect(page.get_by_role("heading", name="Review")).to_be_visible()
        desk.tap(page.get_by_role("button", name="Approve and next"))
        if "/review/" in page.url:
            break
    expect(page.get_by_role("status").last).to_have_text("Nothing else is waiting in this queue.")
    expect(page.get_by_test_id("result-count")).to_contain_text("0 entries waiting")
    desk.check_accessible("cleared")
    assert desk.interactions <= 21, desk.interactions
    assert place(page.url) == place(filtered)
    statuses = dict(
        db.session.execute(
            sa.select(Activity.officer_id, sa.func.count())
            .where(Activity.status == "submitted")
            .group_by(Activity.officer_id)
        ).all()
    )
    assert statuses == {marcus.id: 3}
    assert not desk.server_errors


def test_the_review_keys_move_through_the_queue_and_approve(visit, db, make_user, make_activity):
    dana = make_user("officer", username="dana", full_name="Dep. Dana Whitfield")
    make_user("supervisor", username="ruth", full_name="Sgt. Ruth Calloway")
    day = max(today_local() - timedelta(days=10), date(2026, 1, 5))
    entries = [
        make_activity(
            dana,
            "admin",
            status="submitted",
            occurred_on=day + timedelta(days=i),
            summary=f"Entry {i + 1}",
        )
        for i in range(3)
    ]
    ids = [e.id for e in entries]
    db.session.rollback()
    desk = visit("desktop")
    desk.sign_in("ruth")
    page = desk.page
    page.goto(f"/activities/{ids[0]}")

    page.keyboard.press("j")
    page.wait_for_url(f"**/activities/{ids[1]}")
    page.keyboard.press("k")
    page.wait_for_url(f"**/activities/{ids[0]}")
    page.keyboard.press("c")
    expect(page.get_by_label("Comment for the officer")).to_be_focused()
    page.keyboard.type("a j k")  # typed into the comment: no shortcut fires
    expect(page.get_by_label("Comment for the officer")).to_have_value("a j k")
    assert page.url.endswith(f"/activities/{ids[0]}")
    page.get_by_label("Comment for the officer").blur()
    page.keyboard.press("a")
    page.wait_for_url(f"**/activities/{ids[1]}")
    expect(page.get_by_role("status").first).to_have_text("Approved.")
    desk.check_accessible("approved, next")
    db.session.expire_all()
    assert [db.session.get(Activity, i).status for i in ids] == [
        "approved",
        "submitted",
        "submitted",
    ]
    assert not desk.server_errors
