"""The dashboard of a period: every number, from the one reporting path."""

from dataclasses import dataclass, field

import pandas as pd

from ..catalog import KINDS
from . import charts, query, summaries, trend_chart
from .filters import EntryFilter

KIND_LABELS = {kind: label for kind, (label, _) in KINDS.items()}
PIXELS_PER_INCH = 96  # a CSS pixel: an SVG drawn 5 in (360 pt) wide is 480 px wide
# The frame each bar chart is drawn from (CHARTS and REPORT_CHARTS below).
CHART_FRAMES = {
    "hours-by-goal": "goals",
    "incidents-by-type": "incident_types",
    "monthly-hours": "months",
}


@dataclass
class Dashboard:
    filter: EntryFilter
    tiles: dict
    goals: pd.DataFrame
    kinds: pd.DataFrame
    schools: pd.DataFrame
    officers: pd.DataFrame
    months: pd.DataFrame
    trend: pd.DataFrame  # hours per step of trend_step ("week" or "month") and kind
    incident_types: pd.DataFrame
    response: dict
    charts: dict[str, bytes] = field(default_factory=dict)

    def chart_size(self, name: str) -> dict[str, int]:
        """The width and height, in CSS pixels, of the named chart as it will be drawn."""
        if name == "weekly-trend":
            width, height = trend_chart.trend_size(self.trend, KIND_LABELS)
        else:
            width, height = charts.BAR_SIZES[name](getattr(self, CHART_FRAMES[name]))
        return {"width": round(width * PIXELS_PER_INCH), "height": round(height * PIXELS_PER_INCH)}

    @property
    def trend_step(self) -> str:
        return summaries.trend_step(*self.filter.period())

    def records(self, name: str) -> list[dict]:
        """A table as plain records for a template (never a DataFrame)."""
        frame = getattr(self, name)
        return frame.astype(object).where(frame.notna(), None).to_dict("records")


def build_dashboard(f: EntryFilter) -> Dashboard:
    """Run the grouped queries for `f` (a period must be set) and summarise them."""
    first, last = f.period()
    groups = query.grouped(f)
    kinds = summaries.kind_table(groups["school_kind"], KIND_LABELS)
    wide = f.officers_everywhere()
    everywhere = None if wide == f else query.by_officer_place(wide)
    officers = summaries.officer_table(groups["officer_place"], query.officers(), everywhere)
    response = summaries.response_stats(groups["response"])
    return Dashboard(
        filter=f,
        tiles=summaries.tiles(kinds, officers, response),
        goals=summaries.goal_table(groups["goal_bits"], query.goals()),
        kinds=kinds,
        schools=summaries.school_table(groups["school_kind"], query.schools()),
        officers=officers,
        months=summaries.month_table(groups["day_kind"], first, last),
        trend=summaries.trend(groups["day_kind"], KIND_LABELS, first, last),
        incident_types=summaries.incident_type_table(
            groups["incident_type"], query.pick_labels("incident_type")
        ),
        response=response,
    )


CHARTS = {
    "hours-by-goal": lambda d: charts.hours_by_goal(d.goals),
    "weekly-trend": lambda d: trend_chart.trend(d.trend, KIND_LABELS, d.trend_step),
    "incidents-by-type": lambda d: charts.incidents_by_type(d.incident_types),
}


# The charts of the grant report and a partner's dashboard: hours only, never small counts.
REPORT_CHARTS = {
    "monthly-hours": lambda d: charts.monthly_hours(d.months),
    "hours-by-goal": lambda d: charts.hours_by_goal(d.goals),
}


def draw_charts(dashboard: Dashboard) -> Dashboard:
    dashboard.charts = {name: draw(dashboard) for name, draw in CHARTS.items()}
    return dashboard


def chart_svg(name: str, f: EntryFilter) -> bytes:
    """One chart of the dashboard, running only the queries that chart needs."""
    first, last = f.period()
    if name == "hours-by-goal":
        return charts.hours_by_goal(summaries.goal_table(query.by_goal_bits(f), query.goals()))
    if name == "weekly-trend":
        trend = summaries.trend(query.by_day_kind(f), KIND_LABELS, first, last)
        return trend_chart.trend(trend, KIND_LABELS, summaries.trend_step(first, last))
    if name == "monthly-hours":
        return charts.monthly_hours(summaries.month_table(query.by_day_kind(f), first, last))
    if name == "incidents-by-type":
        table = summaries.incident_type_table(
            query.by_incident_type(f), query.pick_labels("incident_type")
        )
        return charts.incidents_by_type(table)
    raise KeyError(name)
