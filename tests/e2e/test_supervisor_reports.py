"""The supervisor's numbers in the browser: a dashboard count opens exactly the entries it counts,
and the grant report's CSV, XLSX and PDF, downloaded by clicking, say what the page says."""

import re

import pytest
from playwright.sync_api import expect

from sro_log.models import ReportingPeriod
from tests.county import END, START
from tests.grants.checks import agrees, check_pdf_against_csv, check_xlsx_against_csv
from tests.grants.readers import read_csv
from tests.reports.pageparse import number

GLANCE = "The period at a glance"
GOALS = "Work toward each program goal"


@pytest.fixture
def ruth(make_user):
    return make_user("supervisor", username="ruth", full_name="Sgt. Ruth Calloway")


def drill_down(tab, link) -> None:
    """Click a count; the entry list it opens holds exactly that many entries."""
    page = tab.page
    count = int(link.inner_text().replace(",", ""))
    link.click()
    expect(page.get_by_role("heading", name="All entries")).to_be_visible()
    expect(page.get_by_test_id("result-count")).to_have_text(
        f"{count:,} {'entry' if count == 1 else 'entries'}"
    )
    tab.check_accessible("filtered")
    page.go_back()


def test_a_dashboard_count_opens_exactly_the_entries_it_counts(visit, db, county, ruth):
    db.session.rollback()
    tab = visit("desktop")
    tab.sign_in("ruth")
    page = tab.page
    page.get_by_role("link", name="Dashboard", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Program dashboard")
    tab.check_accessible("empty")

    page.get_by_label("Period").select_option(label="Last school year")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"period=last_school_year"))
    tab.check_accessible("filled")

    counts = [
        page.locator("[data-table=goals] tbody tr", has_text="Educate").get_by_role("link"),
        page.locator("[data-table=kinds] tbody tr", has_text="Incident").get_by_role("link"),
        page.locator("[data-table=schools] tbody tr", has_text="River High")
        .get_by_role("link")
        .nth(1),  # its classroom sessions
        page.locator("[data-tile=classroom_sessions]").get_by_role("link"),
    ]
    for link in counts:
        drill_down(tab, link)


def page_tiles(page) -> dict[str, float | None]:
    """The report page's headline numbers by label, exact (the † marks are left out)."""
    tiles = page.locator(".report-tiles").first.locator(".tile")
    return {
        tile.locator("dt").inner_text(): number(
            tile.locator("dd").evaluate("el => el.firstChild.textContent")
        )
        for tile in tiles.all()
    }


def page_table(page, caption: str) -> dict[str, list[float | None]]:
    table = page.locator("table.report-table", has=page.locator("caption", has_text=caption))
    return {
        row.locator("th").inner_text(): [
            number(cell.evaluate("el => el.firstChild ? el.firstChild.textContent : ''"))
            for cell in row.locator("td").all()
        ]
        for row in table.locator("tbody tr").all()
    }


def download(tab, fmt: str) -> bytes:
    with tab.page.expect_download() as started:
        tab.page.get_by_role("link", name=f"Download {fmt.upper()}").click()
    assert started.value.suggested_filename.endswith(f".{fmt}")
    return started.value.path().read_bytes()


def test_the_grant_reports_downloads_say_what_its_page_says(visit, db, county, ruth, make_grant):
    grant = make_grant(starts_on=START, ends_on=END, cadence="manual", name="School Safety")
    grant.periods.append(ReportingPeriod(label="Pilot", starts_on=START, ends_on=END, due_on=END))
    db.session.commit()
    db.session.rollback()
    tab = visit("desktop")
    tab.sign_in("ruth")
    page = tab.page
    page.get_by_role("link", name="Grant reports").click()
    expect(page.get_by_role("link", name="Pilot")).to_be_visible()
    tab.check_accessible("filled")
    page.get_by_role("link", name="Pilot").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("School Safety: Pilot")
    tab.check_accessible("filled")

    tiles, goals = page_tiles(page), page_table(page, GOALS)
    numbers = read_csv(download(tab, "csv"))

    assert len(tiles) >= 9 and len(goals) == 4
    for label, value in tiles.items():
        assert agrees(numbers[(GLANCE, label, "")], value), label
    for goal, (entries, hours) in goals.items():
        assert agrees(numbers[(GOALS, "Entries", f"Goal={goal}")], entries), goal
        assert agrees(numbers[(GOALS, "Hours", f"Goal={goal}")], hours), goal
    assert any(row["suppressed"] == "true" for row in numbers.values())
    check_xlsx_against_csv(numbers, download(tab, "xlsx"))
    check_pdf_against_csv(numbers, download(tab, "pdf"))


# The smallest text of a chart <img> as the screen shows it: its size in the SVG's own units,
# scaled by the width the image takes on the page.
SMALLEST_TEXT = """async img => {
    const svg = await (await fetch(img.src)).text();
    const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
    const width = parseFloat(doc.documentElement.getAttribute("viewBox").split(" ")[2]);
    const sizes = [...doc.querySelectorAll("text")].map(
        t => parseFloat(/font-size: ([0-9.]+)px/.exec(t.getAttribute("style"))[1]));
    return Math.min(...sizes) * img.getBoundingClientRect().width / width;
}"""


def test_every_chart_reads_at_11_css_pixels_or_more_on_a_phone(visit, db, county, ruth):
    db.session.rollback()
    tab = visit("phone")
    tab.sign_in("ruth")
    page = tab.page
    page.goto(f"/dashboard/?period=custom&date_from={START}&date_to={END}")
    charts = page.locator("img[src*='/chart/']")
    expect(charts).to_have_count(3)
    for chart in charts.all():
        chart.scroll_into_view_if_needed()
        expect(chart).to_have_js_property("complete", True)
        smallest = chart.evaluate(SMALLEST_TEXT)
        assert smallest >= 11, (chart.get_attribute("src"), smallest)
    tab.check_accessible("filled")
