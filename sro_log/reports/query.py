"""SQL → small DataFrames: every query filters in SQL and does the first GROUP BY there.

Each function returns a frame whose size depends on the number of groups (schools, officers,
days, ...), never on the number of entries. The statements are built once; each call adds only
its filter's WHERE (measures.narrowed).
"""

import pandas as pd
import sqlalchemy as sa

from ..extensions import db
from ..models import Activity, District, PickListItem, ProgramGoal, School, User
from . import onepass
from .buckets import group_key
from .filters import EntryFilter
from .measures import (
    COUNT,
    DETAIL,
    MINUTES,
    PEOPLE_SUM,
    days,
    frame,
    incident_frames,
    narrowed,
    rows,
    spread_people,
    total,
)

_SCHOOL, _OFFICER, _DAY = (
    group_key(c) for c in (Activity.school_id, Activity.officer_id, Activity.occurred_on)
)
_BY_SCHOOL_KIND = sa.select(_SCHOOL, Activity.kind, COUNT, MINUTES, PEOPLE_SUM).group_by(
    _SCHOOL, Activity.kind
)
# By location itself: summaries tell which are in and around schools, which spares the
# database a test on every entry.
_BY_OFFICER_PLACE = sa.select(_OFFICER, Activity.location, COUNT, MINUTES).group_by(
    _OFFICER, Activity.location
)
# By day: summaries make the months and weeks of them, so the database computes no bucket on
# every entry, and one grouping serves both.
_BY_DAY_KIND = sa.select(_DAY, Activity.kind, COUNT, MINUTES).group_by(_DAY, Activity.kind)
_GOAL_BITS = group_key(DETAIL.goal_bits)
_BY_GOAL_BITS = sa.select(_GOAL_BITS, COUNT, MINUTES).group_by(_GOAL_BITS)
_BY_INCIDENT_TYPE = sa.select(DETAIL.incident_type_id, COUNT, total(DETAIL.arrests)).group_by(
    DETAIL.incident_type_id
)
_RESPONSE = (
    sa.select(DETAIL.response_minutes, COUNT)
    .where(DETAIL.response_minutes.is_not(None))
    .group_by(DETAIL.response_minutes)
)
_BY_INCIDENT = sa.select(
    DETAIL.incident_type_id, DETAIL.response_minutes, COUNT, total(DETAIL.arrests)
).group_by(DETAIL.incident_type_id, DETAIL.response_minutes)


def by_school_kind(f: EntryFilter) -> pd.DataFrame:
    """Entries, minutes and the people counted, per school (None: off campus) and kind."""
    columns = ["school_id", "kind", "entries", "minutes", "people"]
    found = rows(narrowed(_BY_SCHOOL_KIND, f))
    values = {c: [row[i] for row in found] for i, c in enumerate(columns)}
    return pd.DataFrame(spread_people(values))


def by_officer_place(f: EntryFilter) -> pd.DataFrame:
    """Entries and minutes per officer and location."""
    return frame(narrowed(_BY_OFFICER_PLACE, f), ["officer_id", "location", "entries", "minutes"])


def by_day_kind(f: EntryFilter) -> pd.DataFrame:
    """Entries and minutes per day and kind."""
    found = frame(narrowed(_BY_DAY_KIND, f), ["day", "kind", "entries", "minutes"])
    found["day"] = days(found["day"].tolist())
    return found


def by_goal_bits(f: EntryFilter) -> pd.DataFrame:
    """Entries and minutes per combination of goals (summaries.goal_table totals each goal)."""
    return frame(narrowed(_BY_GOAL_BITS, f), ["goal_bits", "entries", "minutes"])


def _incidents(stmt: sa.Select, f: EntryFilter) -> list:
    """The rows of `stmt` over the filter's incidents (none when it selects another kind)."""
    incidents = f.of_kind("incident")
    return [] if incidents is None else rows(narrowed(stmt, incidents))


def by_incident_type(f: EntryFilter) -> pd.DataFrame:
    columns = ["incident_type_id", "incidents", "arrests"]
    return pd.DataFrame([tuple(r) for r in _incidents(_BY_INCIDENT_TYPE, f)], columns=columns)


def response_histogram(f: EntryFilter) -> pd.DataFrame:
    """How many incidents had each response time, in whole minutes."""
    columns = ["response_minutes", "incidents"]
    return pd.DataFrame([tuple(r) for r in _incidents(_RESPONSE, f)], columns=columns)


def by_incident(f: EntryFilter) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The frames of by_incident_type and response_histogram, from one GROUP BY."""
    return incident_frames(_incidents(_BY_INCIDENT, f))


def grouped(f: EntryFilter) -> dict[str, pd.DataFrame]:
    """Every per-entry grouping the dashboard needs: on PostgreSQL in one pass over the period
    (GROUPING SETS), elsewhere one GROUP BY each. Both give the same frames."""
    if db.session.connection().dialect.name == "postgresql":
        return onepass.grouped(f)
    incident_type, response = by_incident(f)
    return {
        "school_kind": by_school_kind(f),
        "officer_place": by_officer_place(f),
        "day_kind": by_day_kind(f),
        "incident_type": incident_type,
        "response": response,
        "goal_bits": by_goal_bits(f),
    }


# The name lookups never change shape.
_SCHOOLS = sa.select(School.id, School.name, District.id, District.name).join(District)
_OFFICERS = sa.select(User.id, User.full_name)
_GOALS = sa.select(
    ProgramGoal.id, ProgramGoal.code, ProgramGoal.title, ProgramGoal.position, ProgramGoal.bit
)
_PICK_LIST = (
    sa.select(PickListItem.id, PickListItem.code, PickListItem.label)
    .where(PickListItem.list_name == sa.bindparam("list_name"))
    .order_by(PickListItem.position, PickListItem.id)
)


def schools() -> pd.DataFrame:
    return frame(_SCHOOLS, ["school_id", "school", "district_id", "district"])


def officers() -> pd.DataFrame:
    return frame(_OFFICERS, ["officer_id", "officer"])


def goals() -> pd.DataFrame:
    return frame(_GOALS, ["goal_id", "code", "goal", "position", "bit"])


def pick_labels(list_name: str) -> pd.DataFrame:
    """A pick list's items in the list's order."""
    return frame(_PICK_LIST, ["item_id", "code", "label"], {"list_name": list_name})
