"""Importing spreadsheets: good CSV and XLSX files, and every kind of bad file, each with a clear
report and nothing written."""

import csv
import io
import re

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from sro_log.imports.columns import COLUMNS
from sro_log.models import Activity, AuditEvent
from tests.fuzzing import examples

GOOD = {
    "external_ref": "nb-0001", "officer": "deputy", "school": "North High", "kind": "classroom",
    "occurred_on": "2026-03-10", "start_time": "09:00", "duration_minutes": "50",
    "goals": "educate;connect", "summary": "Internet safety", "topic": "Internet safety",
    "grade_levels": "7;8", "students_reached": "28",
}  # fmt: skip


def csv_bytes(rows: list[dict], columns=None) -> bytes:
    columns = columns or list(COLUMNS)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def xlsx_bytes(rows: list[dict]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([row.get(c) for c in COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def world(make_user, make_school):
    make_school(name="North High")
    make_user("officer", username="deputy")
    return make_user("supervisor", username="sarge")


@pytest.fixture
def run_import(runner, tmp_path, world):
    def run(data: bytes, name="entries.csv", *extra):
        path = tmp_path / name
        path.write_bytes(data)
        return runner.invoke(args=["import-activities", str(path), "--user", "sarge", *extra])

    return run


def entries(db) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Activity))


def test_a_good_csv_is_imported_with_its_officer_school_codes_and_labels(db, run_import):
    result = run_import(csv_bytes([GOOD, {**GOOD, "external_ref": "nb-0002", "status": "draft"}]))
    assert result.exit_code == 0, result.output
    first, second = db.session.scalars(sa.select(Activity).order_by(Activity.id)).all()
    assert first.officer.username == "deputy" and first.school.name == "North High"
    assert first.status == "approved" and first.reviewed_by.username == "sarge"
    assert first.grade_levels == "7,8" and {g.code for g in first.goals} == {"educate", "connect"}
    assert second.status == "draft" and second.external_ref == "nb-0002"
    run = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "import_run")).one()
    assert run.changes["created"] == 2 and len(run.changes["sha256"]) == 64


def test_a_good_xlsx_is_imported_with_real_dates_and_numbers(db, run_import):
    from datetime import date, datetime, time

    row = {**GOOD, "occurred_on": date(2026, 3, 10), "start_time": time(9, 0),
           "duration_minutes": 50, "students_reached": 28}  # fmt: skip
    incident = {"external_ref": "nb-0002", "officer": "deputy", "school": "North High",
                "kind": "incident", "occurred_on": datetime(2026, 3, 10), "duration_minutes": 40,
                "goals": "protect", "summary": "Theft", "incident_type": "theft",
                "reported_at": datetime(2026, 3, 10, 10, 0),
                "arrived_at": datetime(2026, 3, 10, 10, 6), "action": "report_taken",
                "weapon_involved": "no"}  # fmt: skip
    result = run_import(xlsx_bytes([row, incident]), "entries.xlsx")
    assert result.exit_code == 0, result.output
    theft = db.session.scalar(sa.select(Activity).where(Activity.kind == "incident"))
    assert theft.response_minutes == 6 and theft.weapon_involved is False


def test_a_dry_run_checks_every_row_and_writes_nothing(db, run_import):
    result = run_import(csv_bytes([GOOD]), "entries.csv", "--dry-run")
    assert result.exit_code == 0 and "1 rows are valid" in result.output
    assert entries(db) == 0


BAD_ROWS = [
    ({"occurred_on": "10/03/2026"}, "line 2, occurred_on: Not a date: write it as YYYY-MM-DD."),
    ({"occurred_on": "2099-01-01"}, "line 2, occurred_on: The date cannot be in the future."),
    ({"school": "Hogwarts"}, "line 2, school: Unknown school 'Hogwarts'."),
    ({"officer": "ghost"}, "line 2, officer: No officer with username 'ghost'."),
    ({"kind": "nap"}, "line 2, kind: Use one of:"),
    ({"topic": "astrology"}, "line 2, topic: Unknown topic 'astrology'."),
    ({"summary": "=HYPERLINK(\"http://x\")"}, "line 2, summary: Looks like a spreadsheet formula"),
    ({"students_reached": "@SUM(A1)"}, "line 2, students_reached: Looks like a spreadsheet"),
    ({"external_ref": ""}, "line 2, external_ref: Give the row's unique key."),
    ({"patrol_type": "lunch"}, "line 2, patrol_type: Does not apply to classroom entries."),
    ({"status": "lost"}, "line 2, status: Use one of: draft, submitted, approved, returned."),
    ({"duration_minutes": "abc"}, "line 2, duration_minutes: Enter a whole number from 1 to 720."),
]  # fmt: skip


@pytest.mark.parametrize(("change", "message"), BAD_ROWS)
def test_a_bad_row_is_reported_by_line_and_column_and_nothing_is_imported(
    db, run_import, change, message
):
    good_second = {**GOOD, "external_ref": "nb-0009"}
    result = run_import(csv_bytes([{**GOOD, **change}, good_second]))
    assert result.exit_code != 0
    assert message in result.output and "nothing was imported" in result.output
    assert entries(db) == 0


def test_a_formula_cell_in_an_xlsx_is_refused(db, run_import):
    result = run_import(xlsx_bytes([{**GOOD, "students_reached": "=20+8"}]), "entries.xlsx")
    assert "students_reached: Looks like a spreadsheet formula" in result.output
    assert entries(db) == 0


def test_the_same_key_twice_in_one_file_is_refused(db, run_import):
    result = run_import(csv_bytes([GOOD, GOOD]))
    assert "line 3, external_ref: The same key as line 2." in result.output and entries(db) == 0


BAD_FILES = [
    (b"", "entries.csv", "The file is empty."),
    (b"\n\n", "entries.csv", "The file is empty."),
    (csv_bytes([], list(COLUMNS)), "entries.csv", "no rows"),
    (csv_bytes([GOOD], [*COLUMNS, "colour"]), "entries.csv", "Unknown column(s): 'colour'"),
    (csv_bytes([GOOD], [c for c in COLUMNS if c != "officer"]), "entries.csv",
     "Missing required column(s): officer"),
    ("external_ref,officer\nnb-1,Désirée\n".encode("latin-1"), "entries.csv", "not UTF-8"),
    (b"PK\x03\x04 not really a workbook", "entries.xlsx", "not a readable .xlsx workbook"),
    (b"\x00\x01\x02", "entries.csv", "NUL characters"),
    (csv_bytes([GOOD]), "entries.txt", "Upload a .csv or .xlsx file."),
]  # fmt: skip


@pytest.mark.parametrize(("data", "name", "message"), BAD_FILES,
                         ids=[m for _, _, m in BAD_FILES])  # fmt: skip
def test_a_bad_file_gets_a_clear_report_and_writes_nothing(db, run_import, data, name, message):
    result = run_import(data, name)
    assert result.exit_code != 0 and message in result.output
    assert entries(db) == 0


def test_a_50_mb_file_is_refused_before_it_is_read(db, run_import):
    row = csv_bytes([GOOD]).split(b"\n")[1] + b"\n"
    header = csv_bytes([]).rstrip(b"\n") + b"\n"
    data = header + row * (50 * 2**20 // len(row) + 1)
    assert len(data) >= 50 * 2**20
    result = run_import(data)
    assert result.exit_code != 0 and "the limit is 32 MB" in result.output
    assert entries(db) == 0


def test_the_upload_page_reports_problems_keeps_the_choice_and_then_imports(
    db, client, login, world
):
    login(world)
    bad = {"file": (io.BytesIO(csv_bytes([{**GOOD, "school": "Hogwarts"}])), "e.csv"),
           "dry_run": ""}  # fmt: skip
    page = client.post("/imports/", data=bad, content_type="multipart/form-data")
    text = page.get_data(as_text=True)
    assert page.status_code == 422 and "Unknown school &#39;Hogwarts&#39;." in text
    checkbox = re.search(r'<input[^>]*name="dry_run"[^>]*>', text).group(0)
    assert "checked" not in checkbox  # the unticked "only check" stays unticked
    assert entries(db) == 0
    good = {"file": (io.BytesIO(csv_bytes([GOOD])), "e.csv")}
    page = client.post("/imports/", data=good, content_type="multipart/form-data")
    assert page.status_code == 200 and "Imported 1 entries" in page.get_data(as_text=True)
    assert entries(db) == 1


def test_the_template_lists_every_column_and_imports_once_its_placeholders_are_filled(
    db, client, login, world, run_import
):
    login(world)
    text = client.get("/imports/template.csv").data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(COLUMNS) and {r["kind"] for r in rows} >= {"classroom", "admin"}
    for r in rows:
        r.update(officer="deputy", district="", school="North High" if r["school"] else "")
    result = run_import(csv_bytes(rows))
    assert result.exit_code == 0, result.output
    assert entries(db) == len(rows)


@settings(max_examples=examples(200), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(values=st.dictionaries(st.sampled_from(list(COLUMNS)), st.text(max_size=30), max_size=12))
def test_any_row_is_either_imported_or_reported_never_a_crash(db, world, values):
    from sro_log.imports.reader import Table
    from sro_log.imports.services import import_activities

    report = import_activities(Table(list(COLUMNS), [(2, {**GOOD, **values})]), world,
                               {"sha256": "0"}, dry_run=True)  # fmt: skip
    assert report.ok or all(line == 2 and column for line, column, _ in report.problems)
    db.session.rollback()
