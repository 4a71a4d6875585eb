"""Reads for the officer's pages: `select()` statements and small records, never commits."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from flask import abort

from .. import reference
from ..catalog import STAFF
from ..extensions import db
from ..ids import is_row_id
from ..models import Activity, ProgramGoal, User, activity_goals
from ..reference import GoalRecord, ItemRecord, SchoolRecord
from .services import undoable


def get_activity_for(user: User, activity_id: int, edit: bool = False) -> Activity:
    """The entry if `user` may see it (with edit: change it); 404 if absent, 403 if not allowed.

    Officers see and change their own entries; supervisors see and correct every entry; admins
    may read them.
    """
    if not is_row_id(activity_id):  # PostgreSQL refuses a larger integer outright
        abort(404)
    activity = db.session.get(Activity, activity_id)
    if activity is None or activity.deleted_at is not None:
        abort(404)
    own = activity.officer_id == user.id
    if edit and not (own or user.role == "supervisor"):
        abort(403)
    if not own and user.role not in STAFF:
        abort(403)
    return activity


def entry_with_ref(officer: User, ref: str | None) -> Activity | None:
    """The entry stored under a phone's key (another officer's: 409, never shown)."""
    if ref is None:
        return None
    activity = db.session.scalar(sa.select(Activity).where(Activity.external_ref == ref))
    if activity is not None and activity.officer_id != officer.id:
        abort(409)
    return activity


def deleted_entry_for(user: User, activity_id: int) -> Activity:
    """The officer's own deleted entry (to bring back); 404 for anything else."""
    activity = db.session.get(Activity, activity_id)
    if activity is None or activity.deleted_at is None or activity.officer_id != user.id:
        abort(404)
    return activity


def just_deleted(user: User, activity_id: int) -> Activity | None:
    """The officer's entry deleted within the undo window, for the home page's Undo."""
    activity = db.session.get(Activity, activity_id) if is_row_id(activity_id) else None
    if activity is None or activity.officer_id != user.id or not undoable(activity):
        return None
    return activity


def live() -> sa.ColumnElement[bool]:
    return Activity.deleted_at.is_(None)


@dataclass
class Day:
    on: date
    entries: list = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return sum(e.duration_minutes for e in self.entries)


def week_of(officer: User, monday: date) -> list[Day]:
    """Monday to Sunday of the officer's entries, each day with its entries in time order."""
    days = [Day(monday + timedelta(days=i)) for i in range(7)]
    stmt = (
        sa.select(Activity)
        .where(
            Activity.officer_id == officer.id,
            live(),
            Activity.occurred_on.between(monday, monday + timedelta(days=6)),
        )
        .order_by(Activity.occurred_on, Activity.start_time, Activity.id)
    )
    for entry in db.session.scalars(stmt):
        days[(entry.occurred_on - monday).days].entries.append(entry)
    return days


def goal_totals(officer: User, first: date, last: date) -> list[dict]:
    """Entries and minutes per active goal for the officer between two dates (drafts included)."""
    stmt = (
        sa.select(
            ProgramGoal.title, sa.func.count(Activity.id), sa.func.sum(Activity.duration_minutes)
        )
        .select_from(ProgramGoal)
        .outerjoin(activity_goals, activity_goals.c.goal_id == ProgramGoal.id)
        .outerjoin(
            Activity,
            sa.and_(
                Activity.id == activity_goals.c.activity_id,
                Activity.officer_id == officer.id,
                Activity.occurred_on.between(first, last),
                live(),
            ),
        )
        .where(ProgramGoal.active)
        .group_by(ProgramGoal.id, ProgramGoal.title, ProgramGoal.position)
        .order_by(ProgramGoal.position)
    )
    return [
        {"goal": title, "entries": n, "minutes": minutes or 0}
        for title, n, minutes in db.session.execute(stmt)
    ]


def returned_entries(officer: User) -> list[Activity]:
    stmt = (
        sa.select(Activity)
        .where(Activity.officer_id == officer.id, Activity.status == "returned", live())
        .order_by(Activity.occurred_on)
    )
    return list(db.session.scalars(stmt))


def form_choices(
    lists: Iterable[str] | None = None,
) -> tuple[list[SchoolRecord], list[GoalRecord], list[ItemRecord]]:
    """Schools (labelled with their districts), goals and the items of the named pick lists (of
    every list if None), from the per-process copy; the form keeps the active ones."""
    data = reference.current()
    return list(data.schools), list(data.goals), data.items_of(lists)


def pick_labels() -> dict[int, str]:
    return {i.id: i.label for i in reference.current().items}


def school_names() -> dict[int, str]:
    return {s.id: s.name for s in reference.current().schools}


def officer_names() -> dict[int, str]:
    return dict(db.session.execute(sa.select(User.id, User.full_name)).all())
