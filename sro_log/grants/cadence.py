"""Reporting periods generated from a grant's dates and cadence (pure: dates in, periods out).

Each period is the part of a cadence window (a calendar quarter, a COPS half-year, a school
year) that falls inside the grant, so a grant that starts or ends mid-window gets a short first
or last period; its report is due a fixed number of days after it ends.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from ..dates import months_after, quarter_start, school_year_label, school_year_start


@dataclass(frozen=True)
class PeriodSpec:
    label: str
    starts_on: date
    ends_on: date
    due_on: date


def _window_start(cadence: str, day: date) -> date:
    """The first day of the cadence window holding `day`."""
    if cadence == "quarterly":
        return quarter_start(day)
    if cadence == "cops_half_year":  # February to July, August to January
        if 2 <= day.month <= 7:
            return date(day.year, 2, 1)
        return date(day.year if day.month >= 8 else day.year - 1, 8, 1)
    if cadence == "school_year":  # July to June
        return school_year_start(day)
    raise ValueError(f"no generated periods for cadence {cadence!r}")


_MONTHS = {"quarterly": 3, "cops_half_year": 6, "school_year": 12}


def _label(cadence: str, start: date, end: date) -> str:
    if cadence == "quarterly":
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if cadence == "school_year":
        return school_year_label(start.year)
    if start.year == end.year:
        return f"{start:%b}–{end:%b} {start.year}"
    return f"{start:%b %Y}–{end:%b %Y}"


def generate_periods(
    cadence: str, starts_on: date, ends_on: date, due_days: int
) -> list[PeriodSpec]:
    """Every period of the cadence from the grant's first day to its last, clipped to them."""
    if ends_on < starts_on:
        return []
    periods = []
    window = _window_start(cadence, starts_on)
    while window <= ends_on:
        following = months_after(window, _MONTHS[cadence])
        window_end = following - timedelta(days=1)
        first, last = max(window, starts_on), min(window_end, ends_on)
        periods.append(
            PeriodSpec(
                _label(cadence, window, window_end), first, last, last + timedelta(days=due_days)
            )
        )
        window = following
    return periods
