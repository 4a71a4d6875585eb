"""The dashboard's period presets, computed from the agency's today."""

from datetime import date, timedelta

from ..dates import month_start, quarter_start, school_year_start, week_start

PRESETS = (
    ("this_week", "This week"),
    ("this_month", "This month"),
    ("this_quarter", "This quarter"),
    ("this_school_year", "This school year"),
    ("last_school_year", "Last school year"),
    ("custom", "Custom range"),
)
DEFAULT_PRESET = "this_school_year"


def preset_range(preset: str, today: date) -> tuple[date, date]:
    """The first and last day of a preset period (up to today for the current ones)."""
    if preset == "this_week":
        return week_start(today), today
    if preset == "this_month":
        return month_start(today), today
    if preset == "this_quarter":
        return quarter_start(today), today
    if preset == "last_school_year":
        start = school_year_start(today)
        return start.replace(year=start.year - 1), start - timedelta(days=1)
    return school_year_start(today), today
