"""Charts drawn on the server as SVG with matplotlib; the same drawings go into the PDF.

The charts are labelled directly (names and values beside the marks, few ticks): easier to read
than a legend and axis, and it keeps matplotlib's per-chart cost low, since ticks and legends
are most of its drawing time.
"""

import io
import itertools
from datetime import date

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

matplotlib.rcParams.update({
    "svg.fonttype": "none",     # text stays text: smaller files, readable by screen readers
    "svg.hashsalt": "sro-log",  # the same data gives the same bytes
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
})  # fmt: skip

PALETTE = ["#0d6efd", "#198754", "#dc3545", "#fd7e14", "#6f42c1", "#20c997", "#6c757d", "#d63384"]


def _svg(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def _message(text: str) -> bytes:
    fig = Figure(figsize=(5.5, 0.8))
    fig.text(0.5, 0.5, text, ha="center", va="center")
    return _svg(fig)


def labelled_bars(labels: list[str], values: list[float], colour: str, unit: str = "") -> bytes:
    """Horizontal bars, largest first, each with its name on the left and value on the right."""
    fig = Figure(figsize=(5.5, 0.3 + 0.32 * len(labels)))
    ax = fig.add_axes((0.3, 0.02, 0.6, 0.96))
    y = np.arange(len(labels))[::-1]
    top = max(values) or 1
    ax.barh(y, values, color=colour, height=0.7)
    ax.set_axis_off()
    ax.set_xlim(0, top * 1.18)
    ax.set_ylim(-0.6, len(labels) - 0.4)
    for position, label, value in zip(y, labels, values, strict=True):
        ax.text(-top * 0.02, position, label, ha="right", va="center")
        ax.text(value + top * 0.01, position, f"{value:,g}{unit}", va="center")
    return _svg(fig)


def hours_by_goal(goals: pd.DataFrame) -> bytes:
    if goals.empty or goals["minutes"].sum() == 0:
        return _message("No hours in this period")
    return labelled_bars(list(goals["goal"]), list(goals["hours"]), PALETTE[0], " h")


def incidents_by_type(incidents: pd.DataFrame, top: int = 10) -> bytes:
    if incidents.empty:
        return _message("No incidents in this period")
    shown = incidents.head(top)
    return labelled_bars(list(shown["incident_type"]), list(shown["incidents"]), PALETTE[2])


def _spread(values: list[float], gap: float) -> list[float]:
    """Label heights near `values` but at least `gap` apart, in the same order."""
    order = np.argsort(values)
    placed = list(values)
    for previous, current in itertools.pairwise(order):
        placed[current] = max(placed[current], placed[previous] + gap)
    return placed


def weekly_trend(trend: pd.DataFrame, kinds: dict[str, str]) -> bytes:
    """Hours per week for each kind that has any, each line named at its end."""
    shown = [k for k in kinds if k in trend and trend[k].sum() > 0]
    if trend.empty or not shown:
        return _message("No entries in this period")
    fig = Figure(figsize=(7.5, 2.8))
    ax = fig.add_axes((0.07, 0.12, 0.68, 0.84))
    x = np.arange(len(trend))
    top = max(float(trend[shown].to_numpy().max()), 1.0)
    for colour, kind in zip(PALETTE, shown, strict=False):
        ax.plot(x, trend[kind], color=colour, linewidth=1.4)
    ends = _spread([float(trend[k].iloc[-1]) for k in shown], gap=top * 0.09)
    for colour, kind, end in zip(PALETTE, shown, ends, strict=False):
        ax.text(x[-1] + 0.4, end, kinds[kind], color=colour, va="center")
    weeks: list[date] = list(trend["week"])
    firsts = [i for i, w in enumerate(weeks) if i == 0 or w.month != weeks[i - 1].month]
    if len(firsts) > 1 and firsts[1] - firsts[0] < 3:
        firsts = firsts[1:]  # a partial first month's label would collide with the next one
    step = max(1, len(firsts) // 8)
    ax.set_xticks(firsts[::step], [weeks[i].strftime("%b %y") for i in firsts[::step]])
    ax.set_yticks([0, round(top / 2, 1), round(top, 1)])
    ax.set_ylabel("Hours per week")
    ax.set_xlim(-0.5, x[-1] + 0.5)
    return _svg(fig)


def monthly_hours(months: pd.DataFrame) -> bytes:
    """Hours per month as columns, each with its value on top."""
    if months.empty or months["hours"].sum() == 0:
        return _message("No hours in this period")
    fig = Figure(figsize=(7.5, 2.6))
    ax = fig.add_axes((0.02, 0.14, 0.96, 0.8))
    x = np.arange(len(months))
    values = [float(v) for v in months["hours"]]
    top = max(values) or 1
    ax.bar(x, values, color=PALETTE[0], width=0.7)
    for position, value in zip(x, values, strict=True):
        ax.text(position, value + top * 0.02, f"{value:,g}", ha="center", va="bottom")
    step = max(1, len(months) // 12)
    ax.set_xticks(x[::step], list(months["label"])[::step])
    ax.tick_params(axis="x", length=0)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_ylim(0, top * 1.18)
    return _svg(fig)
