"""An officer logs their work in the browser: every kind, on a phone and on a desktop; the classroom
session in a few taps; and the same by keyboard alone."""

from datetime import date

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from sro_log.catalog import KINDS
from sro_log.clock import today_local
from sro_log.models import Activity, Assignment, PickListItem
from sro_log.templating import duration
from tests.e2e.browsing import NOTES


def fields_for(kind: str, today: date) -> list[tuple[str, str, str]]:
    """What an officer fills in beyond the form's defaults: (action, field label, value)."""
    return {
        "classroom": [("select", "Topic", "Internet safety"), ("fill", "Students reached", "24")],
        "mentoring": [("select", "Concern", "Attendance"), ("select", "Referral", "None")],
        "incident": [("select", "Incident type", "Theft"),
                     ("fill", "Reported at", f"{today.isoformat()}T00:00"),
                     ("select", "Most serious action", "Report taken")],
        "patrol": [("select", "Patrol type", "Hallways")],
        "safety": [("select", "Safety work", "Fire drill")],
        "community": [("select", "Event type", "Parent meeting"), ("fill", "Attendees", "40")],
        "training": [("fill", "Course", "Active threat response")],
        "admin": [],
    }[kind]  # fmt: skip


@pytest.fixture
def dana(db, make_user, make_school):
    """An officer assigned to one school, so new entries default to it."""
    officer = make_user("officer", username="dana", full_name="Dep. Dana Whitfield")
    school = make_school()
    db.session.add(Assignment(officer=officer, school=school, starts_on=date(2026, 8, 1)))
    db.session.commit()
    db.session.rollback()
    return officer


def log_entry(tab, kind: str, today: date, summary: str) -> None:
    """From the home page: open the kind's form, fill what the defaults leave, submit."""
    page = tab.page
    tab.tap(page.get_by_role("link", name=KINDS[kind][0], exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Log: {KINDS[kind][0]}")
    tab.check_accessible("empty")
    for action, label, value in fields_for(kind, today):
        field = page.get_by_label(label, exact=True)
        tab.select(field, value) if action == "select" else tab.fill(field, value)
    tab.fill(page.get_by_label("Summary", exact=True), summary)
    tab.check_accessible("filled")
    tab.tap(page.get_by_role("button", name="Submit", exact=True))
    expect(page.get_by_role("status")).to_contain_text(f"Saved: {KINDS[kind][0]}")
    tab.check_accessible("saved")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_an_officer_logs_one_entry_of_each_kind_and_sees_it_in_their_week(
    visit, db, dana, viewport
):
    today = today_local()
    tab = visit(viewport)
    tab.sign_in("dana")
    page = tab.page
    expect(page.get_by_role("heading", name="Log your work")).to_be_visible()
    tab.check_accessible("empty")

    # A first try with nothing filled in: errors at the fields, what was typed kept.
    tab.tap(page.get_by_role("link", name=KINDS["incident"][0], exact=True))
    page.get_by_label("Summary", exact=True).fill("Theft of a phone from a locker")
    tab.tap(page.get_by_role("button", name="Submit", exact=True))
    expect(page.get_by_role("alert")).to_contain_text("Please correct the fields marked below")
    expect(page.locator("#incident_type_id-error")).to_have_text("Choose one.")
    expect(page.get_by_label("Summary", exact=True)).to_have_value("Theft of a phone from a locker")
    tab.check_accessible("with errors")
    page.goto("/activities/")

    for kind in KINDS:
        log_entry(tab, kind, today, f"{kind} entry from the {viewport}")
        page.goto("/activities/")

    today_card = page.locator(".day-card", has=page.get_by_test_id(f"day-total-{today}"))
    for kind in KINDS:
        expect(today_card).to_contain_text(f"{kind} entry from the {viewport}")
    entries = db.session.scalars(sa.select(Activity).where(Activity.officer_id == dana.id)).all()
    assert sorted(e.kind for e in entries) == sorted(KINDS)
    assert {e.status for e in entries} == {"submitted"} and {e.occurred_on for e in entries} == {
        today
    }
    total = sum(e.duration_minutes for e in entries)
    expect(page.get_by_test_id(f"day-total-{today}")).to_have_text(duration(total))


def test_a_classroom_session_on_a_phone_takes_at_most_eight_interactions(visit, db, dana):
    tab = visit("phone")
    tab.sign_in("dana")
    tab.interactions = 0  # counted from the home page

    log_entry(tab, "classroom", today_local(), "Internet safety, 7th grade")

    NOTES.append(f"classroom session on a phone: {tab.interactions} interactions (taps, fields, "
                 "selections) from the home page to the saved entry")  # fmt: skip
    assert tab.interactions <= 8
    entry = db.session.scalars(sa.select(Activity).where(Activity.officer_id == dana.id)).one()
    assert (entry.kind, entry.status, entry.students_reached) == ("classroom", "submitted", 24)
    assert entry.school_id is not None and entry.duration_minutes == 50


def focus_by_tab(page, target, limit: int = 60) -> int:
    """Press Tab until `target` has the focus; the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return presses
    raise AssertionError(f"{target} never got the focus in {limit} presses of Tab")


def test_an_officer_logs_a_classroom_session_with_the_keyboard_alone(visit, db, dana):
    tab = visit("desktop")
    tab.sign_in("dana")
    page, keys = tab.page, tab.page.keyboard

    focus_by_tab(page, page.get_by_role("link", name="Skip to main content"))
    keys.press("Enter")
    focus_by_tab(page, page.get_by_role("link", name="Classroom instruction", exact=True))
    keys.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log: Classroom instruction")
    focus_by_tab(page, page.get_by_label("Topic", exact=True))
    keys.type("Internet")  # a closed select picks the option its typed letters start
    focus_by_tab(page, page.get_by_label("Students reached", exact=True))
    keys.type("31")
    focus_by_tab(page, page.get_by_label("Summary", exact=True))
    keys.type("Internet safety by keyboard")
    keys.press("Enter")  # submits with the form's first button, Submit

    expect(page.get_by_role("status")).to_contain_text("Saved: Classroom instruction")
    entry = db.session.scalars(sa.select(Activity).where(Activity.officer_id == dana.id)).one()
    assert (entry.summary, entry.students_reached, entry.status) == (
        "Internet safety by keyboard", 31, "submitted")  # fmt: skip
    assert db.session.get(PickListItem, entry.topic_id).label == "Internet safety"
