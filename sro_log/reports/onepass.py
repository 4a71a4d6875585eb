"""PostgreSQL's one pass: every grouping the dashboard needs, in one scan of the period's entries
(GROUPING SETS), cut into the same frames as query.py's separate GROUP BYs."""

import numpy as np
import pandas as pd
import sqlalchemy as sa

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
    rows,
    spread_people,
)

# The groupings of the pass: name -> the columns it groups by (in _KEYS order).
_SETS = {
    "school_kind": ("school_id", "kind"),
    "officer_place": ("officer_id", "location"),
    "day_kind": ("day", "kind"),
    "incident": ("kind", "incident_type_id", "response_minutes"),
    "goal_bits": ("goal_bits",),
}
_SUMS = ("entries", "minutes", "people")
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
ONE_PASS = sa.select(
    *_KEY_COLUMNS.values(), sa.func.grouping(*_KEY_COLUMNS.values()), COUNT, MINUTES, PEOPLE_SUM
).group_by(
    sa.func.grouping_sets(
        *(sa.tuple_(*(_KEY_COLUMNS[k] for k in columns)) for columns in _SETS.values())
    )
)


def grouped(f: EntryFilter) -> dict[str, pd.DataFrame]:
    return split(rows(narrowed(ONE_PASS, f)))


def _mask(columns: tuple[str, ...]) -> int:
    """GROUPING()'s value for a set: a bit for each key NOT grouped, the leftmost key highest."""
    width = len(_KEYS)
    return sum(1 << (width - 1 - i) for i, k in enumerate(_KEYS) if k not in columns)


_MASKS = {_mask(columns): name for name, columns in _SETS.items()}
# Each frame's columns, as positions in the pass's rows: keys, then GROUPING(), then sums.
_AT = {name: i for i, name in enumerate([*_KEYS, "grouping", *_SUMS])}
_FRAMES = {
    "school_kind": ("school_id", "kind", *_SUMS),
    "officer_place": ("officer_id", "location", "entries", "minutes"),
    "day_kind": ("day", "kind", "entries", "minutes"),
    "goal_bits": ("goal_bits", "entries", "minutes"),
}
_INCIDENT = ("incident_type_id", "response_minutes", "entries", "people")  # people: arrests
_TYPED = dict.fromkeys(_SUMS, "int64")


def split(found) -> dict[str, pd.DataFrame]:
    """Cut the pass's rows into the frames the separate queries return. The rows are few (one
    per group), so plain Python sorts them faster than pandas masks would; the sums go in as
    int64 arrays, the days as datetime64, so pandas need not inspect them value by value, and
    each frame is built once, from its finished columns."""
    by_set: dict[str, list] = {name: [] for name in _SETS}
    kind, grouping = _AT["kind"], _AT["grouping"]
    for row in found:
        name = _MASKS[row[grouping]]
        if name != "incident" or row[kind] == "incident":
            by_set[name].append(row)
    frames = {}
    for name, columns in _FRAMES.items():
        picked = by_set[name]
        values = {c: [row[_AT[c]] for row in picked] for c in columns}
        for c in columns:
            if c in _TYPED:
                values[c] = np.array(values[c], dtype=_TYPED[c])
        if name == "school_kind":
            values = spread_people(values)
        elif name == "day_kind":
            values["day"] = days(values["day"])
        frames[name] = pd.DataFrame(values)
    at = [_AT[c] for c in _INCIDENT]
    incidents = ([row[i] for i in at] for row in by_set["incident"])
    frames["incident_type"], frames["response"] = incident_frames(incidents)
    return frames
