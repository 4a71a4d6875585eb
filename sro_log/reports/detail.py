"""The grant report's extra GROUP BYs, beyond the dashboard's: each kind by its own categories.

Like query.py, each returns a frame sized by the number of categories, never by entries.
"""

import pandas as pd
import sqlalchemy as sa

from ..models import Activity
from .filters import EntryFilter, where_clauses
from .query import _COUNT, DETAIL, _frame, _sum

_MINUTES = _sum(Activity.duration_minutes)


def _count_where(condition) -> sa.ColumnElement:
    return _sum(sa.case((condition, 1), else_=0))


def _by(f: EntryFilter, kind: str, key, sums: dict) -> pd.DataFrame:
    stmt = (
        sa.select(key, _COUNT, *sums.values())
        .where(*where_clauses(f.narrowed(kind=kind)))
        .group_by(key)
    )
    return _frame(stmt, ["key", "entries", *sums])


def by_kind_key(f: EntryFilter, kind: str, column: str) -> pd.DataFrame:
    """Entries and arrests of one kind by one of its columns."""
    return _by(f, kind, DETAIL[column], {"arrests": _sum(DETAIL.arrests)})


def classroom_by_topic(f: EntryFilter) -> pd.DataFrame:
    return _by(f, "classroom", DETAIL.topic_id, {"students_reached": _sum(DETAIL.students_reached)})


def mentoring_by_referral(f: EntryFilter) -> pd.DataFrame:
    return _by(f, "mentoring", DETAIL.referral_id, {
        "students": _sum(DETAIL.students_count),
        "follow_ups": _count_where(DETAIL.follow_up_on.is_not(None)),
    })  # fmt: skip


def incidents_by_location(f: EntryFilter) -> pd.DataFrame:
    return _by(f, "incident", Activity.location, {"arrests": _sum(DETAIL.arrests)})


def incidents_by_action(f: EntryFilter) -> pd.DataFrame:
    return _by(f, "incident", DETAIL.action, {
        "arrests": _sum(DETAIL.arrests), "students_involved": _sum(DETAIL.students_involved),
    })  # fmt: skip


def safety_by_type(f: EntryFilter) -> pd.DataFrame:
    return _by(f, "safety", DETAIL.safety_type_id, {"staff_trained": _sum(DETAIL.staff_trained)})


def community_by_type(f: EntryFilter) -> pd.DataFrame:
    return _by(f, "community", DETAIL.event_type_id, {"attendees": _sum(DETAIL.attendees)})


def by_officer_kind(f: EntryFilter) -> pd.DataFrame:
    stmt = (
        sa.select(Activity.officer_id, Activity.kind, _COUNT, _MINUTES)
        .where(*where_clauses(f))
        .group_by(Activity.officer_id, Activity.kind)
    )
    return _frame(stmt, ["officer_id", "kind", "entries", "minutes"])


def by_goal_bits_kind(f: EntryFilter) -> pd.DataFrame:
    stmt = (
        sa.select(DETAIL.goal_bits, Activity.kind, _COUNT, _MINUTES)
        .where(*where_clauses(f))
        .group_by(DETAIL.goal_bits, Activity.kind)
    )
    return _frame(stmt, ["goal_bits", "kind", "entries", "minutes"])
