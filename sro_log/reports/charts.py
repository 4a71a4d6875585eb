"""Charts drawn on the server as SVG with matplotlib; the same drawings go into the PDF."""

import io

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

matplotlib.rcParams.update({
    "svg.fonttype": "none",    # text stays text: smaller files, readable by screen readers
    "svg.hashsalt": "sro-log",  # the same data gives the same bytes
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
})  # fmt: skip

PALETTE = ["#0d6efd", "#198754", "#dc3545", "#fd7e14", "#6f42c1", "#20c997", "#6c757d", "#d63384"]


def _svg(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return buffer.getvalue()


def _empty(fig: Figure, ax, message: str) -> bytes:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return _svg(fig)


def hours_by_goal(goals: pd.DataFrame) -> bytes:
    fig = Figure(figsize=(5.5, 2.4))
    ax = fig.add_subplot()
    if goals["minutes"].sum() == 0:
        return _empty(fig, ax, "No hours in this period")
    ordered = goals.iloc[::-1]
    ax.barh(ordered["goal"], ordered["hours"], color=PALETTE[0])
    ax.set_xlabel("Hours")
    for y, value in enumerate(ordered["hours"]):
        ax.annotate(
            f"{value:g}", (value, y), xytext=(3, 0), textcoords="offset points", va="center"
        )
    return _svg(fig)


def weekly_trend(trend: pd.DataFrame, kinds: dict[str, str]) -> bytes:
    fig = Figure(figsize=(7, 2.8))
    ax = fig.add_subplot()
    if trend.empty:
        return _empty(fig, ax, "No entries in this period")
    weeks = pd.to_datetime(trend["week"])
    for colour, (kind, label) in zip(PALETTE, kinds.items(), strict=False):
        if trend[kind].sum() > 0:
            ax.plot(weeks, trend[kind], label=label, color=colour, linewidth=1.4)
    ax.set_ylabel("Hours per week")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    fig.autofmt_xdate()
    return _svg(fig)


def incidents_by_type(incidents: pd.DataFrame, top: int = 10) -> bytes:
    fig = Figure(figsize=(5.5, 2.8))
    ax = fig.add_subplot()
    if incidents.empty:
        return _empty(fig, ax, "No incidents in this period")
    shown = incidents.head(top).iloc[::-1]
    ax.barh(shown["incident_type"], shown["incidents"], color=PALETTE[2])
    ax.set_xlabel("Incidents")
    ax.xaxis.get_major_locator().set_params(integer=True)
    return _svg(fig)
