"""The trend chart: hours per week or month for each kind of work, on a time axis to scale
(every step of the range is in its frame), months labelled with their year, a legend below that
wraps to the chart's width, and training received on a strip of its own scale, so that a few
long training days do not flatten every other line."""

from datetime import date

import numpy as np
import pandas as pd

from ..dates import month_starts, months_after
from .charts import AXIS, MESSAGE_SIZE, PALETTE, WIDTH, Canvas, fit, message
from .numbers import hours_text


def _nice(top: float) -> float:
    """The smallest of 1, 2, 2.5, 5 times a power of ten at or above `top`."""
    power = 10 ** np.floor(np.log10(top))
    return float(next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= top))


TRAINING = "training"  # drawn on a strip of its own: a few long days would flatten the rest


PLOT_HEIGHT, BELOW_AXIS = 1.9, 0.45  # inches: the plot, and the month labels under it


def _present(frame: pd.DataFrame, kinds: dict[str, str]) -> list[str]:
    """The kinds with any hours in the frame, in the kinds' order."""
    shown = [k for k in kinds if k in frame]
    totals = frame[shown].to_numpy(dtype=float).sum(axis=0) if len(frame) else np.zeros(0)
    return [k for k, total in zip(shown, totals, strict=False) if total > 0]


def _strip(present: list[str]) -> float:
    return 0.75 if TRAINING in present else 0.0


def _height(present: list[str], kinds: dict[str, str]) -> float:
    legend = _legend_rows([kinds[k] for k in present])
    return 0.35 + PLOT_HEIGHT + BELOW_AXIS + _strip(present) + LEGEND_ROW * len(legend) + 0.1


def trend_size(frame: pd.DataFrame, kinds: dict[str, str]) -> tuple[float, float]:
    """The chart's inches, as `trend` lays it out."""
    present = _present(frame, kinds)
    return (WIDTH, _height(present, kinds)) if present else MESSAGE_SIZE


def trend(frame: pd.DataFrame, kinds: dict[str, str], step: str) -> bytes:
    """Hours per week or month for each kind that has any, on a time axis to scale (every step
    of the range is in the frame), months labelled with their year, a legend below. Training
    received is drawn as columns on a strip of its own scale under the axis."""
    present = _present(frame, kinds)
    if not present:
        return message("No entries in this period")
    lines = [k for k in present if k != TRAINING]
    starts = [d if type(d) is date else pd.Timestamp(d).date() for d in frame["start"]]
    ends = [*starts[1:], _step_end(starts[-1], step)]
    x0, x1 = starts[0].toordinal(), ends[-1].toordinal()
    middles = np.array(
        [(a.toordinal() + b.toordinal()) / 2 for a, b in zip(starts, ends, strict=True)]
    )
    legend = _legend_rows([kinds[k] for k in present])
    strip = _strip(present)
    plot_h, below = PLOT_HEIGHT, BELOW_AXIS
    height = _height(present, kinds)
    canvas = Canvas(WIDTH, height)
    left, right = 0.6, WIDTH - 0.15
    bottom = height - 0.35 - plot_h
    title = "Hours per week" if step == "week" else "Hours per month"
    canvas.text(0.05, height - 0.1, title, va="top")
    values = frame[lines].to_numpy(dtype=float) if lines else np.zeros((len(frame), 0))
    top = _nice(max(float(values.max()) if values.size else 0.0, 1.0))
    to_box = canvas.data((left, bottom, right - left, plot_h), (x0, x1), (0.0, top))
    colour = {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(present)}
    paths = [np.column_stack([middles, values[:, i]]) for i in range(len(lines))]
    if paths:
        canvas.lines(paths, [colour[k] for k in lines], 1.6, transform=to_box)
    axes = [[(left, bottom + plot_h), (left, bottom), (right, bottom)]]
    for value in (0.0, top / 2, top):
        y = bottom + plot_h * value / top
        axes.append([(left - 0.05, y), (left, y)])
        canvas.text(left - 0.08, y, f"{value:g}", ha="right", va="center")
    _month_axis(canvas, axes, starts[0], ends[-1], to_box, bottom, right)
    if strip:
        _training_strip(
            canvas,
            frame[TRAINING].to_numpy(dtype=float),
            starts,
            ends,
            to_box,
            bottom - below,
            colour[TRAINING],
            step,
        )
    canvas.strokes(axes, AXIS)
    y = bottom - below - strip - 0.05 - LEGEND_ROW / 2
    swatches = []  # one short thick line per kind, all one artist
    for row in legend:
        for x, label in row:
            swatches.append(np.array([(x, y), (x + 0.25, y)]))
            canvas.text(x + 0.32, y, label, va="center")
        y -= LEGEND_ROW
    canvas.lines(swatches, [colour[k] for k in present], 7.2)
    return canvas.svg()


LEGEND_ROW = 0.3  # inches
GLYPH = 0.095  # inches: a FONT-point character's average width, to lay the legend out


def _legend_rows(labels: list[str]) -> list[list[tuple[float, str]]]:
    """The legend's entries (x, label) in rows that fit the chart's width."""
    rows: list[list[tuple[float, str]]] = [[]]
    x = 0.1
    for label in labels:
        label = fit(label, int((WIDTH - 0.6) / GLYPH))
        width = 0.32 + GLYPH * len(label) + 0.25
        if rows[-1] and x + width > WIDTH:
            rows.append([])
            x = 0.1
        rows[-1].append((x, label))
        x += width
    return rows


def _step_end(start: date, step: str) -> date:
    if step == "week":
        return date.fromordinal(start.toordinal() + 7)
    return months_after(start, 1)


LABEL = 0.95  # inches a month label takes ("Sep 2026" and a gap)


def _month_axis(canvas, axes, first: date, end: date, to_box, bottom: float, right: float):  # noqa: PLR0913  # the axis's place on the canvas
    """A tick at the start of each month, labels "Jul 2026" from their tick, as many as fit
    (every month, or every 2, 3, 4, 6 or 12n months); a range that starts mid-month names its
    first month at its start when there is room."""
    months = [m for m in month_starts(first, end) if first <= m < end]

    def at(day: date) -> float:
        return to_box.transform((day.toordinal(), 0))[0] / canvas.fig.dpi

    fits = max(1, int((right - at(first)) / LABEL))
    need = -(-len(months) // fits)  # ceiling
    every = next((n for n in (1, 2, 3, 4, 6) if n >= need), 12 * -(-need // 12))
    labelled = []
    for i, month in enumerate(months):
        axes.append([(at(month), bottom - 0.05), (at(month), bottom)])
        if i % every == 0 and at(month) + LABEL <= WIDTH:
            labelled.append(month)
    if first.day != 1 and (not labelled or at(labelled[0]) - at(first) >= LABEL):
        labelled.insert(0, first)
    for day in labelled:
        canvas.text(at(day) + 0.02, bottom - 0.09, day.strftime("%b %Y"), va="top")


def _training_strip(canvas, hours: np.ndarray, starts, ends, to_box, top: float, colour, step):  # noqa: PLR0913  # the strip's place on the canvas
    """Training hours as columns on their own scale, with the largest named."""
    most = float(hours.max())
    height = 0.35
    base = top - 0.3 - height
    boxes = []
    for value, a, b in zip(hours, starts, ends, strict=True):
        x_a = to_box.transform((a.toordinal(), 0))[0] / canvas.fig.dpi
        x_b = to_box.transform((b.toordinal(), 0))[0] / canvas.fig.dpi
        boxes.append((x_a + 0.01, base, max(x_b - x_a - 0.02, 0.01), height * value / most))
    canvas.bars(boxes, colour)
    per = "week" if step == "week" else "month"
    canvas.text(
        0.05,
        top - 0.05,
        f"Training received, own scale: most {hours_text(most)} h in a {per}",
        va="top",
        color=colour,
    )
