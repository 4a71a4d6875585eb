"""The report's CSV, XLSX and PDF say what the dashboard says, small counts withheld."""

import hashlib
from datetime import date

import pytest
import sqlalchemy as sa

from sro_log.models import AuditEvent, ReportingPeriod
from tests.county import END, START
from tests.grants.checks import (
    TILES,
    agrees,
    check_pdf_against_csv,
    check_xlsx_against_csv,
    export,
)
from tests.grants.readers import read_csv, read_pdf, read_xlsx
from tests.reports.attacker import PRIVATE
from tests.reports.pageparse import DashboardPage, number

SCHOOL_MEASURES = ("Entries", "Hours", "Classroom sessions", "Students reached",
                   "Mentoring contacts", "Incidents", "Arrests")  # fmt: skip


def dashboard_numbers(client, period, args) -> dict:
    html = client.get("/dashboard/", query_string={"period": f"period-{period.id}", **args})
    page = DashboardPage(html.get_data(as_text=True))
    rows = page.rows
    return {
        "tiles": {name: number(text) for name, text in page.tiles.items()},
        "goals": {r[0]: (number(r[1]), number(r[2])) for r in rows("goals")},
        "schools": {r[0]: [number(c) for c in r[2:]] for r in rows("schools")},
        "months": {r[0]: (number(r[1]), number(r[2])) for r in rows("months")},
        "incident_types": {r[0]: (number(r[1]), number(r[2])) for r in rows("incident_types")
                           if len(r) == 3},
    }  # fmt: skip


def check_csv_against_dashboard(numbers: dict, dash: dict) -> int:
    checked = 0

    def check(table, measure, dims, expected):
        nonlocal checked
        row = numbers[(table, measure, dims)]
        assert agrees(row, expected), (table, measure, dims, row, expected)
        checked += 1

    for tile, measure in TILES.items():
        check("The period at a glance", measure, "", dash["tiles"][tile])
    for goal, (entries, hours) in dash["goals"].items():
        check("Work toward each program goal", "Entries", f"Goal={goal}", entries)
        check("Work toward each program goal", "Hours", f"Goal={goal}", hours)
    school_dims = {k[2].split(";")[0].removeprefix("School="): k[2] for k in numbers
                   if k[0] == "Per school"}  # fmt: skip
    for school, values in dash["schools"].items():
        for measure, value in zip(SCHOOL_MEASURES, values, strict=True):
            check("Per school", measure, school_dims[school], value)
    partners = ("By month", "Entries", "Month=Total") not in numbers  # a district's window
    for month, (entries, hours) in dash["months"].items():
        if not partners:
            check("By month", "Entries", f"Month={month}", entries)
        check("By month", "Hours", f"Month={month}", hours)
    for kind, (incidents, arrests) in dash["incident_types"].items():
        check("By type", "Incidents", f"Type={kind}", incidents)
        check("By type", "Arrests", f"Type={kind}", arrests)
    return checked


@pytest.fixture
def report_period(db, county, make_grant):
    grant = make_grant(starts_on=START, ends_on=END, cadence="manual")
    period = ReportingPeriod(label="Pilot", starts_on=START, ends_on=END, due_on=END)
    grant.periods.append(period)
    db.session.commit()
    return period


CASES = {
    "everything approved": ({}, {}),
    "with submitted entries": ({"status": "all"}, {"status": "all"}),
    "one district": ({"district_id": "{d2}"}, {"district_id": "{d2}"}),
}


@pytest.mark.parametrize(("dash_args", "report_args"), CASES.values(), ids=CASES.keys())
def test_csv_xlsx_and_pdf_numbers_equal_the_dashboards(
    client, db, county, report_period, make_user, login, dash_args, report_args
):
    d2 = str(county["schools"][2].district_id)
    fill = lambda args: {k: v.replace("{d2}", d2) for k, v in args.items()}  # noqa: E731
    login(make_user("supervisor"))
    dash = dashboard_numbers(client, report_period, fill(dash_args))

    numbers = read_csv(export(client, report_period, "csv", fill(report_args)))

    assert check_csv_against_dashboard(numbers, dash) > 40
    assert any(r["suppressed"] == "true" for r in numbers.values())
    check_xlsx_against_csv(numbers, export(client, report_period, "xlsx", fill(report_args)))
    check_pdf_against_csv(numbers, export(client, report_period, "pdf", fill(report_args)))


def test_the_demo_datas_report_agrees_in_every_format(client, db, app, make_user, login):
    from sro_log.clock import agency_zone
    from sro_log.demo import seed_demo

    seed_demo(date(2026, 11, 27), 2026, "demo-password-2026", agency_zone())
    db.session.commit()
    period = db.session.scalars(
        sa.select(ReportingPeriod).where(ReportingPeriod.label == "Q3 2026")
    ).first()
    login(make_user("supervisor"))
    dash = dashboard_numbers(client, period, {})
    numbers = read_csv(export(client, period, "csv"))
    assert check_csv_against_dashboard(numbers, dash) > 50
    check_xlsx_against_csv(numbers, export(client, period, "xlsx"))
    check_pdf_against_csv(numbers, export(client, period, "pdf"))


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_each_export_is_audited_with_its_parameters_rows_and_sha256(
    client, db, report_period, make_user, login, fmt
):
    supervisor = make_user("supervisor")
    login(supervisor)
    content = export(client, report_period, fmt, {"status": "all"})
    event = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "report_export")
    ).one()
    assert event.actor_id == supervisor.id
    assert event.object_type == "ReportingPeriod" and event.object_id == str(report_period.id)
    assert event.changes["format"] == fmt and event.changes["include_submitted"] is True
    assert event.changes["sha256"] == hashlib.sha256(content).hexdigest()
    assert event.changes["rows"] > 0


def test_the_same_data_and_options_give_byte_identical_csv(client, report_period, make_user,
                                                           login):  # fmt: skip
    login(make_user("supervisor"))
    assert export(client, report_period, "csv") == export(client, report_period, "csv")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_an_empty_period_gives_a_valid_report_that_says_no_activity_was_logged(
    client, db, make_grant, make_user, login, fmt
):
    period = make_grant(starts_on=date(2030, 1, 1), ends_on=date(2030, 3, 31)).periods[0]
    login(make_user("supervisor"))
    content = export(client, period, fmt)
    if fmt == "csv":
        numbers = read_csv(content)
        assert numbers[("Cover", "Note", "")]["value"] == "No activity was logged in this period."
        assert numbers[("The period at a glance", "Entries", "")]["value"] == "0"
    elif fmt == "xlsx":
        _, sheets = read_xlsx(content, {})
        assert any("No activity was logged in this period." in row for row in sheets["Cover"])
    else:
        text = read_pdf(content)
        assert "No activity was logged in this period." in text and "Entries 0" in text


FORMULAS = ['=HYPERLINK("http://evil.example","click")', "+1+2", "-2+3", "@SUM(A1:A9)"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_formula_looking_narrative_or_name_comes_out_inert_in_csv_and_xlsx(
    client, db, report_period, make_user, login, formula
):
    report_period.narrative = formula
    report_period.grant.name = formula
    db.session.commit()
    login(make_user("supervisor"))
    numbers = read_csv(export(client, report_period, "csv"))
    assert numbers[("Narrative", "Narrative", "")]["value"] == "'" + formula
    assert numbers[("Cover", "Grant", "")]["value"] == "'" + formula
    _, sheets = read_xlsx(export(client, report_period, "xlsx"), {})
    cover = {row[0]: row[1] for row in sheets["Cover"] if row and row[0]}
    assert cover["Narrative"] == "'" + formula and cover["Grant"] == "'" + formula


def test_including_submitted_entries_marks_every_format_provisional(
    client, report_period, make_user, login
):
    login(make_user("supervisor"))
    numbers = read_csv(export(client, report_period, "csv", {"status": "all"}))
    assert "PROVISIONAL" in numbers[("Cover", "Entries included", "")]["value"]
    _, sheets = read_xlsx(export(client, report_period, "xlsx", {"status": "all"}), {})
    assert sheets["Cover"][0][0] == "PROVISIONAL grant report"
    assert "PROVISIONAL" in read_pdf(export(client, report_period, "pdf", {"status": "all"}))


def test_a_lower_threshold_set_in_config_withholds_fewer_counts(
    app, client, report_period, make_user, login, monkeypatch
):
    login(make_user("supervisor"))
    at_ten = read_csv(export(client, report_period, "csv"))
    monkeypatch.setitem(app.config, "SRO_LOG_SUPPRESSION_THRESHOLD", 3)
    at_three = read_csv(export(client, report_period, "csv"))
    withheld = lambda rows: {k for k, r in rows.items() if r["suppressed"] == "true"}  # noqa: E731
    assert len(withheld(at_three)) < len(withheld(at_ten))
    assert {r["shown_as"] for r in at_three.values() if r["suppressed"] == "true"} <= {
        "<3", "*", "n<3"}  # fmt: skip
    for key, row in at_three.items():  # a count of persons of 1 or 2 is withheld at both
        if row["shown_as"] == "<3" and key[1] in PRIVATE:
            assert at_ten[key]["shown_as"] == "<10", key


def test_the_pdf_renderer_fetches_nothing_but_data_urls():
    from sro_log.exports.pdf import data_only_fetcher

    fetcher = data_only_fetcher()
    for url in ("http://127.0.0.1:9/x.png", "https://example.com/a.css", "file:///etc/hostname"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"
