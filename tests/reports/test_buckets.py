"""Weeks and months, made from days by the pure summaries, match Python's calendar."""

import itertools
from datetime import date, timedelta

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from sro_log.catalog import KINDS
from sro_log.reports import summaries

KIND_LABELS = {kind: label for kind, (label, _) in KINDS.items()}
DAYS = [
    date(2026, 11, 22),  # a Sunday
    date(2026, 11, 23),  # a Monday
    date(2026, 11, 29),  # a Sunday, end of a month's last full week
    date(2025, 12, 31),  # a week across the new year
    date(2026, 1, 1),
    date(2024, 2, 29),  # leap day
    date(1970, 1, 1),  # the Thursday the day count starts from
    date(1969, 12, 29),  # the Monday before it
    date(1899, 12, 31),
    date(1850, 6, 15),
]


def by_day(days: list[date]) -> pd.DataFrame:
    """One 60-minute admin entry on each day."""
    return pd.DataFrame({"day": days, "kind": "admin", "entries": 1, "minutes": 60})


def expected_weeks(days: list[date]) -> dict[date, int]:
    weeks: dict[date, int] = {}
    for day in days:
        monday = day - timedelta(days=day.weekday())
        weeks[monday] = weeks.get(monday, 0) + 1
    return weeks


def _hours_by_start(trend: pd.DataFrame) -> dict[date, float]:
    return {start: hours for start, hours in zip(trend["start"], trend["admin"], strict=True)
            if hours}  # fmt: skip


def test_each_day_falls_in_the_week_of_its_monday_and_every_week_is_there():
    days = DAYS[:3]  # 22 to 29 November 2026: weeks
    trend = summaries.trend(by_day(days), KIND_LABELS, date(2026, 11, 1), date(2026, 11, 30))
    assert _hours_by_start(trend) == expected_weeks(days)
    assert list(trend["start"]) == [date(2026, 10, 26) + timedelta(weeks=i) for i in range(6)]


def test_a_range_over_six_months_goes_by_month_with_every_month_there():
    trend = summaries.trend(by_day([date(2026, 3, 9)]), KIND_LABELS, date(2025, 7, 1),
                            date(2026, 6, 30))  # fmt: skip
    assert summaries.trend_step(date(2025, 7, 1), date(2026, 6, 30)) == "month"
    assert list(trend["start"]) == [date(2025 + (6 + i) // 12, (6 + i) % 12 + 1, 1)
                                    for i in range(12)]  # fmt: skip
    assert _hours_by_start(trend) == {date(2026, 3, 1): 1.0}


@given(st.lists(st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31)),
                min_size=1, max_size=40), st.integers(0, 400))  # fmt: skip
def test_weeks_and_months_of_any_days_match_python(days, span):
    first = min(days)
    last = max(max(days), first + timedelta(days=span))
    trend = summaries.trend(by_day(days), KIND_LABELS, first, last)
    starts = list(trend["start"])
    if summaries.trend_step(first, last) == "week":
        assert _hours_by_start(trend) == expected_weeks(days)
        assert all(b - a == timedelta(weeks=1) for a, b in itertools.pairwise(starts))
        assert starts[0] <= first < starts[0] + timedelta(weeks=1) and starts[-1] <= last
    else:
        expected: dict[date, int] = {}
        for day in days:
            expected[day.replace(day=1)] = expected.get(day.replace(day=1), 0) + 1
        assert _hours_by_start(trend) == expected
        assert all((b.year * 12 + b.month) - (a.year * 12 + a.month) == 1
                   for a, b in itertools.pairwise(starts))  # fmt: skip
    months = summaries.month_table(by_day(days), first, last)
    counted = {m: e for m, e in zip(months["month"], months["entries"], strict=True) if e}
    expected_months: dict[date, int] = {}
    for day in days:
        expected_months[day.replace(day=1)] = expected_months.get(day.replace(day=1), 0) + 1
    assert counted == expected_months
