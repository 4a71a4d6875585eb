"""Pure pandas: small grouped frames in, the summaries every view shows out.

No Flask, no database: each function takes and returns plain frames (or a dict of numbers) and
is tested on hand-built frames.
"""

import math
from datetime import date, timedelta

import pandas as pd

SCHOOL_TIME_RULE = 0.75  # COPS: at least 75 % of an SRO's hours in and around schools
_PEOPLE = ["students_reached", "students_mentored", "arrests", "attendees", "staff_trained"]


def hours(minutes) -> float:
    return round(float(minutes) / 60, 1)


def _with_hours(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["hours"] = (frame["minutes"] / 60).round(1) if len(frame) else pd.Series(dtype=float)
    return frame


def kind_table(by_school_kind: pd.DataFrame, kinds: dict[str, str]) -> pd.DataFrame:
    """Every kind, in the catalog's order, with its entries, hours and people counted."""
    totals = by_school_kind.groupby("kind")[["entries", "minutes", *_PEOPLE]].sum()
    table = totals.reindex(list(kinds), fill_value=0).astype(int).reset_index()
    table.insert(1, "label", [kinds[k] for k in table["kind"]])
    return _with_hours(table)


def school_table(by_school_kind: pd.DataFrame, schools: pd.DataFrame) -> pd.DataFrame:
    """One row per school with entries (and off-campus work as a school of its own)."""
    kind, entries = by_school_kind["kind"], by_school_kind["entries"]
    measures = pd.DataFrame({
        "school_key": by_school_kind["school_id"].fillna(0).astype(int),
        "entries": entries, "minutes": by_school_kind["minutes"],
        "classroom_sessions": entries.where(kind == "classroom", 0),
        "students_reached": by_school_kind["students_reached"],
        "mentoring_contacts": entries.where(kind == "mentoring", 0),
        "students_mentored": by_school_kind["students_mentored"],
        "incidents": entries.where(kind == "incident", 0),
        "arrests": by_school_kind["arrests"],
    })  # fmt: skip
    table = measures.groupby("school_key").sum().astype(int)
    names = schools.set_index(schools["school_id"].astype(int))[["school", "district"]]
    names.loc[0] = ["No school (off campus)", ""]
    table = names.join(table, how="inner").sort_values(["district", "school"])
    table.insert(0, "school_id", table.index.to_series().astype("Int64").where(table.index != 0))
    return _with_hours(table.reset_index(drop=True))


def officer_table(
    by_officer_place: pd.DataFrame, officers: pd.DataFrame, rule: float = SCHOOL_TIME_RULE
) -> pd.DataFrame:
    """Each officer's entries and hours, and their share of hours in and around schools."""
    frame = by_officer_place.assign(
        minutes_in_around=by_officer_place["minutes"] * by_officer_place["in_around"]
    )
    table = frame.groupby("officer_id")[["entries", "minutes", "minutes_in_around"]].sum()
    table = table.astype(int).reset_index().merge(officers, on="officer_id", how="left")
    table["share_in_around"] = (table["minutes_in_around"] / table["minutes"]).where(
        table["minutes"] > 0
    )
    table["under_rule"] = table["share_in_around"] < rule
    return _with_hours(table.sort_values("officer").reset_index(drop=True))


def month_table(by_month: pd.DataFrame, first: date, last: date) -> pd.DataFrame:
    """Every month of the period, empty ones included, with the dates the month covers."""
    rows = []
    month = first.replace(day=1)
    counts = by_month.set_index("month")
    while month <= last:
        following = (month + timedelta(days=32)).replace(day=1)
        found = counts.loc[month] if month in counts.index else None
        rows.append({
            "month": month, "label": month.strftime("%b %Y"),
            "date_from": max(month, first), "date_to": min(following - timedelta(days=1), last),
            "entries": int(found["entries"]) if found is not None else 0,
            "minutes": int(found["minutes"]) if found is not None else 0,
        })  # fmt: skip
        month = following
    return _with_hours(
        pd.DataFrame(rows, columns=["month", "label", "date_from", "date_to", "entries", "minutes"])
    )


def weekly_trend(by_week_kind: pd.DataFrame, kinds: dict[str, str]) -> pd.DataFrame:
    """Hours per week (rows, Mondays) and kind (columns, in the catalog's order)."""
    if by_week_kind.empty:
        return pd.DataFrame(columns=["week", *kinds])
    minutes = by_week_kind.groupby(["week", "kind"])["minutes"].sum().unstack(fill_value=0)
    wide = (minutes.reindex(columns=list(kinds), fill_value=0) / 60).round(1)
    wide.columns.name = None
    return wide.rename_axis("week").reset_index()


def goal_table(by_goal_bits: pd.DataFrame, goals: pd.DataFrame) -> pd.DataFrame:
    """Every goal in the program's order, totalled over the goal combinations that include it:
    an entry tagged with two goals counts toward both."""
    table = goals.sort_values("position").reset_index(drop=True)
    bits = by_goal_bits["goal_bits"].to_numpy(dtype="int64")
    for measure in ("entries", "minutes"):
        values = by_goal_bits[measure].to_numpy(dtype="int64")
        table[measure] = [int(values[(bits >> bit) & 1 == 1].sum()) for bit in table["bit"]]
    return _with_hours(table[["goal_id", "code", "goal", "entries", "minutes"]])


def incident_type_table(by_incident_type: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    named = labels.rename(columns={"item_id": "incident_type_id", "label": "incident_type"})
    table = by_incident_type.merge(named, on="incident_type_id", how="left")
    table["incident_type"] = table["incident_type"].fillna("Not recorded")
    table = table.sort_values(["incidents", "incident_type"], ascending=[False, True])
    return table[["incident_type_id", "incident_type", "incidents", "arrests"]].reset_index(
        drop=True
    )


def _value_at(histogram: pd.DataFrame, position: int) -> int:
    """The value at a 0-based position of the sorted values the histogram counts."""
    ordered = histogram.sort_values("response_minutes")
    cumulative = ordered["incidents"].cumsum()
    return int(ordered.loc[cumulative > position, "response_minutes"].iloc[0])


def response_stats(histogram: pd.DataFrame) -> dict:
    """Median (as statistics.median) and 90th percentile (nearest rank) of response minutes."""
    n = int(histogram["incidents"].sum()) if len(histogram) else 0
    if n == 0:
        return {"incidents_timed": 0, "median": None, "p90": None}
    if n % 2:
        median = float(_value_at(histogram, n // 2))
    else:
        median = (_value_at(histogram, n // 2 - 1) + _value_at(histogram, n // 2)) / 2
    p90 = _value_at(histogram, math.ceil(0.9 * n) - 1)
    return {"incidents_timed": n, "median": median, "p90": p90}


def tiles(kinds: pd.DataFrame, officers: pd.DataFrame, response: dict) -> dict:
    """The headline numbers of a period."""
    by_kind = kinds.set_index("kind")
    minutes = int(kinds["minutes"].sum())
    in_around = int(officers["minutes_in_around"].sum()) if len(officers) else 0
    return {
        "entries": int(kinds["entries"].sum()),
        "hours": hours(minutes),
        "classroom_sessions": int(by_kind.at["classroom", "entries"]),
        "students_reached": int(by_kind.at["classroom", "students_reached"]),
        "mentoring_contacts": int(by_kind.at["mentoring", "entries"]),
        "students_mentored": int(by_kind.at["mentoring", "students_mentored"]),
        "incidents": int(by_kind.at["incident", "entries"]),
        "arrests": int(by_kind.at["incident", "arrests"]),
        "median_response": response["median"],
        "p90_response": response["p90"],
        "share_in_around": in_around / minutes if minutes else None,
    }
