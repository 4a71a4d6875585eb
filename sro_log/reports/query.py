"""SQL → small DataFrames: every query filters in SQL and does the first GROUP BY there.

Each function returns a frame whose size depends on the number of groups (schools, officers,
months, ...), never on the number of entries.
"""

import pandas as pd
import sqlalchemy as sa

from ..extensions import db
from ..models import Activity, District, PickListItem, ProgramGoal, School, User, activity_goals
from .buckets import month_start, week_start
from .filters import EntryFilter, where_clauses

IN_AND_AROUND_SCHOOLS = ("in_school", "school_grounds", "community")
# The kinds' detail columns live on the one table, not on the base class.
DETAIL = Activity.__table__.c
_COUNT = sa.func.count(Activity.id)
_MINUTES = sa.func.coalesce(sa.func.sum(Activity.duration_minutes), 0)


def _frame(stmt: sa.Select, columns: list[str]) -> pd.DataFrame:
    rows = db.session.connection().execute(stmt).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=columns)


def _sum(column) -> sa.ColumnElement:
    return sa.func.coalesce(sa.func.sum(column), 0)


def by_school_kind(f: EntryFilter) -> pd.DataFrame:
    """Entries, minutes and the people counted, per school (None: off campus) and kind."""
    stmt = (
        sa.select(Activity.school_id, Activity.kind, _COUNT, _MINUTES,
                  _sum(DETAIL.students_reached), _sum(DETAIL.students_count),
                  _sum(DETAIL.arrests), _sum(DETAIL.attendees), _sum(DETAIL.staff_trained))
        .where(*where_clauses(f))
        .group_by(Activity.school_id, Activity.kind)
    )  # fmt: skip
    return _frame(
        stmt,
        [
            "school_id",
            "kind",
            "entries",
            "minutes",
            "students_reached",
            "students_mentored",
            "arrests",
            "attendees",
            "staff_trained",
        ],
    )


def by_officer_place(f: EntryFilter) -> pd.DataFrame:
    """Entries and minutes per officer, split by whether the work was in or around schools."""
    in_around = Activity.location.in_(IN_AND_AROUND_SCHOOLS)
    stmt = (
        sa.select(Activity.officer_id, in_around, _COUNT, _MINUTES)
        .where(*where_clauses(f))
        .group_by(Activity.officer_id, in_around)
    )
    frame = _frame(stmt, ["officer_id", "in_around", "entries", "minutes"])
    frame["in_around"] = frame["in_around"].astype(bool)
    return frame


def by_month(f: EntryFilter) -> pd.DataFrame:
    month = month_start(Activity.occurred_on)
    stmt = sa.select(month, _COUNT, _MINUTES).where(*where_clauses(f)).group_by(month)
    return _dated(_frame(stmt, ["month", "entries", "minutes"]), "month")


def by_week_kind(f: EntryFilter) -> pd.DataFrame:
    week = week_start(Activity.occurred_on)
    stmt = (
        sa.select(week, Activity.kind, _COUNT, _MINUTES)
        .where(*where_clauses(f))
        .group_by(week, Activity.kind)
    )
    return _dated(_frame(stmt, ["week", "kind", "entries", "minutes"]), "week")


def by_goal(f: EntryFilter) -> pd.DataFrame:
    """Entries and minutes per goal; an entry tagged with two goals counts toward both."""
    stmt = (
        sa.select(activity_goals.c.goal_id, _COUNT, _MINUTES)
        .join(activity_goals, activity_goals.c.activity_id == Activity.id)
        .where(*where_clauses(f))
        .group_by(activity_goals.c.goal_id)
    )
    return _frame(stmt, ["goal_id", "entries", "minutes"])


def by_incident_type(f: EntryFilter) -> pd.DataFrame:
    stmt = (
        sa.select(DETAIL.incident_type_id, _COUNT, _sum(DETAIL.arrests))
        .where(*where_clauses(f.narrowed(kind="incident")))
        .group_by(DETAIL.incident_type_id)
    )
    return _frame(stmt, ["incident_type_id", "incidents", "arrests"])


def response_histogram(f: EntryFilter) -> pd.DataFrame:
    """How many incidents had each response time, in whole minutes."""
    stmt = (
        sa.select(DETAIL.response_minutes, _COUNT)
        .where(*where_clauses(f.narrowed(kind="incident")), DETAIL.response_minutes.is_not(None))
        .group_by(DETAIL.response_minutes)
    )
    return _frame(stmt, ["response_minutes", "incidents"])


def schools() -> pd.DataFrame:
    stmt = sa.select(School.id, School.name, District.id, District.name).join(District)
    return _frame(stmt, ["school_id", "school", "district_id", "district"])


def officers() -> pd.DataFrame:
    return _frame(sa.select(User.id, User.full_name), ["officer_id", "officer"])


def goals() -> pd.DataFrame:
    stmt = sa.select(ProgramGoal.id, ProgramGoal.code, ProgramGoal.title, ProgramGoal.position)
    return _frame(stmt, ["goal_id", "code", "goal", "position"])


def pick_labels(list_name: str) -> pd.DataFrame:
    stmt = sa.select(PickListItem.id, PickListItem.label).where(PickListItem.list_name == list_name)
    return _frame(stmt, ["item_id", "label"])


def _dated(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """SQLite returns the bucket as text, PostgreSQL as a date: make both a date."""
    frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame
