"""An entry's way through review in two browsers: the supervisor at a desk returns it, the officer
fixes it on a phone and resubmits, the supervisor approves it."""

from datetime import date, timedelta

import sqlalchemy as sa
from playwright.sync_api import expect

from sro_log.clock import today_local
from sro_log.models import AuditEvent, PickListItem


def test_a_returned_entry_is_fixed_on_a_phone_resubmitted_and_approved(
    visit, db, make_user, make_school, make_activity
):
    officer = make_user("officer", username="dana", full_name="Dep. Dana Whitfield")
    make_user("supervisor", username="ruth", full_name="Sgt. Ruth Calloway")
    topic = db.session.scalar(sa.select(PickListItem).where(PickListItem.code == "careers"))
    day = max(today_local() - timedelta(days=2), date(2026, 1, 5))
    entry = make_activity(officer, "classroom", school=make_school(), status="submitted",
                          occurred_on=day, topic_id=topic.id, students_reached=12,
                          summary="Careers talk")  # fmt: skip
    entry_id = entry.id
    db.session.rollback()
    desk, phone = visit("desktop"), visit("phone")

    desk.sign_in("ruth")
    queue = desk.page
    expect(queue.get_by_test_id("result-count")).to_have_text("1 entry waiting")
    desk.check_accessible("filled")
    queue.get_by_role("link", name="Careers talk").click()
    queue.get_by_role("button", name="Return with comment").click()
    expect(queue.locator("#comment-error")).to_be_visible()
    desk.check_accessible("with errors")
    queue.get_by_label("Comment for the officer").fill("Two classes came: 28 students, not 12.")
    desk.check_accessible("filled")
    queue.get_by_role("button", name="Return with comment").click()
    expect(queue.get_by_role("status")).to_have_text("Returned to the officer with your comment.")
    expect(queue.get_by_test_id("result-count")).to_have_text("0 entries waiting")
    desk.check_accessible("empty")

    phone.sign_in("dana")
    home = phone.page
    returned = home.get_by_role("region", name="Returned for correction (1)")
    expect(returned).to_contain_text("Two classes came: 28 students, not 12.")
    phone.check_accessible("returned")
    phone.tap(returned.get_by_role("link"))
    expect(home.get_by_role("status")).to_contain_text("Returned by your supervisor")
    phone.check_accessible("returned")
    phone.fill(home.get_by_label("Students reached", exact=True), "28")
    phone.tap(home.get_by_role("button", name="Submit", exact=True))
    expect(home.get_by_role("status")).to_have_text("Your changes are saved.")
    phone.check_accessible("saved")
    phone.tap(home.get_by_role("link", name="Back to my week"))
    expect(home.get_by_role("heading", name="Log your work")).to_be_visible()
    expect(home.get_by_role("region", name="Returned for correction (1)")).to_have_count(0)

    queue.reload()
    expect(queue.get_by_test_id("result-count")).to_have_text("1 entry waiting")
    queue.get_by_label(f"Select entry {entry_id}").check()
    queue.get_by_role("button", name="Approve selected").click()
    expect(queue.get_by_role("status")).to_have_text("Approved 1 entry.")
    desk.check_accessible("approved")

    home.goto(f"/activities/{entry_id}")
    expect(home.get_by_role("link", name="Edit")).to_have_count(0)
    phone.check_accessible("approved")
    actions = db.session.scalars(
        sa.select(AuditEvent.action)
        .where(AuditEvent.object_id == str(entry_id), AuditEvent.action.startswith("activity_"))
        .order_by(AuditEvent.id)
    ).all()
    assert actions == ["activity_return", "activity_update", "activity_submit", "activity_approve"]
