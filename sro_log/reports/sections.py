"""Pure pandas for the grant report's sections: grouped frames in, report tables out.

Category tables list every category of their pick list in the list's order (zeros included, so
a funder sees "0" rather than a missing row), then anything not recorded, then a total row.
"""

import pandas as pd

from .numbers import hours

TOTAL = "Total"
NOT_RECORDED = "Not recorded"


def category_table(
    grouped: pd.DataFrame, categories: list[tuple], measures: list[str]
) -> pd.DataFrame:
    """One row per (key, label, code) category in order, then unknown keys, then the total
    (those two with no code)."""
    counts = grouped.set_index("key")[measures] if len(grouped) else None
    rows = []
    for key, label, code in categories:
        found = counts is not None and key in counts.index
        values = [int(counts.at[key, m]) if counts is not None and found else 0 for m in measures]
        rows.append([label, code, *values])
    known = {key for key, _, _ in categories}
    if counts is not None:
        rest = counts[[k not in known for k in counts.index]]
        if len(rest):
            rows.append([NOT_RECORDED, "", *(int(rest[m].sum()) for m in measures)])
    table = pd.DataFrame(rows, columns=["category", "code", *measures])
    total = [TOTAL, "", *(int(table[m].sum()) for m in measures)]
    return pd.concat([table, pd.DataFrame([total], columns=table.columns)], ignore_index=True)


def goal_kind_table(
    by_goal_bits_kind: pd.DataFrame, goals: pd.DataFrame, kinds: dict[str, str]
) -> pd.DataFrame:
    """For each goal (in order), the kinds of work counted toward it, with entries and hours."""
    bits = by_goal_bits_kind["goal_bits"].to_numpy(dtype="int64")
    rows = []
    for goal in goals.sort_values("position").itertuples():
        tagged = by_goal_bits_kind[(bits >> int(goal.bit)) & 1 == 1]
        sums = tagged.groupby("kind")[["entries", "minutes"]].sum()
        for kind, label in kinds.items():
            if kind in sums.index and sums.at[kind, "entries"]:
                entries, minutes = sums.at[kind, "entries"], sums.at[kind, "minutes"]
                rows.append([goal.goal, label, kind, int(entries), int(minutes)])
    table = pd.DataFrame(rows, columns=["goal", "kind", "kind_code", "entries", "minutes"])
    table["hours"] = hours(table["minutes"]) if len(table) else pd.Series(dtype=float)
    return table.drop(columns="minutes")


def officer_kind_hours(
    by_officer_kind: pd.DataFrame, officers: pd.DataFrame, kinds: dict[str, str]
) -> pd.DataFrame:
    """Hours per officer (rows, by name) and kind (columns), with totals both ways."""
    wide = by_officer_kind.pivot_table(
        index="officer_id", columns="kind", values="minutes", aggfunc="sum", fill_value=0
    ).reindex(columns=list(kinds), fill_value=0)
    wide[TOTAL] = wide.sum(axis=1)
    named = wide.reset_index().merge(officers, on="officer_id", how="left")
    named = named.sort_values("officer")[["officer", *kinds, TOTAL]]
    total = pd.DataFrame([[TOTAL, *named[[*kinds, TOTAL]].sum()]], columns=named.columns)
    table = pd.concat([named, total], ignore_index=True)
    for column in [*kinds, TOTAL]:
        table[column] = hours(table[column].astype("int64"))
    return table.rename(columns=kinds)


def with_total_row(table: pd.DataFrame, label_column: str, measures: list[str]) -> pd.DataFrame:
    """The table with a last row totalling `measures` (other columns blank). Hours are totalled
    from the table's minutes, so the total is not a sum of rounded hours."""
    total: dict[str, object] = dict.fromkeys(table.columns, "")
    total[label_column] = TOTAL
    for m in measures:
        total[m] = table[m].sum() if len(table) else 0
    if "hours" in measures and "minutes" in table:
        total["hours"] = hours(int(table["minutes"].sum()))
    return pd.concat([table, pd.DataFrame([total])], ignore_index=True)


def safety_summary(by_type: pd.DataFrame, items: pd.DataFrame) -> dict:
    """Drills, security checks and threat-assessment meetings counted from the safety types."""
    codes = dict(zip(items["item_id"], items["code"], strict=True))
    kinds = by_type.assign(code=by_type["key"].map(codes).fillna(""))
    return {
        "drills": int(kinds.loc[kinds["code"].str.endswith("_drill"), "entries"].sum()),
        "security_checks": int(kinds.loc[kinds["code"] == "security_check", "entries"].sum()),
        "threat_assessments": int(kinds.loc[kinds["code"] == "threat_assessment", "entries"].sum()),
        "staff_trained": int(kinds["staff_trained"].sum()) if len(kinds) else 0,
    }
