"""The report files open right and print numbers alike: hours rounded half up on screen, in CSV,
XLSX (the value whole, one decimal shown) and PDF; a byte-order mark and quoted text in CSV; a
download name per variant; an officer's 75 % share taken over all their hours."""

import csv
import io
from datetime import date

import openpyxl
import pytest

from sro_log.models import ReportingPeriod
from tests.grants.checks import export
from tests.grants.readers import read_csv, read_pdf
from tests.reports.pageparse import DashboardPage

FIRST, LAST = date(2026, 3, 1), date(2026, 3, 31)
OFFICER_SHARE = "Hours in and around schools (the 75% rule)"


@pytest.fixture
def march(db, make_grant, make_user, make_school, make_activity):
    """A March period, and Dana: 273.25 hours at North High, 60 off campus with no school."""
    grant = make_grant(starts_on=FIRST, ends_on=LAST, cadence="manual",
                       award_number="15JCOPS-26 GG/01", name="Safe Schools")  # fmt: skip
    period = ReportingPeriod(label="Mar 2026", starts_on=FIRST, ends_on=LAST)
    grant.periods.append(period)
    db.session.commit()
    north = make_school(name="North High")
    make_school(name="River High", district="Riverbend C-4")
    dana = make_user("officer", full_name="Dep. Dana Whitfield")
    for minutes in (
        720,
        720,
        720,
        720,
        720,
        720,
        720,
        720,
        720,
        720,
        720,
        720,
        720,
        720,
        720,
        720,
        720,
        720,
        720,
        720,
        720,
        720,
        555,
    ):  # 16,395 minutes: 273.25 h
        make_activity(dana, "patrol", school=north, occurred_on=date(2026, 3, 10),
                      duration_minutes=minutes, status="approved")  # fmt: skip
    for _ in range(91):  # 5,460 minutes = 91 hours off campus, no school
        make_activity(
            dana,
            "admin",
            school=None,
            school_id=None,
            location="off_campus",
            occurred_on=date(2026, 3, 11),
            duration_minutes=60,
            status="approved",
        )
    return {"period": period, "north": north}


def test_hours_round_half_up_alike_on_screen_and_in_every_file(client, march, make_user, login):
    login(make_user("supervisor"))
    period = march["period"]
    args = {"school_ids": str(march["north"].id)}
    page = client.get(f"/grants/periods/{period.id}/report", query_string=args)
    assert 'data-measure="hours">273.3<' in page.get_data(as_text=True)
    dashboard = client.get(
        "/dashboard/",
        query_string={
            "period": "custom",
            "date_from": FIRST,
            "date_to": LAST,
            "school_id": march["north"].id,
        },
    )
    assert DashboardPage(dashboard.get_data(as_text=True)).tiles["hours"] == "273.3"
    numbers = read_csv(export(client, period, "csv", args))
    assert numbers[("The period at a glance", "Hours", "")]["value"] == "273.3"
    book = openpyxl.load_workbook(io.BytesIO(export(client, period, "xlsx", args)))
    summary = next(c for row in book["Summary"].iter_rows() for c in row
                   if isinstance(c.value, float) and abs(c.value - 273.25) < 1e-9)  # fmt: skip
    assert summary.number_format == "#,##0.0"  # kept whole; shown as 273.3
    assert "Hours 273.3" in read_pdf(export(client, period, "pdf", args))


def test_an_officers_share_counts_all_their_hours_whatever_the_schools_of_the_report(
    client, march, make_user, login
):
    login(make_user("supervisor"))
    period = march["period"]
    everywhere = read_csv(export(client, period, "csv"))
    one_school = read_csv(export(client, period, "csv", {"school_ids": str(march["north"].id)}))
    share = 16395 / (16395 + 5460)
    for numbers in (everywhere, one_school):
        row = numbers[(OFFICER_SHARE, "Share", "Officer=Dep. Dana Whitfield")]
        assert float(row["value"]) == pytest.approx(share, abs=1e-4)  # not 1.0 at one school
        assert numbers[(OFFICER_SHARE, "All their hours", "Officer=Dep. Dana Whitfield")][
            "value"] == "364.3"  # fmt: skip
        assert float(numbers[("The period at a glance", "Hours in and around schools", "")][
            "value"]) == pytest.approx(share, abs=1e-4)  # fmt: skip


def test_the_csv_has_a_byte_order_mark_and_every_text_field_quoted(client, march, make_user,
                                                                   login):  # fmt: skip
    login(make_user("supervisor"))
    content = export(client, march["period"], "csv")
    assert content.startswith(b"\xef\xbb\xbf")
    lines = content.decode("utf-8-sig").splitlines()
    rows = list(csv.reader(lines))
    assert lines[0].startswith('"section","table"')
    for line, row in zip(lines[1:], rows[1:], strict=True):
        for cell in row:
            if cell and not cell.replace(".", "", 1).isdigit():
                assert f'"{cell}"' in line, (cell, line)  # text quoted; numbers bare
    # Read with a semicolon as the separator, no cell begins a formula.
    for row in csv.reader(lines, delimiter=";"):
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


@pytest.mark.parametrize(("role", "args", "expected"), [
    ("supervisor", {}, "sro-report-15jcops-26-gg-01-mar-2026.csv"),
    ("supervisor", {"district_id": "{d}"},
     "sro-report-15jcops-26-gg-01-mar-2026-northfield-r-vii.csv"),
    ("supervisor", {"school_ids": "{s}", "status": "all"},
     "sro-report-15jcops-26-gg-01-mar-2026-north-high-provisional.csv"),
    ("partner", {}, "sro-report-15jcops-26-gg-01-mar-2026-northfield-r-vii-partner.csv"),
])  # fmt: skip
def test_each_variant_downloads_under_its_own_name(client, march, make_user, login, role, args,
                                                   expected):  # fmt: skip
    north = march["north"]
    fill = {"{d}": str(north.district_id), "{s}": str(north.id)}
    login(make_user(role, district_id=north.district_id if role == "partner" else None))
    response = client.get(f"/grants/periods/{march['period'].id}/report.csv",
                          query_string={k: fill.get(v, v) for k, v in args.items()})  # fmt: skip
    assert response.headers["Content-Disposition"] == f"attachment; filename={expected}"
