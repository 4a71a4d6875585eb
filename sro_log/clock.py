"""The agency's clock: instants are UTC, the work is dated by the local school day."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app


def now_utc() -> datetime:
    return datetime.now(UTC)


def agency_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["SRO_LOG_TIMEZONE"])


def now_local() -> datetime:
    """The agency's wall-clock time, naive, as officers read it and as local times are stored."""
    return now_utc().astimezone(agency_zone()).replace(tzinfo=None)


def today_local() -> date:
    return now_local().date()
