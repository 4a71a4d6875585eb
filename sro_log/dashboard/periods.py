"""The dashboard's period presets, computed from the agency's today."""

from datetime import date, timedelta

PRESETS = (
    ("this_week", "This week"),
    ("this_month", "This month"),
    ("this_quarter", "This quarter"),
    ("this_school_year", "This school year"),
    ("last_school_year", "Last school year"),
    ("custom", "Custom range"),
)
DEFAULT_PRESET = "this_school_year"


def school_year_start(day: date) -> date:
    """School years run from 1 July to 30 June."""
    return date(day.year if day.month >= 7 else day.year - 1, 7, 1)


def preset_range(preset: str, today: date) -> tuple[date, date]:
    """The first and last day of a preset period (up to today for the current ones)."""
    if preset == "this_week":
        return today - timedelta(days=today.weekday()), today
    if preset == "this_month":
        return today.replace(day=1), today
    if preset == "this_quarter":
        return date(today.year, 3 * ((today.month - 1) // 3) + 1, 1), today
    if preset == "last_school_year":
        start = school_year_start(today)
        return start.replace(year=start.year - 1), start - timedelta(days=1)
    return school_year_start(today), today
