"""What the grouped queries count and sum, and how their rows become small frames: shared by the
queries of the dashboard (query.py, onepass.py) and of the grant report (detail.py)."""

import functools
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa

from ..extensions import db
from ..models import Activity
from .filters import EntryFilter, where_clauses

# The kinds' detail columns live on the one table, not on the base class.
DETAIL = Activity.__table__.c
# count(*), not count(id): the id is not in the reporting index, and needing it would keep
# PostgreSQL from answering from that index alone (an index-only scan).
COUNT = sa.func.count()


def total(column) -> sa.ColumnElement:
    return sa.func.coalesce(sa.func.sum(column), 0)


MINUTES = total(Activity.duration_minutes)

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
PEOPLE_SUM = total(
    sa.case({kind: column for kind, (_, column) in PEOPLE.items()}, value=Activity.kind)
)


@functools.lru_cache(maxsize=256)
def narrowed(stmt: sa.Select, f: EntryFilter) -> sa.Select:
    """`stmt` with the WHERE of `f`'s entries. Kept per filter: a dashboard's filter comes again
    with every view of it, and SQLAlchemy then finds the statement's compiled form without
    working out a new statement's cache key (a filter holds its dates, so nothing goes stale)."""
    return stmt.where(*where_clauses(f))


def rows(stmt: sa.Select, params: dict | None = None) -> list:
    return list(db.session.connection().execute(stmt, params).all())


def frame(stmt: sa.Select, columns: list[str], params: dict | None = None) -> pd.DataFrame:
    return pd.DataFrame([tuple(r) for r in rows(stmt, params)], columns=columns)


def spread_people(columns: dict[str, Any]) -> dict[str, Any]:
    """Columns with `kind` and `people`, with `people` spread over the five columns of the
    people each kind counts (zero for the kinds that count none of them)."""
    kind = np.array(columns["kind"], dtype=object)
    people = np.array(columns.pop("people"), dtype="int64")
    for name, (column, _) in PEOPLE.items():
        columns[column] = np.where(kind == name, people, 0)
    return columns


_EPOCH = date(1970, 1, 1).toordinal()


def days(values: list) -> np.ndarray:
    """SQLite returns a day as ISO text, PostgreSQL as a date: both become datetime64 values
    (numpy parses the text, and counts the dates from their ordinals, without pandas'
    per-value inference)."""
    if values and isinstance(values[0], date):
        counted = np.array([v.toordinal() for v in values], dtype="int64") - _EPOCH
        return counted.astype("datetime64[D]").astype("datetime64[s]")
    return np.array(values, dtype="datetime64[D]").astype("datetime64[s]")


def incident_frames(rows) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(incident_type_id, response_minutes, incidents, arrests) rows, summed into the frames of
    the incidents by type and of the response-time histogram."""
    by_type: dict = {}
    by_minutes: dict = {}
    for type_id, minutes, incidents, arrests in rows:  # NULL is None from either database
        counted = by_type.setdefault(None if type_id is None else int(type_id), [0, 0])
        counted[0] += int(incidents)
        counted[1] += int(arrests)
        if minutes is not None:
            by_minutes[int(minutes)] = by_minutes.get(int(minutes), 0) + int(incidents)
    return (
        pd.DataFrame(
            [(k, *v) for k, v in by_type.items()],
            columns=["incident_type_id", "incidents", "arrests"],
        ),
        pd.DataFrame(list(by_minutes.items()), columns=["response_minutes", "incidents"]),
    )
