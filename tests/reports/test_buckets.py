"""Month and week buckets, computed by each database, match Python's calendar."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from sro_log.reports.buckets import month_start, week_start

DAYS = [
    date(2026, 11, 22),  # a Sunday
    date(2026, 11, 23),  # a Monday
    date(2026, 11, 29),  # a Sunday, end of a month's last full week
    date(2025, 12, 31),  # a week across the new year
    date(2026, 1, 1),
    date(2024, 2, 29),  # leap day
    date(1900, 1, 1),  # the Monday the week arithmetic counts from
    date(1899, 12, 31),  # before it
    date(1850, 6, 15),
]


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_week_and_month_buckets_match_python(db, day):
    row = db.session.execute(
        sa.select(week_start(sa.literal(day, sa.Date)), month_start(sa.literal(day, sa.Date)))
    ).one()
    week, month = (value if isinstance(value, date) else date.fromisoformat(value) for value in row)
    assert week == day - timedelta(days=day.weekday())
    assert month == day.replace(day=1)
