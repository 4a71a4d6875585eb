"""Pure functions: small grouped frames in, the summaries every view shows out.

No Flask, no database: each function takes and returns plain frames (or a dict of numbers) and
is tested on hand-built frames.

The sums per key are numpy (_totals, np.add.at), not pandas' groupby, because it measurably
pays. Measured 2026-11-30 (`bench/dashboard.py --scale county --repeat 7`, the same data, with
kind_table, school_table, officer_table, month_table and trend written as plain groupby /
reindex / pivot_table): each function took 2 to 5 ms in pandas against 0.4 to 1 ms here, and
the county school-year dashboard went from 0.050 to 0.070 s on SQLite (ratio to the floor 1.22
to 1.70) and from 0.030 to 0.050 s on PostgreSQL (1.80 to 2.89, past the 2x limit). The
frames are a few hundred rows: pandas' fixed cost per step is the time.
"""

import math
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from ..catalog import SCHOOL_TIME_RULE
from ..dates import month_starts, months_after
from .numbers import hours

IN_AND_AROUND_SCHOOLS = ("in_school", "school_grounds", "community")
OFF_CAMPUS_SCHOOL = "No school (off campus)"  # the school table's row of work with no school
WEEKLY_UP_TO_DAYS = 190  # a trend over a longer range is drawn month by month
_PEOPLE = ["students_reached", "students_mentored", "arrests", "attendees", "staff_trained"]
_MEASURES = ["entries", "minutes", *_PEOPLE]


def _totals(keys, columns: dict) -> tuple[list, dict[str, np.ndarray]]:
    """Each column's sum per distinct key, keys in sorted order (what groupby(keys).sum()
    gives, at a fifth of its cost on these small frames: see the module's note)."""
    unique, position = np.unique(np.asarray(keys), return_inverse=True)
    sums = {}
    for name, column in columns.items():
        total = np.zeros(len(unique), dtype="int64")
        np.add.at(total, position, np.asarray(column, dtype="int64"))
        sums[name] = total
    return unique.tolist(), sums


def kind_table(by_school_kind: pd.DataFrame, kinds: dict[str, str]) -> pd.DataFrame:
    """Every kind, in the catalog's order, with its entries, hours and people counted."""
    keys, sums = _totals(by_school_kind["kind"], {c: by_school_kind[c] for c in _MEASURES})
    at = {kind: i for i, kind in enumerate(keys)}
    table: dict[str, Any] = {"kind": list(kinds), "label": list(kinds.values())}
    for column, total in sums.items():
        table[column] = np.array([total[at[k]] if k in at else 0 for k in kinds], dtype="int64")
    table["hours"] = hours(table["minutes"])
    return pd.DataFrame(table)


def school_table(by_school_kind: pd.DataFrame, schools: pd.DataFrame) -> pd.DataFrame:
    """One row per school with entries (and off-campus work as a school of its own)."""
    kind = by_school_kind["kind"].to_numpy()
    entries = by_school_kind["entries"].to_numpy(dtype="int64")
    school_ids = by_school_kind["school_id"].fillna(0).to_numpy(dtype="int64")  # 0: no school
    keys, sums = _totals(
        school_ids,
        {
            "entries": entries,
            "minutes": by_school_kind["minutes"],
            "classroom_sessions": np.where(kind == "classroom", entries, 0),
            "students_reached": by_school_kind["students_reached"],
            "mentoring_contacts": np.where(kind == "mentoring", entries, 0),
            "students_mentored": by_school_kind["students_mentored"],
            "incidents": np.where(kind == "incident", entries, 0),
            "arrests": by_school_kind["arrests"],
        },
    )
    places = zip(schools["school"].tolist(), schools["district"].tolist(), strict=True)
    names = dict(zip(schools["school_id"].tolist(), places, strict=True))
    names[0] = (OFF_CAMPUS_SCHOOL, "")
    order = sorted(range(len(keys)), key=lambda i: names[keys[i]][::-1])  # district, school
    table = {
        "school_id": pd.array([keys[i] or None for i in order], dtype="Int64"),
        "school": [names[keys[i]][0] for i in order],
        "district": [names[keys[i]][1] for i in order],
        **{column: total[order] for column, total in sums.items()},
    }
    table["hours"] = hours(table["minutes"])
    return pd.DataFrame(table)


def officer_table(
    by_officer_place: pd.DataFrame,
    officers: pd.DataFrame,
    everywhere: pd.DataFrame | None = None,
    rule: float = SCHOOL_TIME_RULE,
) -> pd.DataFrame:
    """Each officer's entries and hours (from their entries and minutes per location), and
    their share of hours in and around schools, which is about the officer: from `everywhere`,
    all their entries of the period at any school (the same frame when nothing narrows the
    schools or the kinds)."""
    keys, sums = _totals(
        by_officer_place["officer_id"],
        {"entries": by_officer_place["entries"], "minutes": by_officer_place["minutes"]},
    )
    everywhere = by_officer_place if everywhere is None else everywhere
    spent = everywhere["minutes"].to_numpy(dtype="int64")
    in_around = everywhere["location"].isin(IN_AND_AROUND_SCHOOLS).to_numpy()
    all_keys, all_sums = _totals(
        everywhere["officer_id"],
        {"all_minutes": spent, "minutes_in_around": np.where(in_around, spent, 0)},
    )
    at = {key: i for i, key in enumerate(all_keys)}
    names = dict(zip(officers["officer_id"].tolist(), officers["officer"].tolist(), strict=True))
    order = sorted(range(len(keys)), key=lambda i: names[keys[i]])
    listed = [at[keys[i]] for i in order]
    table: dict[str, Any] = {
        "officer_id": np.array([keys[i] for i in order], dtype="int64"),
        **{column: total[order] for column, total in sums.items()},
        **{column: total[listed] for column, total in all_sums.items()},
        "officer": [names[keys[i]] for i in order],
    }
    total = table["all_minutes"]
    share = np.divide(
        table["minutes_in_around"], total, out=np.full(len(total), np.nan), where=total > 0
    )
    table["share_in_around"] = share
    table["under_rule"] = share < rule  # no hours: no share, and not under the rule
    table["hours"] = hours(table["minutes"])
    table["all_hours"] = hours(total)
    table["hours_in_around"] = hours(table["minutes_in_around"])
    return pd.DataFrame(table)


def _days(column) -> np.ndarray:
    return np.asarray(column, dtype="datetime64[D]")


def _mondays(days: np.ndarray) -> np.ndarray:
    """The Monday of each day's week (1 January 1970 was a Thursday, three days after one)."""
    return days - ((days.astype("int64") + 3) % 7).astype("timedelta64[D]")


def month_table(by_day: pd.DataFrame, first: date, last: date) -> pd.DataFrame:
    """Every month of the period, empty ones included, with the dates the month covers, from
    entries and minutes per day (other columns, such as the kind, are summed over)."""
    by_month = _days(by_day["day"]).astype("datetime64[M]")
    months, sums = _totals(by_month, {"entries": by_day["entries"], "minutes": by_day["minutes"]})
    found = dict(zip(months, zip(sums["entries"], sums["minutes"], strict=True), strict=True))
    rows = []
    for month in month_starts(first, last):
        following = months_after(month, 1)
        entries, minutes = found.get(month, (0, 0))
        covered = (max(month, first), min(following - timedelta(days=1), last))
        rows.append((month, month.strftime("%b %Y"), *covered, int(entries), int(minutes)))
    table = pd.DataFrame(
        rows, columns=["month", "label", "date_from", "date_to", "entries", "minutes"]
    )
    table["hours"] = hours(table["minutes"].to_numpy(dtype="int64"))
    return table


def trend_step(first: date, last: date) -> str:
    """Weeks for a range of up to about six months, months for a longer one."""
    return "week" if (last - first).days <= WEEKLY_UP_TO_DAYS else "month"


def _step_starts(first: date, last: date, step: str) -> np.ndarray:
    if step == "week":
        mondays = _mondays(_days([first, last]))
        return np.arange(mondays[0], mondays[1] + 1, 7)
    months = _days([first, last]).astype("datetime64[M]")
    return np.arange(months[0], months[1] + 1).astype("datetime64[D]")


def trend(
    by_day_kind: pd.DataFrame, kinds: dict[str, str], first: date, last: date
) -> pd.DataFrame:
    """Hours per step of the range (trend_step: weeks from their Monday, or months from their
    first day; every step present, empty ones as zeros, so a time axis drawn from it is to
    scale) and kind (columns, in the catalog's order), from minutes per day and kind."""
    step = trend_step(first, last)
    starts = _step_starts(first, last, step)
    minutes = np.zeros((len(starts), len(kinds)), dtype="int64")
    if len(by_day_kind):
        days = _days(by_day_kind["day"])
        buckets = _mondays(days) if step == "week" else days.astype("datetime64[M]")
        at = np.searchsorted(starts, buckets.astype("datetime64[D]"))
        kind_at = {kind: i for i, kind in enumerate(kinds)}
        column = np.array([kind_at.get(k, -1) for k in by_day_kind["kind"]], dtype="int64")
        known = (column >= 0) & (at < len(starts))
        spent = by_day_kind["minutes"].to_numpy(dtype="int64")
        np.add.at(minutes, (at[known], column[known]), spent[known])
    spent_hours = hours(minutes)
    return pd.DataFrame(
        {
            "start": starts.astype(object).tolist(),
            **{kind: spent_hours[:, i] for i, kind in enumerate(kinds)},
        }
    )


def goal_table(by_goal_bits: pd.DataFrame, goals: pd.DataFrame) -> pd.DataFrame:
    """Every goal in the program's order, totalled over the goal combinations that include it:
    an entry tagged with two goals counts toward both."""
    table = goals.sort_values("position")
    bits = by_goal_bits["goal_bits"].to_numpy(dtype="int64")
    tagged = (bits[None, :] >> table["bit"].to_numpy(dtype="int64")[:, None]) & 1  # goals by rows
    entries = tagged @ by_goal_bits["entries"].to_numpy(dtype="int64")
    minutes = tagged @ by_goal_bits["minutes"].to_numpy(dtype="int64")
    return pd.DataFrame(
        {
            "goal_id": table["goal_id"].to_numpy(),
            "code": table["code"].to_numpy(),
            "goal": table["goal"].to_numpy(),
            "entries": entries,
            "minutes": minutes,
            "hours": hours(minutes),
        }
    )


def incident_type_table(by_incident_type: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """Incident types, the most frequent first (then by name), with their arrests."""
    names = dict(zip(labels["item_id"].tolist(), labels["label"].tolist(), strict=True))
    type_ids = by_incident_type["incident_type_id"].tolist()
    named = [names.get(i, "Not recorded") for i in type_ids]
    incidents = by_incident_type["incidents"].to_numpy()
    order = sorted(range(len(named)), key=lambda i: (-incidents[i], named[i]))
    return pd.DataFrame(
        {
            "incident_type_id": by_incident_type["incident_type_id"].take(order).to_numpy(),
            "incident_type": [named[i] for i in order],
            "incidents": incidents[order],
            "arrests": by_incident_type["arrests"].to_numpy()[order],
        }
    )


def response_stats(histogram: pd.DataFrame) -> dict:
    """Median (as statistics.median) and 90th percentile (nearest rank) of response minutes."""
    order = np.argsort(histogram["response_minutes"].to_numpy(dtype="int64"), kind="stable")
    values = histogram["response_minutes"].to_numpy(dtype="int64")[order]
    cumulative = np.cumsum(histogram["incidents"].to_numpy(dtype="int64")[order])
    n = int(cumulative[-1]) if len(cumulative) else 0
    if n == 0:
        return {"incidents_timed": 0, "median": None, "p90": None}

    def value_at(position: int) -> int:  # the value at a 0-based position of the sorted values
        return int(values[np.searchsorted(cumulative, position, side="right")])

    middle = n // 2
    median = float(value_at(middle)) if n % 2 else (value_at(middle - 1) + value_at(middle)) / 2
    return {"incidents_timed": n, "median": median, "p90": value_at(math.ceil(0.9 * n) - 1)}


def tiles(kinds: pd.DataFrame, officers: pd.DataFrame, response: dict) -> dict:
    """The headline numbers of a period."""
    row_of = {kind: i for i, kind in enumerate(kinds["kind"])}

    def of(kind: str, column: str) -> int:
        return int(kinds[column].iat[row_of[kind]])

    minutes = int(kinds["minutes"].sum())
    # The listed officers' share: all their hours of the period, at any school.
    in_around = int(officers["minutes_in_around"].sum()) if len(officers) else 0
    spent = int(officers["all_minutes"].sum()) if len(officers) else 0
    return {
        "entries": int(kinds["entries"].sum()),
        "hours": hours(minutes),
        "classroom_sessions": of("classroom", "entries"),
        "students_reached": of("classroom", "students_reached"),
        "mentoring_contacts": of("mentoring", "entries"),
        "students_mentored": of("mentoring", "students_mentored"),
        "incidents": of("incident", "entries"),
        "arrests": of("incident", "arrests"),
        "median_response": response["median"],
        "p90_response": response["p90"],
        "share_in_around": in_around / spent if spent else None,
    }
