"""The grant report's extra GROUP BYs, beyond the dashboard's: each kind by its own categories.

Like query.py, each returns a frame sized by the number of categories, never by entries.
"""

import pandas as pd
import sqlalchemy as sa

from ..models import Activity
from .filters import EntryFilter, where_clauses
from .measures import COUNT, DETAIL, MINUTES, frame, total


def _count_where(condition) -> sa.ColumnElement:
    return total(sa.case((condition, 1), else_=0))


def _by(f: EntryFilter, kind: str, key, sums: dict) -> pd.DataFrame:
    columns = ["key", "entries", *sums]
    of_kind = f.of_kind(kind)
    if of_kind is None:  # the filter selects another kind
        return pd.DataFrame([], columns=columns)
    stmt = sa.select(key, COUNT, *sums.values()).where(*where_clauses(of_kind)).group_by(key)
    return frame(stmt, columns)


def by_kind_key(f: EntryFilter, kind: str, column: str) -> pd.DataFrame:
    """Entries and arrests of one kind by one of its columns."""
    return _by(f, kind, DETAIL[column], {"arrests": total(DETAIL.arrests)})


def classroom_by_topic(f: EntryFilter) -> pd.DataFrame:
    reached = {"students_reached": total(DETAIL.students_reached)}
    return _by(f, "classroom", DETAIL.topic_id, reached)


def mentoring_by_referral(f: EntryFilter) -> pd.DataFrame:
    return _by(
        f,
        "mentoring",
        DETAIL.referral_id,
        {
            "students": total(DETAIL.students_count),
            "follow_ups": _count_where(DETAIL.follow_up_on.is_not(None)),
        },
    )


def incidents_by_location(f: EntryFilter) -> pd.DataFrame:
    return _by(f, "incident", Activity.location, {"arrests": total(DETAIL.arrests)})


def incidents_by_action(f: EntryFilter) -> pd.DataFrame:
    return _by(
        f,
        "incident",
        DETAIL.action,
        {
            "arrests": total(DETAIL.arrests),
            "students_involved": total(DETAIL.students_involved),
        },
    )


def safety_by_type(f: EntryFilter) -> pd.DataFrame:
    return _by(f, "safety", DETAIL.safety_type_id, {"staff_trained": total(DETAIL.staff_trained)})


def community_by_type(f: EntryFilter) -> pd.DataFrame:
    return _by(f, "community", DETAIL.event_type_id, {"attendees": total(DETAIL.attendees)})


def by_officer_kind(f: EntryFilter) -> pd.DataFrame:
    stmt = (
        sa.select(Activity.officer_id, Activity.kind, COUNT, MINUTES)
        .where(*where_clauses(f))
        .group_by(Activity.officer_id, Activity.kind)
    )
    return frame(stmt, ["officer_id", "kind", "entries", "minutes"])


def by_goal_bits_kind(f: EntryFilter) -> pd.DataFrame:
    stmt = (
        sa.select(DETAIL.goal_bits, Activity.kind, COUNT, MINUTES)
        .where(*where_clauses(f))
        .group_by(DETAIL.goal_bits, Activity.kind)
    )
    return frame(stmt, ["goal_bits", "kind", "entries", "minutes"])
