"""A new deputy's first day on a phone: asked for the school, shown the saved entry, a long
note counted rather than cut, and a mistaken entry deleted, confirmed and brought back."""

import sqlalchemy as sa
from playwright.sync_api import expect

from sro_log.models import Activity, AuditEvent


def test_a_new_officer_is_asked_for_the_school_and_sees_the_saved_entry(
    visit, db, make_user, make_school
):
    make_school()
    make_user("officer", username="casey", full_name="Dep. Casey Moore")  # no assignment yet
    db.session.rollback()
    phone = visit("phone")
    phone.sign_in("casey")
    page = phone.page

    phone.tap(page.get_by_role("link", name="Classroom instruction", exact=True))
    school = page.get_by_label("School", exact=True)
    expect(school.locator("option:checked")).to_have_text("Choose the school…")
    expect(page.get_by_text("You have no school assigned today")).to_be_visible()
    phone.check_accessible("no assignment")
    page.get_by_label("Topic", exact=True).select_option(index=1)
    page.get_by_label("Students reached", exact=True).fill("24")
    page.get_by_label("Summary", exact=True).fill("Internet safety, 7th grade")
    note = page.get_by_label("Notes", exact=True)
    pasted = "Spoke with the counsellor about follow-up. " * 240  # 10,080 characters
    note.fill(pasted)
    expect(note).to_have_value(pasted)  # not cut at 4,000
    expect(page.locator("#notes-count")).to_contain_text("over the limit of 4,000")
    phone.tap(page.get_by_role("button", name="Submit", exact=True))

    expect(page.locator("#school_id-error")).to_have_text(
        "Choose the school, or set Where to off campus."
    )
    expect(page.locator("#notes-error")).to_contain_text("longer than 4000")
    expect(page.get_by_label("Notes", exact=True)).to_have_value(pasted)
    phone.check_accessible("with errors")
    school.select_option(label="Northfield High (Northfield R-VII)")
    page.get_by_label("Notes", exact=True).fill("Follow-up with the counsellor on Friday.")
    expect(page.locator("#notes-count")).to_have_text("40 of 4,000 characters")
    phone.tap(page.get_by_role("button", name="Submit", exact=True))

    expect(page.get_by_role("status")).to_contain_text("Saved: Classroom instruction on")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Classroom instruction")
    expect(page.get_by_text("Internet safety, 7th grade")).to_be_in_viewport()
    expect(page.get_by_role("link", name="Log another like this")).to_be_in_viewport()
    expect(page.get_by_role("link", name="Log something else")).to_be_visible()
    phone.check_accessible("saved")
    entry = db.session.scalars(sa.select(Activity)).one()
    assert entry.school.name == "Northfield High" and entry.status == "submitted"
    assert not phone.server_errors


def test_delete_asks_once_and_undo_brings_the_entry_back_with_its_audit_events(
    visit, db, make_user, make_activity
):
    dana = make_user("officer", username="dana", full_name="Dep. Dana Whitfield")
    entry_id = make_activity(dana, "patrol", status="submitted", summary="Wrong day patrol").id
    db.session.rollback()
    phone = visit("phone")
    phone.sign_in("dana")
    page = phone.page
    page.goto(f"/activities/{entry_id}")

    phone.tap(page.get_by_role("link", name="Delete…"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete this entry?")
    phone.check_accessible("asking")
    phone.tap(page.get_by_role("link", name="Keep it"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Patrol")
    phone.tap(page.get_by_role("link", name="Delete…"))
    phone.tap(page.get_by_role("button", name="Delete the entry"))

    expect(page.get_by_role("status")).to_contain_text("Deleted: Patrol")
    phone.check_accessible("deleted")
    phone.tap(page.get_by_role("button", name="Undo"))
    expect(page.get_by_role("status")).to_have_text("The entry is back.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("submitted")
    phone.check_accessible("restored")

    db.session.expire_all()
    assert db.session.get(Activity, entry_id).deleted_at is None
    events = db.session.scalars(
        sa.select(AuditEvent.action)
        .where(AuditEvent.object_id == str(entry_id), AuditEvent.action.startswith("activity_"))
        .order_by(AuditEvent.id)
    ).all()
    assert events == ["activity_delete", "activity_restore"]
    assert not phone.server_errors
