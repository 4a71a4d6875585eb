"""The pages behind the daily work, in the browser and checked by axe: the admin's users and
reference data, the supervisor's spreadsheet import, an officer's API token."""

import re

import pytest
from playwright.sync_api import expect

ADMIN_TABS = ("Districts and schools", "Assignments", "School calendars", "Program goals",
              "Pick lists", "Email", "Audit trail")  # fmt: skip


def test_an_admin_adds_a_user_resets_a_password_and_opens_every_admin_page(
    visit, db, make_user, make_school
):
    make_school()
    make_user("admin", username="alex", full_name="Alex Admin")
    db.session.rollback()
    tab = visit("desktop")
    tab.sign_in("alex")
    page = tab.page
    page.get_by_role("link", name="Users", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Users")
    tab.check_accessible("filled")

    page.get_by_role("link", name="Add a user").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a user")
    tab.check_accessible("empty")
    page.get_by_role("button", name="Add the user").click()
    expect(page.locator("#username-error")).to_have_text("Enter a username.")
    tab.check_accessible("with errors")
    page.get_by_label("Username").fill("casey")
    page.get_by_label("Full name").fill("Dep. Casey Moore")
    page.get_by_label("Role").select_option(label="Officer")
    page.get_by_role("button", name="Add the user").click()
    expect(page.locator("#school_ids-error")).to_have_text(
        "Tick the school (or schools) the officer serves."
    )
    tab.check_accessible("officer without a school")
    page.get_by_label("Northfield High (Northfield R-VII)").check()
    page.get_by_role("button", name="Add the user").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("User added: casey")
    tab.check_accessible("filled")

    page.get_by_role("link", name="Users", exact=True).first.click()
    page.get_by_role("link", name="Dep. Casey Moore").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit casey")
    tab.check_accessible("filled")
    page.get_by_role("button", name="Reset casey's password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Password reset: casey")
    tab.check_accessible("filled")

    page.get_by_role("link", name="Users", exact=True).first.click()
    for label in ADMIN_TABS:
        page.locator(".nav-tabs").get_by_role("link", name=label, exact=True).click()
        expect(page.locator(".nav-tabs .active")).to_have_text(label)
        tab.check_accessible("filled")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_supervisor_checks_a_spreadsheet_and_sees_each_problem(visit, db, make_user, viewport):
    make_user("supervisor", username="ruth")
    db.session.rollback()
    tab = visit(viewport)
    tab.sign_in("ruth")
    page = tab.goto("/imports/")
    tab.check_accessible("empty")
    template = page.request.get("/imports/template.csv")
    assert template.ok and template.headers["content-type"].startswith("text/csv")

    page.get_by_label("Spreadsheet").set_input_files(  # still naming "officer-username"
        {"name": "old-log.csv", "mimeType": "text/csv", "buffer": template.body()}
    )
    page.get_by_role("button", name="Check").click()

    expect(page.get_by_role("alert")).to_contain_text("Nothing was imported")
    problems = page.get_by_role("region", name="Problems found")
    expect(problems).to_contain_text("No officer with username 'officer-username'.")
    tab.check_accessible("with errors")


def test_an_officer_makes_an_api_token_on_a_phone_and_sees_it_once(visit, db, make_user):
    make_user("officer", username="dana", full_name="Dep. Dana Whitfield")
    db.session.rollback()
    tab = visit("phone")
    tab.sign_in("dana")
    page = tab.page
    tab.tap(page.get_by_role("button", name="Toggle navigation"))
    tab.tap(page.get_by_role("link", name="Dep. Dana Whitfield"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Change your password")
    tab.check_accessible("empty")
    tab.tap(page.get_by_role("link", name="Make or revoke personal access tokens"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Personal access tokens")
    tab.check_accessible("empty")
    tab.fill(page.get_by_label("Name", exact=True), "")
    tab.tap(page.get_by_role("button", name="Make token"))
    expect(page.locator("#name-error")).to_be_visible()
    tab.check_accessible("with errors")
    tab.fill(page.get_by_label("Name", exact=True), "CAD export")
    tab.tap(page.get_by_role("button", name="Make token"))

    expect(page.locator("main")).to_contain_text("srolog_")
    shown = re.search(r"srolog_[\w-]{30,}", page.locator("main").inner_text()).group(0)
    tab.check_accessible("filled")
    page.goto("/auth/tokens")
    expect(page.locator("main")).to_contain_text("CAD export")
    expect(page.locator("main")).not_to_contain_text(shown)
