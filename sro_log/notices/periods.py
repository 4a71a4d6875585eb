"""Supervisors' notes about grant reporting periods: SRO_LOG_PERIOD_NOTE_DAYS before a period
ends, and once it has ended (for PERIOD_ENDED_WINDOW after), each with what still waits in it:
entries submitted and not yet reviewed, returned to their officers, or still drafts."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from ..extensions import db
from ..models import Activity, Grant, ReportingPeriod
from .due import Due, link, receivers, supervisors_morning, to_write_to

PERIOD_ENDED_WINDOW = timedelta(days=14)  # a period that ended longer ago is not told of
WAITING = ("submitted", "returned", "draft")


def _waiting_in(period: ReportingPeriod) -> dict[str, int]:
    counts = db.session.execute(
        sa.select(Activity.status, sa.func.count())
        .where(
            Activity.occurred_on.between(period.starts_on, period.ends_on),
            Activity.deleted_at.is_(None),
            Activity.status.in_(WAITING),
        )
        .group_by(Activity.status)
    )
    found = dict(counts.all())
    return {status: found.get(status, 0) for status in WAITING}


def _periods(today: date, ahead: int) -> list[tuple[ReportingPeriod, str]]:
    rows = db.session.scalars(
        sa.select(ReportingPeriod)
        .join(Grant)
        .where(
            ReportingPeriod.ends_on >= today - PERIOD_ENDED_WINDOW,
            ReportingPeriod.ends_on <= today + timedelta(days=ahead),
        )
        .order_by(ReportingPeriod.ends_on, ReportingPeriod.id)
    )
    return [(p, "ended" if p.ends_on < today else "ending") for p in rows]


def period_notes(now: datetime) -> Iterable[Due]:
    local = supervisors_morning(now)
    if local is None:
        return
    today = local.date()
    for period, stage in _periods(today, current_app.config["SRO_LOG_PERIOD_NOTE_DAYS"]):
        about = f"period:{period.id}:{stage}"
        people = to_write_to("period_ending", receivers("period_ending", about))
        if not people:
            continue
        waiting = _waiting_in(period)
        grant = period.grant.name
        subject = (
            f"{grant}, {period.label}: ended {period.ends_on:%a %d %b}"
            if stage == "ended"
            else f"{grant}, {period.label}: ends {period.ends_on:%a %d %b}"
        )
        for user, address, _, _ in people:
            yield Due(
                "period_ending",
                user,
                address,
                about,
                subject,
                {
                    "name": user.full_name,
                    "grant": grant,
                    "period": period,
                    "ended": stage == "ended",
                    "waiting": waiting,
                    "queue": link("review.queue", sort="oldest"),
                    "link": link("grants.report", period_id=period.id),
                },
            )
