"""Weeks and months, made from days by the pure summaries, match Python's calendar."""

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


def test_each_day_falls_in_the_week_of_its_monday():
    trend = summaries.weekly_trend(by_day(DAYS), KIND_LABELS)
    assert dict(zip(trend["week"], trend["admin"], strict=True)) == expected_weeks(DAYS)


@given(st.lists(st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31)),
                min_size=1, max_size=40))  # fmt: skip
def test_weeks_and_months_of_any_days_match_python(days):
    trend = summaries.weekly_trend(by_day(days), KIND_LABELS)
    assert dict(zip(trend["week"], trend["admin"], strict=True)) == expected_weeks(days)
    assert list(trend["week"]) == sorted(trend["week"])
    months = summaries.month_table(by_day(days), min(days), max(days))
    counted = {m: e for m, e in zip(months["month"], months["entries"], strict=True) if e}
    expected: dict[date, int] = {}
    for day in days:
        expected[day.replace(day=1)] = expected.get(day.replace(day=1), 0) + 1
    assert counted == expected
