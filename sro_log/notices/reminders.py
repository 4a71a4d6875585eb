"""Reminders to officers about school days with nothing logged: on a school day, from
SRO_LOG_REMINDER_HOUR in the agency's time zone, when nothing is logged for it yet; on Friday,
instead, the week's school days with nothing logged. School days come from the districts'
calendars and the officer's placements, as on "Days not logged" (reports/missing_days.py)."""

from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa
from flask import current_app

from ..clock import agency_zone
from ..dates import week_start
from ..extensions import db
from ..models import User
from ..reports.missing_days import days_not_logged
from .due import Due, link, to_write_to

FRIDAY = 4


def days_not_logged_reminders(now: datetime) -> Iterable[Due]:
    local = now.astimezone(agency_zone())
    if local.hour < current_app.config["SRO_LOG_REMINDER_HOUR"]:
        return
    today = local.date()
    friday = today.weekday() == FRIDAY
    first = week_start(today) if friday else today
    # days_not_logged gives only days from `first` to today; a day's reminder is about today.
    missing = {
        row.officer_id: row.not_logged
        for row in days_not_logged(first, today)
        if row.not_logged and (friday or today in row.not_logged)
    }
    if not missing:
        return
    about = f"week:{first.isoformat()}" if friday else f"day:{today.isoformat()}"
    officers = db.session.scalars(
        sa.select(User).where(User.id.in_(missing), User.active.is_(True)).order_by(User.id)
    )
    candidates = [(user, about, missing[user.id]) for user in officers]
    for user, address, _, days in to_write_to("day_not_logged", candidates):
        subject = (
            f"This week: {len(days)} school {'day' if len(days) == 1 else 'days'} not logged"
            if friday
            else f"Nothing logged yet today, {today:%a %d %b}"
        )
        yield Due(
            "day_not_logged",
            user,
            address,
            about,
            subject,
            {
                "name": user.full_name,
                "week": friday,
                "days": [(day, link("activities.home", on=day.isoformat())) for day in days],
                "link": link("activities.home"),
            },
        )
