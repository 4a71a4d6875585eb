"""PostgreSQL's one pass: every grouping the dashboard needs, in one scan of the period's entries
(GROUPING SETS), cut into the same frames as query.py's separate GROUP BYs."""

from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa

from ..extensions import db
from ..models import Activity
from .filters import EntryFilter
from .measures import (
    COUNT,
    DETAIL,
    MINUTES,
    PEOPLE_SUM,
    days,
    incident_frames,
    narrowed,
    spread_people,
    total,
)

# The groupings of the pass: name -> the columns it groups by (in _KEYS order).
_SETS = {
    "school_kind": ("school_id", "kind"),
    "officer_place": ("officer_id", "location"),
    "day_kind": ("day", "kind"),
    "incident": ("kind", "incident_type_id", "response_minutes"),
    "goal_bits": ("goal_bits",),
}
_SUMS = ("entries", "minutes", "people", "arrests")
_KEY_COLUMNS = {
    "school_id": Activity.school_id,
    "kind": Activity.kind,
    "officer_id": Activity.officer_id,
    "location": Activity.location,
    "day": Activity.occurred_on,
    "incident_type_id": DETAIL.incident_type_id,
    "response_minutes": DETAIL.response_minutes,
    "goal_bits": DETAIL.goal_bits,
}
_KEYS = tuple(_KEY_COLUMNS)
# Every column labelled: the rows are read by these names (split).
ONE_PASS: sa.Select = sa.select(
    *(column.label(name) for name, column in _KEY_COLUMNS.items()),
    sa.func.grouping(*_KEY_COLUMNS.values()).label("grouping"),
    COUNT.label("entries"),
    MINUTES.label("minutes"),
    PEOPLE_SUM.label("people"),
    # Arrests as arrests: only incidents have them, so the incident grouping's sum is theirs.
    total(DETAIL.arrests).label("arrests"),
).group_by(
    sa.func.grouping_sets(
        *(sa.tuple_(*(_KEY_COLUMNS[k] for k in columns)) for columns in _SETS.values())
    )
)


def grouped(f: EntryFilter) -> dict[str, pd.DataFrame]:
    result = db.session.connection().execute(narrowed(ONE_PASS, f))
    return split(list(result.keys()), result.all())


def _mask(columns: tuple[str, ...]) -> int:
    """GROUPING()'s value for a set: a bit for each key NOT grouped, the leftmost key highest."""
    width = len(_KEYS)
    return sum(1 << (width - 1 - i) for i, k in enumerate(_KEYS) if k not in columns)


_MASKS = {_mask(columns): name for name, columns in _SETS.items()}
_FRAMES = {
    "school_kind": ("school_id", "kind", "entries", "minutes", "people"),
    "officer_place": ("officer_id", "location", "entries", "minutes"),
    "day_kind": ("day", "kind", "entries", "minutes"),
    "goal_bits": ("goal_bits", "entries", "minutes"),
}
_INCIDENT = ("incident_type_id", "response_minutes", "entries", "arrests")
_TYPED = dict.fromkeys(_SUMS, "int64")


def split(names: list[str], found) -> dict[str, pd.DataFrame]:
    """Cut the pass's rows (their columns `names`) into the frames the separate queries return.
    The rows are few (one per group), so plain Python sorts them faster than pandas masks
    would; each column is found by its name once, then read by its place in every row. The
    sums go in as int64 arrays, the days as datetime64, so pandas need not inspect them value
    by value, and each frame is built once, from its finished columns."""
    at = {name: i for i, name in enumerate(names)}
    by_set: dict[str, list] = {name: [] for name in _SETS}
    kind, grouping = at["kind"], at["grouping"]
    for row in found:
        name = _MASKS[row[grouping]]
        if name != "incident" or row[kind] == "incident":
            by_set[name].append(row)
    frames = {}
    for name, columns in _FRAMES.items():
        picked = by_set[name]
        values: dict[str, Any] = {c: [row[at[c]] for row in picked] for c in columns}
        for c in columns:
            if c in _TYPED:
                values[c] = np.array(values[c], dtype=_TYPED[c])
        if name == "school_kind":
            values = spread_people(values)
        elif name == "day_kind":
            values["day"] = days(values["day"])
        frames[name] = pd.DataFrame(values)
    places = [at[c] for c in _INCIDENT]
    incidents = ([row[i] for i in places] for row in by_set["incident"])
    frames["incident_type"], frames["response"] = incident_frames(incidents)
    return frames
