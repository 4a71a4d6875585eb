"""Jinja filters shared by every page."""

from datetime import UTC, datetime

from flask import Flask
from markupsafe import Markup

from .catalog import INCIDENT_ACTIONS, LOCATIONS, MENTORING_MODES, SCHOOL_TIME_RULE_TEXT
from .clock import agency_zone
from .reports.numbers import hours_text

_LABELS = {**dict(LOCATIONS), **dict(MENTORING_MODES), **dict(INCIDENT_ACTIONS)}
STATUS_BADGES = {
    "draft": "secondary",
    "submitted": "primary",
    "approved": "success",
    "returned": "warning",
}


def duration(minutes: int | None) -> str:
    """120 → '2 h', 95 → '1 h 35 min', 20 → '20 min'."""
    minutes = minutes or 0
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    return f"{hours} h" if hours else f"{rest} min"


def local_datetime(instant: datetime | None, zone: bool = False) -> str:
    """A UTC instant as the agency's local date and time, e.g. '2026-11-28 09:30' (with the
    zone's abbreviation, '2026-11-28 09:30 CST', when asked: where UTC is shown beside it)."""
    if not instant:
        return ""
    return instant.astimezone(agency_zone()).strftime("%Y-%m-%d %H:%M" + (" %Z" if zone else ""))


def utc_datetime(instant: datetime | None) -> str:
    """The same instant in UTC, for a tooltip beside the local time: '2026-11-28 15:30:05 UTC'."""
    return instant.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC") if instant else ""


def chart_size(dashboard, name: str) -> Markup:
    """A chart image's size as it will be drawn, so the page keeps its place before it comes,
    and lazy: every chart is below the first screen of a phone."""
    size = dashboard.chart_size(name)
    return Markup(f'width="{size["width"]}" height="{size["height"]}" loading="lazy"')


def register_template_filters(app: Flask) -> None:
    app.jinja_env.globals["school_time_rule"] = SCHOOL_TIME_RULE_TEXT
    app.jinja_env.globals["chart_size"] = chart_size
    from .offline import page_data  # the officer's page tells the offline layer who and what

    app.jinja_env.globals["offline_data"] = page_data
    app.add_template_filter(duration, "duration")
    app.add_template_filter(hours_text, "hours")
    app.add_template_filter(local_datetime, "local_datetime")
    app.add_template_filter(utc_datetime, "utc_datetime")
    app.add_template_filter(lambda code: _LABELS.get(code, code or ""), "label")
    app.add_template_filter(lambda status: STATUS_BADGES.get(status, "secondary"), "badge")
