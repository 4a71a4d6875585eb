"""The agency's clock: instants are UTC, the work is dated by the local school day."""

from datetime import UTC, date, datetime, timedelta
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


DEVICE_CLOCK_SKEW = timedelta(minutes=10)  # a phone's clock may run this far ahead of ours
DEVICE_KEEPS = timedelta(days=60)  # the oldest entry a phone may still be sending


def made_on_device(text: str) -> datetime | None:
    """When a phone says an entry was saved on it (an ISO instant with its offset, as
    `Date.toISOString()` writes it), if that is plausible: not ahead of the server by more than
    DEVICE_CLOCK_SKEW, not older than DEVICE_KEEPS; else None."""
    try:
        instant = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    if instant.tzinfo is None:
        return None
    now = now_utc()
    try:
        instant = instant.astimezone(UTC)
    except OverflowError:  # year 9999 at +14:00
        return None
    return instant if now - DEVICE_KEEPS <= instant <= now + DEVICE_CLOCK_SKEW else None
