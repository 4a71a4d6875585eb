"""Who gets in where: a signed-out visitor is sent to sign in; a district partner sees only their
district."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from sro_log.clock import today_local


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_signed_out_visitor_is_sent_to_login_and_back_after_signing_in(
    visit, make_user, viewport
):
    make_user("supervisor", username="ruth")
    tab = visit(viewport)

    page = tab.goto("/review/entries")

    expect(page).to_have_url(re.compile(r"/auth/login\?next=%2Freview%2Fentries"))
    expect(page.get_by_role("heading", name="Sign in to SRO Log")).to_be_visible()
    tab.check_accessible("empty")
    page.get_by_label("Username").fill("ruth")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert").or_(page.locator(".invalid-feedback"))).to_be_visible()
    tab.check_accessible("with errors")
    tab.sign_in("ruth")
    expect(page).to_have_url(re.compile(r"/review/entries$"))
    expect(page.get_by_role("heading", name="All entries")).to_be_visible()
    tab.check_accessible("empty")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_district_partner_sees_only_their_district(
    visit, db, make_school, make_user, make_activity, viewport
):
    ours, theirs = make_school("North High"), make_school("River High", district="Riverbend C-4")
    officer = make_user("officer")
    for school in (ours, theirs):  # in a school year that has ended: a partner may open it
        make_activity(officer, "patrol", school=school, status="approved",
                      occurred_on=today_local() - timedelta(days=400))  # fmt: skip
    make_user("partner", username="pat", district=ours.district)
    db.session.rollback()
    tab = visit(viewport)

    tab.sign_in("pat")

    page = tab.page
    expect(page.get_by_role("heading", name="Northfield R-VII", level=1)).to_be_visible()
    schools = page.locator("[data-table=schools]")
    expect(schools).to_contain_text("North High")
    expect(page.locator("main")).not_to_contain_text("River High")
    expect(page.locator("main")).not_to_contain_text("Riverbend")
    tab.check_accessible("filled")
    response = page.goto("/review/entries")
    assert response.status == 403
    tab.check_accessible("forbidden")
