"""Nobody's missing day goes unseen: the admin imports a district's calendar, the sergeant finds
the school days an officer logged nothing, and the officer logs one of them from their phone."""

from datetime import timedelta

import sqlalchemy as sa
from playwright.sync_api import expect

from sro_log.clock import today_local
from sro_log.models import Activity, Assignment


def test_a_calendar_is_imported_and_a_missing_day_is_found_and_logged(
    visit, db, make_user, make_school, tmp_path
):
    school = make_school()
    today = today_local()
    make_user("admin", username="alex", full_name="Lt. Alex Admin")
    make_user("supervisor", username="ruth", full_name="Sgt. Ruth Calloway")
    dana = make_user("officer", username="dana", full_name="Dep. Dana Whitfield")
    db.session.add(Assignment(officer=dana, school=school, starts_on=today - timedelta(days=90)))
    db.session.commit()
    db.session.rollback()
    year = (today - timedelta(days=60), today + timedelta(days=60))
    bad = tmp_path / "calendar.csv"
    bad.write_text(
        "district,kind,label,starts_on,ends_on\n"
        f"Northfield R-VII,year,This year,{year[0]},{year[1]}\n"
        "Northfield R-VII,holiday,Typo day,2026-02-30,2026-02-30\n"
    )
    good = tmp_path / "calendar-fixed.csv"
    good.write_text(bad.read_text().replace("2026-02-30,2026-02-30\n", f"{today},{today}\n"))

    desk = visit("desktop")
    desk.sign_in("alex")
    page = desk.page
    page.goto("/admin/calendars")
    page.get_by_label("Calendar (.csv)").set_input_files(str(bad))
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_test_id("calendar-problems")).to_contain_text(
        "Line 3: starts_on is not a date written as YYYY-MM-DD."
    )
    desk.check_accessible("with errors")
    page.get_by_label("Calendar (.csv)").set_input_files(str(good))
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_role("status")).to_have_text("Imported 2 spans from 2 lines.")
    desk.check_accessible("imported")

    sergeant = visit("desktop")
    sergeant.sign_in("ruth")
    page = sergeant.page
    page.get_by_role("link", name="Days not logged").click()
    expect(page.get_by_test_id("missing-summary")).to_contain_text("school days not logged")
    sergeant.check_accessible("filled")
    missing = page.locator('[data-table="missing-days"] tbody tr').first
    expect(missing).to_contain_text("Dep. Dana Whitfield")
    first_day = missing.locator("td").nth(2).get_by_role("link").first
    day_text = first_day.inner_text()
    first_day.click()
    expect(page.get_by_test_id("result-count")).to_have_text("0 entries")
    sergeant.check_accessible("a day with nothing")

    phone = visit("phone")
    phone.sign_in("dana")
    page = phone.page
    unlogged = page.get_by_role("region", name="School days with nothing logged")
    expect(unlogged).to_contain_text(day_text)
    phone.check_accessible("with unlogged days")
    phone.tap(unlogged.get_by_role("link", name=day_text))
    expect(page.get_by_role("heading", name="Log your work for")).to_be_visible()
    phone.tap(page.get_by_role("link", name="Admin, court, meetings", exact=True))
    page.get_by_label("Summary", exact=True).fill("Reports written up")
    phone.check_accessible("for a past day")
    phone.tap(page.get_by_role("button", name="Submit", exact=True))
    expect(page.get_by_role("status")).to_contain_text(
        f"Saved: Admin, court, meetings on {day_text}"
    )
    phone.check_accessible("saved")
    page.goto("/activities/")
    expect(page.get_by_role("region", name="School days with nothing logged")).not_to_contain_text(
        day_text
    )
    entry = db.session.scalars(sa.select(Activity)).one()
    assert f"{entry.occurred_on:%a %d %b}" == day_text
    for tab in (desk, sergeant, phone):
        assert not tab.server_errors
