"""The report as tidy CSV: one row per number, with its section, measure, dimensions, value and
whether it was withheld. No time of generation: the same data and options give the same bytes."""

from ..csvsafe import to_csv
from ..reports.grant_report import GrantReport
from ..reports.numbers import half_up

NO_ACTIVITY = "No activity was logged in this period."
HEADER = ["section", "table", "measure", "dimensions", "value", "unit", "suppressed", "shown_as"]
COVER_FIELDS = (
    ("agency", "Agency"),
    ("grant", "Grant"),
    ("funder", "Funder"),
    ("award_number", "Award number"),
    ("period", "Period"),
    ("dates", "Dates"),
    ("scope", "Schools"),
    ("statuses", "Entries included"),
)


def raw(value, unit: str):
    """A number as machines read it: no thousands separators, shares as fractions, hours to one
    decimal rounded half up (as printed everywhere); text only for flags."""
    if value is None:
        return None
    if unit == "flag":
        return "true" if value else "false"
    if unit == "share":
        return round(float(value), 4)
    if unit == "hours":
        return half_up(value)
    if unit == "minutes":
        return int(value) if float(value).is_integer() else float(value)
    return int(value)


def report_rows(report: GrantReport, threshold: int) -> list[list]:
    rows = [
        ["Report", "Cover", label, "", report.cover[key], "text", "false", ""]
        for key, label in COVER_FIELDS
    ]
    if report.empty:
        rows.append(["Report", "Cover", "Note", "", NO_ACTIVITY, "text", "false", ""])
    for table in report.tables.values():
        headings = [heading for _, heading in table.dims]
        for dims, cells in table.rows(threshold):
            dimensions = "; ".join(f"{h}={v}" for h, v in zip(headings, dims, strict=True))
            for measure, cell in zip(table.measures, cells, strict=True):
                withheld = cell.mark is not None
                rows.append(
                    [
                        table.section,
                        table.title,
                        measure.label,
                        dimensions,
                        None if withheld else raw(cell.value, measure.unit),
                        measure.unit,
                        "true" if withheld else "false",
                        cell.text if withheld else "",
                    ]
                )
    rows.append(["Narrative", "Narrative", "Narrative", "", report.narrative, "text", "false", ""])
    return rows


def report_csv(report: GrantReport, threshold: int) -> tuple[bytes, int]:
    """The CSV file (UTF-8 with a byte-order mark) and its number of data rows."""
    rows = report_rows(report, threshold)
    return to_csv(HEADER, rows).encode("utf-8"), len(rows)
