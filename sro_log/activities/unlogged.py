"""The officer's own school days with nothing logged, shown on their home page."""

from datetime import date, timedelta

from ..models import User
from ..reports.missing_days import days_not_logged

RECENT_DAYS = 14  # the last two weeks, up to yesterday (today is not over)


def unlogged_days(officer: User, today: date) -> list[date]:
    last = today - timedelta(days=1)
    found = days_not_logged(last - timedelta(days=RECENT_DAYS - 1), last, officer_id=officer.id)
    return found[0].not_logged if found else []
