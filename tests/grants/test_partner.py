"""A district partner sees their own district's schools only, small counts withheld, and
never the narrative or an entry."""

import re
from datetime import date

import pytest
import sqlalchemy as sa

from sro_log.models import ReportingPeriod
from tests.county import END, START
from tests.grants.checks import export
from tests.grants.readers import read_csv, read_pdf, read_xlsx


@pytest.fixture
def setting(db, county, make_grant, make_user):
    """The county, a period over its data with a narrative, and a partner of district 1."""
    grant = make_grant(starts_on=START, ends_on=END, cadence="manual")
    period = ReportingPeriod(
        label="Pilot",
        starts_on=START,
        ends_on=END,
        narrative="Internal: staffing concerns at North High",
    )
    grant.periods.append(period)
    db.session.commit()
    north, river = county["schools"][0].district, county["schools"][2].district
    partner = make_user("partner", district_id=north.id)
    return {
        "period": period,
        "partner": partner,
        "own": north,
        "other": river,
        "other_schools": [s for s in county["schools"] if s.district_id == river.id],
    }


def _numbers(content: bytes) -> dict:
    rows = read_csv(content)
    return {
        k: (r["value"], r["shown_as"])
        for k, r in rows.items()
        if r["section"] not in ("Report", "Narrative")
    }


def test_a_partners_exports_hold_exactly_their_districts_numbers(client, db, setting,
                                                                 make_user, login):  # fmt: skip
    period, own = setting["period"], setting["own"]
    login(make_user("supervisor"))
    district_csv = export(client, period, "csv", {"district_id": str(own.id)})
    everything_csv = export(client, period, "csv")

    login(setting["partner"])
    # Whatever the partner asks for, the scope stays their district, approved entries.
    sneaky = {
        "district_id": str(setting["other"].id),
        "status": "all",
        "school_ids": [str(s.id) for s in setting["other_schools"]],
    }
    partner_csv = export(client, period, "csv", sneaky)

    assert _numbers(partner_csv) == _numbers(district_csv) != _numbers(everything_csv)
    # A district's months give their hours only: a month's count would tie windows together.
    assert not any(k[0] == "By month" and k[1] == "Entries" for k in _numbers(partner_csv))
    assert ("By month", "Entries", "Month=Total") in _numbers(everything_csv)
    for fmt in ("csv", "xlsx", "pdf"):
        content = export(client, period, fmt, sneaky)
        text = (
            read_pdf(content)
            if fmt == "pdf"
            else str(read_xlsx(content, {})[1])
            if fmt == "xlsx"
            else content.decode()
        )
        for school in setting["other_schools"]:
            assert school.name not in text, (fmt, school.name)
        assert "staffing concerns" not in text, fmt


def test_a_partners_pages_show_only_their_schools_and_no_narrative(client, setting, login):
    login(setting["partner"])
    period = setting["period"]
    other_school = setting["other_schools"][0]
    pages = [
        client.get(
            f"/grants/periods/{period.id}/report", query_string={"district_id": setting["other"].id}
        ),
        client.get(
            "/dashboard/",
            query_string={
                "period": f"period-{period.id}",
                "school_id": other_school.id,
                "district_id": setting["other"].id,
            },
        ),
        client.get("/dashboard/", query_string={"period": f"period-{period.id}"}),
    ]
    for response in pages:
        html = response.get_data(as_text=True)
        assert response.status_code in (200, 422)
        assert all(s.name not in html for s in setting["other_schools"])
        assert "staffing concerns" not in html and "Write the narrative" not in html
        assert "/activities/" not in html and "/review/" not in html  # no entry-level links
    assert pages[1].status_code == 422  # another district's school is not a partner's choice


def _schools_row(html: str, school: str) -> dict[str, str]:
    """A row of the partner page's schools table, by column heading."""
    table = re.search(r'data-table="schools">(.*?)</table>', html, re.S).group(1)
    headings = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', table)
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S):
        cells = [re.sub(r"<[^>]+>", "", c).strip()
                 for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]  # fmt: skip
        if cells and cells[0] == school:
            return dict(zip(headings, cells, strict=True))
    raise AssertionError(f"no row for {school}")


def test_the_partner_dashboard_equals_the_district_report_and_withholds_small_counts(
    client, db, setting, make_user, make_activity, login, make_school
):
    school = make_school(name="Tiny Academy", district=setting["own"].name)
    officer = make_user("officer")
    for _ in range(3):
        make_activity(officer, "mentoring", school=school, occurred_on=START,
                      status="approved", students_count=1)  # fmt: skip
    login(setting["partner"])
    html = client.get(
        "/dashboard/", query_string={"period": f"period-{setting['period'].id}"}
    ).get_data(as_text=True)
    row = _schools_row(html, "Tiny Academy")
    assert row["Mentoring contacts"] == "&lt;10" and row["Students mentored"] == "&lt;10"
    assert "†" not in html  # partners never see exact small counts, marked or not
    report = client.get(f"/grants/periods/{setting['period'].id}/report").get_data(as_text=True)
    assert _schools_row(report, "Tiny Academy") == row


@pytest.mark.parametrize("path", ["/activities/", "/review/", "/review/entries",
                                  "/review/entries.csv", "/grants/new",
                                  "/dashboard/chart/incidents-by-type.svg"])  # fmt: skip
def test_a_partner_has_no_entry_level_page_and_no_small_count_chart(client, setting, login,
                                                                    path):  # fmt: skip
    login(setting["partner"])
    assert client.get(path).status_code in (403, 404)


def test_a_partner_cannot_write_or_remove_anything(client, db, setting, login):
    login(setting["partner"])
    period = setting["period"]
    assert (
        client.post(
            f"/grants/periods/{period.id}/narrative", data={"narrative": "x", "version": "1"}
        ).status_code
        == 403
    )
    assert client.post(f"/grants/periods/{period.id}/delete", data={}).status_code == 403
    assert client.post("/grants/new", data={"name": "x"}).status_code == 403
    assert db.session.scalar(sa.select(ReportingPeriod.narrative)).startswith("Internal")


REFUSED = [
    {"period": "custom", "date_from": "2026-03-04", "date_to": "2026-03-04"},  # one day
    {"period": "custom", "date_from": "2026-01-26", "date_to": "2026-04-09"},  # a day short
    {"date_from": "2026-01-26", "date_to": "2026-04-10"},
    {"period": "this_week"},
    {"period": "period-999999"},
]


@pytest.mark.parametrize("query", REFUSED)
def test_a_partners_custom_or_unpublished_range_is_refused_with_a_message(client, setting, login,
                                                                         query):  # fmt: skip
    login(setting["partner"])
    response = client.get("/dashboard/", query_string=query)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "choose one of the published windows" in html
    assert 'data-table="schools"' not in html  # nothing of the range asked for is shown


def test_a_partner_chooses_among_ended_periods_and_school_years_only(
    client, db, setting, make_grant, login
):
    running = make_grant(starts_on=date(2026, 10, 1), ends_on=date(2027, 9, 30),
                         cadence="quarterly", award_number="RUNNING")  # fmt: skip
    login(setting["partner"])
    html = client.get("/dashboard/").get_data(as_text=True)
    options = re.findall(r'<option[^>]*value="([^"]+)"', html)
    assert options[0] == "school-year-2025"  # the newest ended window is the default
    assert f"period-{setting['period'].id}" in options
    assert not any(f"period-{p.id}" in options for p in running.periods)
    still_open = running.periods[0]
    page = client.get(f"/grants/periods/{still_open.id}/report")
    assert page.status_code == 403
    assert "once it has ended" in page.get_data(as_text=True)
    assert client.get(f"/grants/periods/{still_open.id}/report.csv").status_code == 403
