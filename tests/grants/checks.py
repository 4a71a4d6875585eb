"""Checks of a grant report's files against its CSV, and fetching an export: shared by the
export tests, the partner's and the browser's."""

from decimal import Decimal

import pytest

from sro_log.reports.numbers import half_up
from tests.grants.readers import csv_tables, read_pdf, read_xlsx

THRESHOLD = 10
# dashboard tile -> the report summary's measure
TILES = {
    "hours": "Hours", "classroom_sessions": "Classroom sessions",
    "students_reached": "Students reached", "mentoring_contacts": "Mentoring contacts",
    "students_mentored": "Students mentored", "incidents": "Incidents", "arrests": "Arrests",
    "median_response": "Median response (minutes)",
    "share_in_around": "Hours in and around schools",
}  # fmt: skip


def agrees(row: dict, expected: float | None) -> bool:
    """A CSV number equals the dashboard's, or is withheld consistently with it."""
    if row["suppressed"] == "true":
        if row["shown_as"] == f"<{THRESHOLD}":
            return expected is not None and 1 <= expected < THRESHOLD
        if row["shown_as"] == f"n<{THRESHOLD}":  # a statistic over too few incidents
            return row["unit"] == "minutes"
        return row["shown_as"] == "*" and expected is not None and expected >= 1
    if expected is None:
        return row["value"] == ""
    value = float(row["value"])
    if row["unit"] == "share":
        return round(100 * value) == expected
    return value == pytest.approx(expected)


def check_xlsx_against_csv(numbers: dict, content: bytes) -> None:
    cells, sheets = read_xlsx(content, csv_tables(numbers))
    table_keys = [k for k, r in numbers.items() if r["section"] not in ("Report", "Narrative")]
    assert set(table_keys) == set(cells)
    for key in table_keys:
        row, cell = numbers[key], cells[key]
        if row["suppressed"] == "true":
            assert cell == row["shown_as"], key
        elif row["unit"] == "flag":
            assert (cell == "Under 75%") == (row["value"] == "true"), key
        elif row["value"] == "":
            assert cell in (None, ""), key
        elif row["unit"] == "hours":  # the workbook keeps hours whole; the CSV prints them
            assert half_up(cell) == Decimal(row["value"]), key
        else:
            places = 5e-5 if row["unit"] == "share" else 1e-9  # the CSV's share has 4 places
            assert cell == pytest.approx(float(row["value"]), abs=places), key
    assert {"Cover", "About this report"} <= set(sheets)


def _printed(row: dict) -> str:
    if row["suppressed"] == "true":
        return row["shown_as"]
    value, unit = row["value"], row["unit"]
    if value == "":
        return "—"
    if unit == "share":
        return f"{round(100 * float(value))}%"
    if unit == "hours":
        return f"{float(value):.1f}"
    if unit == "flag":
        return "Under 75%" if value == "true" else ""
    return f"{float(value):g}" if unit == "minutes" else value


def check_pdf_against_csv(numbers: dict, content: bytes) -> None:
    """Every table row's numbers appear, in order, in the PDF's text."""
    text = read_pdf(content)
    rows: dict[tuple, list[str]] = {}
    for (table, _, dims), row in numbers.items():
        if row["section"] not in ("Report", "Narrative"):
            rows.setdefault((table, dims), []).append(_printed(row))
    for (table, dims), printed in rows.items():
        if dims:
            line = " ".join(p for p in printed if p)
            assert line in text, (table, dims, line)
    for measure in TILES.values():
        row = numbers[("The period at a glance", measure, "")]
        assert f"{measure} {_printed(row)}" in text, measure


def export(client, period, fmt, args=None):
    response = client.get(f"/grants/periods/{period.id}/report.{fmt}", query_string=args or {})
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.data
