"""Days not logged: each officer's school days with no entry, and those with fewer hours than
a chosen number, over a period (the supervisor's page and its CSV, the officer's home)."""

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from ..calendars import Placement, Span, officer_school_days
from ..extensions import db
from ..models import Activity, Assignment, CalendarSpan, School, User


@dataclass
class OfficerDays:
    officer_id: int
    officer: str
    school_days: int = 0
    not_logged: list[date] = field(default_factory=list)
    short: list[tuple[date, int]] = field(default_factory=list)  # (day, minutes logged)


def _placements(first: date, last: date, officer_id: int | None) -> list[Placement]:
    stmt = (
        sa.select(
            Assignment.officer_id, School.district_id, Assignment.starts_on, Assignment.ends_on
        )
        .join(School, School.id == Assignment.school_id)
        .where(Assignment.covering(first, last))
    )
    if officer_id is not None:
        stmt = stmt.where(Assignment.officer_id == officer_id)
    return [Placement(*row) for row in db.session.execute(stmt)]


def _calendars(first: date, last: date) -> dict[int, list[Span]]:
    stmt = sa.select(
        CalendarSpan.district_id, CalendarSpan.kind, CalendarSpan.starts_on, CalendarSpan.ends_on
    ).where(CalendarSpan.starts_on <= last, CalendarSpan.ends_on >= first)
    calendars: dict[int, list[Span]] = {}
    for district_id, kind, starts_on, ends_on in db.session.execute(stmt):
        calendars.setdefault(district_id, []).append(Span(kind, starts_on, ends_on))
    return calendars


def _logged(first: date, last: date, officer_ids: list[int]) -> dict[tuple[int, date], int]:
    """Minutes logged per officer and day: every entry not deleted, drafts included (the day
    is written down, if not yet sent)."""
    stmt = (
        sa.select(Activity.officer_id, Activity.occurred_on, sa.func.sum(Activity.duration_minutes))
        .where(
            Activity.deleted_at.is_(None),
            Activity.occurred_on.between(first, last),
            Activity.officer_id.in_(officer_ids),
        )
        .group_by(Activity.officer_id, Activity.occurred_on)
    )
    return {(officer, day): int(minutes) for officer, day, minutes in db.session.execute(stmt)}


def days_not_logged(
    first: date, last: date, min_minutes: int = 0, officer_id: int | None = None
) -> list[OfficerDays]:
    """For each officer with school days in the period (by name): the days with no entry, and
    the days with fewer than `min_minutes` logged."""
    expected = officer_school_days(
        _placements(first, last, officer_id), _calendars(first, last), first, last
    )
    expected = {officer: days for officer, days in expected.items() if days}
    if not expected:
        return []
    named = sa.select(User.id, User.full_name).where(User.id.in_(expected))
    names = dict(db.session.execute(named).all())
    logged = _logged(first, last, list(expected))
    report = []
    for officer, days in expected.items():
        row = OfficerDays(officer, names[officer], school_days=len(days))
        for day in sorted(days):
            minutes = logged.get((officer, day), 0)
            if minutes == 0:
                row.not_logged.append(day)
            elif minutes < min_minutes:
                row.short.append((day, minutes))
        report.append(row)
    return sorted(report, key=lambda r: (r.officer, r.officer_id))
