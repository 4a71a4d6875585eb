"""Charts drawn on the server as SVG with matplotlib; the same drawings go into the PDF.

The charts are labelled directly (names and values beside the marks, few ticks): easier to read
than a legend and axis. Marks and labels are placed straight on the figure, in inches from its
bottom left corner, with no Axes: an Axes builds two axes of ticks, spines and formatters that
these charts never show, and that was most of a chart's drawing time.
"""

import io
import itertools
from datetime import date

import matplotlib
import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import PathPatch
from matplotlib.path import Path
from matplotlib.transforms import Affine2D, Transform

matplotlib.rcParams.update({
    "svg.fonttype": "none",     # text stays text: smaller files, readable by screen readers
    "svg.hashsalt": "sro-log",  # the same data gives the same bytes
    "font.size": 9,
    # Named in every label's style: a short list is a smaller file and less work per label.
    "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
})  # fmt: skip

PALETTE = ["#0d6efd", "#198754", "#dc3545", "#fd7e14", "#6f42c1", "#20c997", "#6c757d", "#d63384"]
AXIS = "#333333"
ROW = 0.32  # inches per bar
PAD = 0.15  # inches above and below the bars
EM = 0.075  # inches: about the widest average character width of a 9-point label


# How far a label's baseline sits below its anchor, in ems, for each vertical alignment.
_BASELINE = {"center": 0.35, "top": 0.8, "bottom": -0.25, "baseline": 0.0}
_TEXT_ANCHOR = {"left": "start", "right": "end", "center": "middle"}


def _number(value: float) -> str:
    """A coordinate as the SVG renderer writes one: fixed point, no trailing zeros."""
    return f"{value:f}".rstrip("0").rstrip(".")


class _Labels(Artist):
    """Every label of a chart, each one line of plain text, level or turned a quarter, written
    into the SVG in one pass without measuring it. The charts are saved as SVG only, where text
    stays text (svg.fonttype none) and the viewer aligns it horizontally (`text-anchor`), so the
    only layout left is the baseline's offset. The labels share one font, so each colour and
    alignment has one style, made once: a Text per label would measure every glyph, and the
    renderer's draw_text would make the same style again for every label."""

    def __init__(self, transform: Transform):
        super().__init__()
        self.set_transform(transform)
        self.font = FontProperties()  # the family and size of rcParams
        self.items: list[tuple] = []

    def add(self, x: float, y: float, text: str, ha: str, va: str, colour, rotation: int) -> None:
        assert rotation in (0, 90), "a label is level or reads upwards"
        self.items.append((x, y, text, ha, va, mcolors.to_hex(colour), rotation))

    def _font_css(self) -> str:
        families = [*map(repr, matplotlib.rcParams["font.sans-serif"]), "sans-serif"]
        size = _number(self.font.get_size_in_points())
        return f"font-size: {size}px; font-family: {', '.join(families)}"

    def draw(self, renderer) -> None:
        transform = self.get_transform()
        em = renderer.points_to_pixels(self.font.get_size_in_points())
        height = renderer.get_canvas_width_height()[1]
        font = self._font_css()
        styles: dict[tuple[str, str], str] = {}
        renderer.open_group("labels", self.get_gid())
        for x, y, text, ha, va, colour, rotation in self.items:
            if not text:
                continue
            style = styles.get((colour, ha))
            if style is None:
                fill = "" if colour == "#000000" else f"; fill: {colour}"
                style = styles[colour, ha] = f"{font}; text-anchor: {_TEXT_ANCHOR[ha]}{fill}"
            px, py = transform.transform((x, y))
            drop = _BASELINE[va] * em  # along the text's downward direction
            sx, sy = (px + drop, height - py) if rotation else (px, height - py + drop)
            attrib = {"style": style, "x": _number(sx), "y": _number(sy)}
            if rotation:
                attrib["transform"] = f"rotate(-{rotation} {attrib['x']} {attrib['y']})"
            renderer.writer.element("text", text, attrib=attrib)
        renderer.close_group("labels")
        self.stale = False


class _Canvas:
    """A figure whose marks are placed in inches; `data` maps a plot area's data coordinates."""

    def __init__(self, width: float, height: float):
        self.fig = Figure(figsize=(width, height))
        self.inches = self.fig.dpi_scale_trans
        self.labels = self.fig.add_artist(_Labels(self.inches))

    def text(self, x: float, y: float, s: str, ha: str = "left", va: str = "baseline",
             color="black", rotation: int = 0) -> None:  # fmt: skip
        self.labels.add(x, y, s, ha, va, color, rotation)

    def bars(self, boxes: list[tuple[float, float, float, float]], colour: str) -> None:
        """Rectangles (left, bottom, width, height in inches) of one colour, as one shape."""
        corners = [[(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)] for x, y, w, h in boxes]
        codes = [Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY] * len(boxes)
        shape = Path(np.array(corners, dtype=float).reshape(-1, 2), codes)
        self.fig.add_artist(PathPatch(shape, transform=self.inches, color=colour, linewidth=0))

    def strokes(self, paths: list, colour: str, width: float = 0.8) -> None:
        """Polylines (each a list of x, y points in inches) of one colour, as one shape: the
        renderer writes one path where a collection writes one per line."""
        points = [point for path in paths for point in path]
        codes = [code for path in paths for code in [Path.MOVETO] + [Path.LINETO] * (len(path) - 1)]
        shape = Path(np.array(points, dtype=float), codes)
        self.fig.add_artist(PathPatch(shape, transform=self.inches, fill=False, edgecolor=colour,
                                      linewidth=width))  # fmt: skip

    def lines(self, paths: list, colours, width: float = 0.8, transform=None) -> None:
        """Polylines (each an array of x, y points) as one artist, a colour each."""
        self.fig.add_artist(
            LineCollection(paths, colors=colours, linewidths=width,
                           transform=transform or self.inches)
        )  # fmt: skip

    def data(self, box: tuple[float, float, float, float], xlim, ylim):
        """The transform from data to a box (left, bottom, width, height in inches)."""
        left, bottom, width, height = box
        sx = width / (xlim[1] - xlim[0])
        sy = height / (ylim[1] - ylim[0])
        scale = Affine2D().translate(-xlim[0], -ylim[0]).scale(sx, sy).translate(left, bottom)
        return scale + self.inches

    def svg(self) -> bytes:
        buffer = io.BytesIO()
        # The SVG canvas itself: savefig's way there only adds choices these charts never make.
        FigureCanvasSVG(self.fig).print_svg(buffer, metadata={"Date": None})
        return buffer.getvalue()


def _message(text: str) -> bytes:
    canvas = _Canvas(5.5, 0.8)
    canvas.text(2.75, 0.4, text, ha="center", va="center")
    return canvas.svg()


def _fit(label: str, most: int = 34) -> str:
    return label if len(label) <= most else label[: most - 1].rstrip() + "…"


def labelled_bars(labels: list[str], values: list[float], colour: str, unit: str = "") -> bytes:
    """Horizontal bars in the given order, top down, each with its name on the left and its
    value at its end. Long names are shortened (the table beside the chart has them whole)."""
    labels = [_fit(label) for label in labels]
    width = 5.5
    left = min(max(0.8, 0.2 + EM * max(map(len, labels))), 2.6)  # room for the longest name
    span = width - left - 0.9  # and for the value after the longest bar
    canvas = _Canvas(width, 2 * PAD + ROW * len(labels))
    top = max(values) or 1
    scale = span / top
    boxes = []
    for row, (label, value) in enumerate(zip(labels, values, strict=True)):
        middle = PAD + ROW * (len(labels) - row - 0.5)
        boxes.append((left, middle - 0.35 * ROW, value * scale, 0.7 * ROW))
        canvas.text(left - 0.1, middle, label, ha="right", va="center")
        canvas.text(left + value * scale + 0.05, middle, f"{value:,g}{unit}", va="center")
    canvas.bars(boxes, colour)
    return canvas.svg()


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


def _month_ticks(weeks: list[date]) -> list[int]:
    """The first week of each month, thinned to at most about eight labels."""
    firsts = [i for i, w in enumerate(weeks) if i == 0 or w.month != weeks[i - 1].month]
    if len(firsts) > 1 and firsts[1] - firsts[0] < 3:
        firsts = firsts[1:]  # a partial first month's label would collide with the next one
    return firsts[:: max(1, len(firsts) // 8)]


def weekly_trend(trend: pd.DataFrame, kinds: dict[str, str]) -> bytes:
    """Hours per week for each kind that has any, each line named at its end."""
    present = [k for k in kinds if k in trend]
    hours = trend[present].to_numpy(dtype=float) if len(trend) else np.zeros((0, len(present)))
    drawn = hours.sum(axis=0) > 0
    shown = [k for k, has_hours in zip(present, drawn, strict=True) if has_hours]
    if not shown:
        return _message("No entries in this period")
    hours = hours[:, drawn]
    canvas = _Canvas(7.5, 2.8)
    box = (0.7, 0.35, 4.9, 2.3)  # the plot area, in inches
    x = np.arange(len(trend))
    top = max(float(hours.max()), 1.0)
    ylim = (0.0, top * 1.05)
    to_box = canvas.data(box, (-0.5, x[-1] + 0.5), ylim)
    trend_lines = [np.column_stack([x, hours[:, i]]) for i in range(len(shown))]
    canvas.lines(trend_lines, PALETTE[: len(shown)], 1.4, transform=to_box)
    ends = _spread(hours[-1].tolist(), gap=top * 0.09)
    right = box[0] + box[2]
    for colour, kind, end in zip(PALETTE, shown, ends, strict=False):
        y = to_box.transform((0, end))[1] / canvas.fig.dpi
        canvas.text(right + 0.08, y, kinds[kind], color=colour, va="center")
    left, bottom, _, height = box
    axes = [[(left, bottom + height), (left, bottom), (right, bottom)]]
    for value in (0, round(top / 2, 1), round(top, 1)):
        y = bottom + height * value / ylim[1]
        axes.append([(left - 0.05, y), (left, y)])
        canvas.text(left - 0.08, y, f"{value:g}", ha="right", va="center")
    canvas.text(0.1, bottom + height / 2, "Hours per week", rotation=90, va="center", ha="center")
    weeks: list[date] = list(trend["week"])
    for i in _month_ticks(weeks):
        tick = to_box.transform((i, 0))[0] / canvas.fig.dpi
        axes.append([(tick, bottom - 0.05), (tick, bottom)])
        canvas.text(tick, bottom - 0.08, weeks[i].strftime("%b %y"), ha="center", va="top")
    canvas.strokes(axes, AXIS)
    return canvas.svg()


def monthly_hours(months: pd.DataFrame) -> bytes:
    """Hours per month as columns, each with its value on top and its month below."""
    if months.empty or months["hours"].sum() == 0:
        return _message("No hours in this period")
    canvas = _Canvas(7.5, 2.6)
    left, bottom, width, height = 0.15, 0.35, 7.2, 2.1
    values = [float(v) for v in months["hours"]]
    top = (max(values) or 1) * 1.18
    pitch = width / len(values)
    labels = list(months["label"])
    step = max(1, len(values) // 12)
    boxes = []
    for i, value in enumerate(values):
        centre = left + pitch * (i + 0.5)
        column = height * value / top
        boxes.append((centre - 0.35 * pitch, bottom, 0.7 * pitch, column))
        canvas.text(centre, bottom + column + 0.03, f"{value:,g}", ha="center", va="bottom")
        if i % step == 0:
            canvas.text(centre, bottom - 0.08, labels[i], ha="center", va="top")
    canvas.bars(boxes, PALETTE[0])
    canvas.strokes([[(left, bottom), (left + width, bottom)]], AXIS)
    return canvas.svg()
