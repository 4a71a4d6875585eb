"""SQL → small DataFrames: every query filters in SQL and does the first GROUP BY there.

Each function returns a frame whose size depends on the number of groups (schools, officers,
days, ...), never on the number of entries.
"""

from datetime import date

import numpy as np
import pandas as pd
import sqlalchemy as sa

from ..extensions import db
from ..models import Activity, District, PickListItem, ProgramGoal, School, User
from .buckets import group_key
from .filters import EntryFilter, where_clauses

# The kinds' detail columns live on the one table, not on the base class.
DETAIL = Activity.__table__.c
# count(*), not count(id): the id is not in the reporting index, and needing it would keep
# PostgreSQL from answering from that index alone (an index-only scan).
_COUNT = sa.func.count()
_MINUTES = sa.func.coalesce(sa.func.sum(Activity.duration_minutes), 0)


def _frame(stmt: sa.Select, columns: list[str], params: dict | None = None) -> pd.DataFrame:
    rows = db.session.connection().execute(stmt, params).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=columns)


def _sum(column) -> sa.ColumnElement:
    return sa.func.coalesce(sa.func.sum(column), 0)


# The people each kind counts, each in its own column (the other kinds leave it empty): the frame
# column it goes to, and the table column it comes from.
PEOPLE = {
    "classroom": ("students_reached", DETAIL.students_reached),
    "mentoring": ("students_mentored", DETAIL.students_count),
    "incident": ("arrests", DETAIL.arrests),
    "community": ("attendees", DETAIL.attendees),
    "safety": ("staff_trained", DETAIL.staff_trained),
}
# One sum of the kind's own column per group: grouped by kind, it says all five, where five sums
# would cost the database five additions per entry and grouping.
_PEOPLE = _sum(sa.case({kind: column for kind, (_, column) in PEOPLE.items()}, value=Activity.kind))


def _by_kind(frame: pd.DataFrame) -> pd.DataFrame:
    """Spread a frame's `people` over the five columns of the people each kind counts."""
    kind = frame["kind"].to_numpy(dtype=object)
    people = frame.pop("people").to_numpy(dtype="int64")
    for name, (column, _) in PEOPLE.items():
        frame[column] = np.where(kind == name, people, 0)
    return frame


def by_school_kind(f: EntryFilter) -> pd.DataFrame:
    """Entries, minutes and the people counted, per school (None: off campus) and kind."""
    school = group_key(Activity.school_id)
    stmt = (
        sa.select(school, Activity.kind, _COUNT, _MINUTES, _PEOPLE)
        .where(*where_clauses(f))
        .group_by(school, Activity.kind)
    )
    return _by_kind(_frame(stmt, ["school_id", "kind", "entries", "minutes", "people"]))


def by_officer_place(f: EntryFilter) -> pd.DataFrame:
    """Entries and minutes per officer and location (summaries tell which are in and around
    schools: grouping by the column itself spares the database a test on every entry)."""
    officer = group_key(Activity.officer_id)
    stmt = (
        sa.select(officer, Activity.location, _COUNT, _MINUTES)
        .where(*where_clauses(f))
        .group_by(officer, Activity.location)
    )
    return _frame(stmt, ["officer_id", "location", "entries", "minutes"])


def by_day_kind(f: EntryFilter) -> pd.DataFrame:
    """Entries and minutes per day and kind; summaries make the months and weeks of them (the
    database then computes no bucket on every entry, and one grouping serves both)."""
    day = group_key(Activity.occurred_on)
    stmt = (
        sa.select(day, Activity.kind, _COUNT, _MINUTES)
        .where(*where_clauses(f))
        .group_by(day, Activity.kind)
    )
    return _dated(_frame(stmt, ["day", "kind", "entries", "minutes"]), "day")


def by_goal_bits(f: EntryFilter) -> pd.DataFrame:
    """Entries and minutes per combination of goals (summaries.goal_table totals each goal)."""
    bits = group_key(DETAIL.goal_bits)
    stmt = sa.select(bits, _COUNT, _MINUTES).where(*where_clauses(f)).group_by(bits)
    return _frame(stmt, ["goal_bits", "entries", "minutes"])


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


def by_incident(f: EntryFilter) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The frames of by_incident_type and response_histogram, from one GROUP BY."""
    stmt = (
        sa.select(DETAIL.incident_type_id, DETAIL.response_minutes, _COUNT, _sum(DETAIL.arrests))
        .where(*where_clauses(f.narrowed(kind="incident")))
        .group_by(DETAIL.incident_type_id, DETAIL.response_minutes)
    )
    return _incident_frames(db.session.connection().execute(stmt).all())


def _incident_frames(rows) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(incident_type_id, response_minutes, incidents, arrests) rows, summed into the frames of
    by_incident_type and response_histogram."""
    by_type: dict = {}
    by_minutes: dict = {}
    for type_id, minutes, incidents, arrests in rows:  # NULL is None from either database
        counted = by_type.setdefault(None if type_id is None else int(type_id), [0, 0])
        counted[0] += int(incidents)
        counted[1] += int(arrests)
        if minutes is not None:
            by_minutes[int(minutes)] = by_minutes.get(int(minutes), 0) + int(incidents)
    return (
        pd.DataFrame([(k, *v) for k, v in by_type.items()],
                     columns=["incident_type_id", "incidents", "arrests"]),
        pd.DataFrame(list(by_minutes.items()), columns=["response_minutes", "incidents"]),
    )  # fmt: skip


# Built once: the name lookups never change shape.
_SCHOOLS = sa.select(School.id, School.name, District.id, District.name).join(District)
_OFFICERS = sa.select(User.id, User.full_name)
_GOALS = sa.select(ProgramGoal.id, ProgramGoal.code, ProgramGoal.title, ProgramGoal.position,
                   ProgramGoal.bit)  # fmt: skip
_PICK_LIST = (
    sa.select(PickListItem.id, PickListItem.code, PickListItem.label)
    .where(PickListItem.list_name == sa.bindparam("list_name"))
    .order_by(PickListItem.position, PickListItem.id)
)


def schools() -> pd.DataFrame:
    return _frame(_SCHOOLS, ["school_id", "school", "district_id", "district"])


def officers() -> pd.DataFrame:
    return _frame(_OFFICERS, ["officer_id", "officer"])


def goals() -> pd.DataFrame:
    return _frame(_GOALS, ["goal_id", "code", "goal", "position", "bit"])


def pick_labels(list_name: str) -> pd.DataFrame:
    """A pick list's items in the list's order."""
    return _frame(_PICK_LIST, ["item_id", "code", "label"], {"list_name": list_name})


_EPOCH = date(1970, 1, 1).toordinal()


def _dated(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """SQLite returns a day as ISO text, PostgreSQL as a date: make both a datetime64 column
    (numpy parses the text, and counts the dates from their ordinals, without pandas' per-value
    inference)."""
    values = frame[column].tolist()
    if values and isinstance(values[0], date):
        days = (np.array([v.toordinal() for v in values], dtype="int64") - _EPOCH).astype(
            "datetime64[D]"
        )
    else:
        days = np.array(values, dtype="datetime64[D]")
    frame[column] = days.astype("datetime64[s]")
    return frame


# The groupings of one pass: name -> the columns it groups by (in _PASS_KEYS's order).
_SETS = {
    "school_kind": ("school_id", "kind"),
    "officer_place": ("officer_id", "location"),
    "day_kind": ("day", "kind"),
    "incident": ("kind", "incident_type_id", "response_minutes"),
    "goal_bits": ("goal_bits",),
}
_PASS_SUMS = ("entries", "minutes", "people")
_PASS_KEY_COLUMNS = {
    "school_id": Activity.school_id, "kind": Activity.kind, "officer_id": Activity.officer_id,
    "location": Activity.location, "day": Activity.occurred_on,
    "incident_type_id": DETAIL.incident_type_id, "response_minutes": DETAIL.response_minutes,
    "goal_bits": DETAIL.goal_bits,
}  # fmt: skip
_PASS_KEYS = tuple(_PASS_KEY_COLUMNS)
# PostgreSQL's one pass, built once; each period adds its WHERE.
_ONE_PASS = (
    sa.select(*_PASS_KEY_COLUMNS.values(), sa.func.grouping(*_PASS_KEY_COLUMNS.values()), _COUNT,
              _MINUTES, _PEOPLE)
    .group_by(sa.func.grouping_sets(*(
        sa.tuple_(*(_PASS_KEY_COLUMNS[k] for k in columns)) for columns in _SETS.values()
    )))
)  # fmt: skip


def grouped(f: EntryFilter) -> dict[str, pd.DataFrame]:
    """Every per-entry grouping the dashboard needs: on PostgreSQL in one pass over the period
    (GROUPING SETS), elsewhere one GROUP BY each. Both give the same frames."""
    if db.session.connection().dialect.name != "postgresql":
        incident_type, response = by_incident(f)
        return {
            "school_kind": by_school_kind(f), "officer_place": by_officer_place(f),
            "day_kind": by_day_kind(f),
            "incident_type": incident_type, "response": response, "goal_bits": by_goal_bits(f),
        }  # fmt: skip
    rows = db.session.connection().execute(_ONE_PASS.where(*where_clauses(f))).all()
    return _split_pass(rows)


def _mask(columns: tuple[str, ...]) -> int:
    """GROUPING()'s value for a set: a bit for each key NOT grouped, the leftmost key highest."""
    width = len(_PASS_KEYS)
    return sum(1 << (width - 1 - i) for i, k in enumerate(_PASS_KEYS) if k not in columns)


_MASKS = {_mask(columns): name for name, columns in _SETS.items()}
# Each frame's columns, as positions in the one pass's rows: keys, then GROUPING(), then sums.
_AT = {name: i for i, name in enumerate([*_PASS_KEYS, "grouping", *_PASS_SUMS])}
_FRAMES = {
    "school_kind": ("school_id", "kind", *_PASS_SUMS),
    "officer_place": ("officer_id", "location", "entries", "minutes"),
    "day_kind": ("day", "kind", "entries", "minutes"),
    "goal_bits": ("goal_bits", "entries", "minutes"),
}
_INCIDENT = ("incident_type_id", "response_minutes", "entries", "people")  # people: arrests
_TYPED = dict.fromkeys(_PASS_SUMS, "int64")


def _split_pass(rows) -> dict[str, pd.DataFrame]:
    """Cut the one pass's rows into the frames the separate queries return. The rows are few
    (one per group), so plain Python sorts them faster than pandas masks would, and the sums
    go in as int64 arrays, which pandas need not inspect value by value."""
    by_set: dict[str, list] = {name: [] for name in _SETS}
    kind, grouping = _AT["kind"], _AT["grouping"]
    for row in rows:
        name = _MASKS[row[grouping]]
        if name != "incident" or row[kind] == "incident":
            by_set[name].append(row)
    frames = {}
    for name, columns in _FRAMES.items():
        picked = by_set[name]
        values = {c: [row[_AT[c]] for row in picked] for c in columns}
        frames[name] = pd.DataFrame({
            c: np.array(v, dtype=_TYPED[c]) if c in _TYPED else v for c, v in values.items()
        })  # fmt: skip
    at = [_AT[c] for c in _INCIDENT]
    incidents = ([row[i] for i in at] for row in by_set["incident"])
    frames["incident_type"], frames["response"] = _incident_frames(incidents)
    frames["school_kind"] = _by_kind(frames["school_kind"])
    frames["day_kind"] = _dated(frames["day_kind"], "day")
    return frames
