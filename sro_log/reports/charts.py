"""Charts drawn on the server as SVG with matplotlib; the same drawings go into the PDF.

The charts are labelled directly (names and values beside the marks, few ticks): easier to read
than a legend and axis. Marks and labels are placed straight on the figure, in inches from its
bottom left corner, with no Axes: an Axes builds two axes of ticks, spines and formatters that
these charts never show, and that was most of a chart's drawing time.
"""

import io
from xml.sax.saxutils import escape, quoteattr

import matplotlib
import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import PathPatch
from matplotlib.path import Path
from matplotlib.transforms import Affine2D

from .numbers import hours_text

PALETTE = ["#0d6efd", "#198754", "#dc3545", "#fd7e14", "#6f42c1", "#20c997", "#6c757d", "#d63384"]
AXIS = "#333333"
# Every chart is WIDTH inches wide with FONT-point text: shown on a 390 px phone (about 340 px
# of chart) its text is FONT * 340 / (72 * WIDTH) pixels high, 11 or more.
WIDTH = 5.0
FONT = 12
EM = 0.1  # inches: about the widest average character width of a FONT-point label
ROW = 0.52  # inches per bar: its name above it, the bar and its value below
PAD = 0.12  # inches above and below the bars


matplotlib.rcParams.update(
    {
        "svg.fonttype": "none",  # text stays text: smaller files, readable by screen readers
        "svg.hashsalt": "sro-log",  # the same data gives the same bytes
        "font.size": FONT,
        # Named in every label's style: a short list is a smaller file and less work per label.
        "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
    }
)

# How far a label's baseline sits below its anchor, in ems, for each vertical alignment.
_BASELINE = {"center": 0.35, "top": 0.8, "bottom": -0.25, "baseline": 0.0}
_TEXT_ANCHOR = {"left": "start", "right": "end", "center": "middle"}
POINTS = 72  # SVG units (points) per inch, as matplotlib writes an SVG


def _number(value: float) -> str:
    """A coordinate as the SVG renderer writes one: fixed point, no trailing zeros."""
    return f"{value:f}".rstrip("0").rstrip(".")


class _Labels:
    """Every label of a chart, each one line of plain text, level or turned a quarter, written
    into the SVG after matplotlib has drawn the marks, without measuring it. The charts are SVG
    only, where text stays text and the viewer aligns it horizontally (`text-anchor`), so the
    only layout left is the baseline's offset. The labels share one font, so each colour and
    alignment has one style, made once: a matplotlib Text per label would measure every glyph.
    Only the SVG that matplotlib's documented print_svg writes is read (its end tag), so no
    renderer internals are used."""

    def __init__(self):
        self.size = FontProperties().get_size_in_points()  # the size of rcParams
        self.items: list[tuple] = []

    def add(self, x: float, y: float, text: str, ha: str, va: str, colour, rotation: int) -> None:  # noqa: PLR0913  # a drawing primitive
        assert rotation in (0, 90), "a label is level or reads upwards"
        self.items.append((x, y, text, ha, va, mcolors.to_hex(colour), rotation))

    def _font_css(self) -> str:
        families = [*map(repr, matplotlib.rcParams["font.sans-serif"]), "sans-serif"]
        return f"font-size: {_number(self.size)}px; font-family: {', '.join(families)}"

    def svg(self, height: float) -> str:
        """The labels as an SVG group, for a figure `height` inches high (SVG units are points,
        72 to the inch, y downwards)."""
        font = self._font_css()
        styles: dict[tuple[str, str], str] = {}
        parts = ['<g id="labels">']
        for x, y, text, ha, va, colour, rotation in self.items:
            if not text:
                continue
            style = styles.get((colour, ha))
            if style is None:
                fill = "" if colour == "#000000" else f"; fill: {colour}"
                style = styles[colour, ha] = f"{font}; text-anchor: {_TEXT_ANCHOR[ha]}{fill}"
            drop = _BASELINE[va] * self.size  # along the text's downward direction
            px, py = x * POINTS, (height - y) * POINTS
            sx, sy = (px + drop, py) if rotation else (px, py + drop)
            attrib = f'style={quoteattr(style)} x="{_number(sx)}" y="{_number(sy)}"'
            if rotation:
                attrib += f' transform="rotate(-{rotation} {_number(sx)} {_number(sy)})"'
            parts.append(f"<text {attrib}>{escape(text)}</text>")
        parts.append("</g>\n")
        return "\n".join(parts)


class Canvas:
    """A figure whose marks are placed in inches; `data` maps a plot area's data coordinates."""

    def __init__(self, width: float, height: float):
        self.fig = Figure(figsize=(width, height))
        self.inches = self.fig.dpi_scale_trans
        self.labels = _Labels()

    def text(  # noqa: PLR0913  # a drawing primitive
        self,
        x: float,
        y: float,
        s: str,
        ha: str = "left",
        va: str = "baseline",
        color="black",
        rotation: int = 0,
    ) -> None:
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
        self.fig.add_artist(
            PathPatch(shape, transform=self.inches, fill=False, edgecolor=colour, linewidth=width)
        )

    def lines(self, paths: list, colours, width: float = 0.8, transform=None) -> None:
        """Polylines (each an array of x, y points) as one artist, a colour each."""
        self.fig.add_artist(
            LineCollection(
                paths, colors=colours, linewidths=width, transform=transform or self.inches
            )
        )

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
        drawing = buffer.getvalue()
        end = drawing.rindex(b"</svg>")
        labels = self.labels.svg(self.fig.get_figheight()).encode()
        return drawing[:end] + labels + drawing[end:]


MESSAGE_SIZE = (WIDTH, 0.8)  # inches: a chart with nothing to draw says so


def bars_size(rows: int) -> tuple[float, float]:
    """The inches of a chart of labelled bars (`labelled_bars`)."""
    return WIDTH, 2 * PAD + ROW * rows


def message(text: str) -> bytes:
    canvas = Canvas(*MESSAGE_SIZE)
    canvas.text(WIDTH / 2, 0.4, text, ha="center", va="center")
    return canvas.svg()


def fit(label: str, most: int) -> str:
    return label if len(label) <= most else label[: most - 1].rstrip() + "…"


def labelled_bars(
    labels: list[str], values: list[float], colour: str, unit: str = "", hours: bool = False
) -> bytes:
    """Horizontal bars in the given order, top down, each with its name above it and its value
    at its end, so that names need no room beside the bars and a phone shows them whole.
    Values are hours (printed as every report prints them) or counts."""
    most = int((WIDTH - 0.2) / EM)
    labels = [fit(label, most) for label in labels]
    texts = [(hours_text(v) if hours else f"{v:,g}") + unit for v in values]
    left, span = 0.1, WIDTH - 0.2 - EM * max(map(len, texts)) - 0.1
    canvas = Canvas(*bars_size(len(labels)))
    scale = span / (max(values) or 1)
    boxes = []
    for row, (label, value, text) in enumerate(zip(labels, values, texts, strict=True)):
        top = PAD + ROW * (len(labels) - row)
        canvas.text(left, top - 0.04, label, va="top")
        middle = top - 0.36
        boxes.append((left, middle - 0.1, value * scale, 0.2))
        canvas.text(left + value * scale + 0.06, middle, text, va="center")
    canvas.bars(boxes, colour)
    return canvas.svg()


def _goal_bars(goals: pd.DataFrame) -> pd.DataFrame | None:
    return None if goals.empty or goals["minutes"].sum() == 0 else goals


def _incident_bars(incidents: pd.DataFrame, top: int = 10) -> pd.DataFrame | None:
    return None if incidents.empty else incidents.head(top)


def _month_bars(months: pd.DataFrame) -> pd.DataFrame | None:
    """One bar per month of the period (empty months included), if any has hours."""
    return None if months.empty or months["hours"].sum() == 0 else months


def hours_by_goal(goals: pd.DataFrame) -> bytes:
    if (shown := _goal_bars(goals)) is None:
        return message("No hours in this period")
    return labelled_bars(list(shown["goal"]), list(shown["hours"]), PALETTE[0], " h", True)


def incidents_by_type(incidents: pd.DataFrame) -> bytes:
    if (shown := _incident_bars(incidents)) is None:
        return message("No incidents in this period")
    return labelled_bars(list(shown["incident_type"]), list(shown["incidents"]), PALETTE[2])


def monthly_hours(months: pd.DataFrame) -> bytes:
    """Hours per month, one bar per month of the period (empty months included)."""
    if (shown := _month_bars(months)) is None:
        return message("No hours in this period")
    return labelled_bars(list(shown["label"]), list(shown["hours"]), PALETTE[0], " h", True)


def size_of(bars: pd.DataFrame | None) -> tuple[float, float]:
    return MESSAGE_SIZE if bars is None else bars_size(len(bars))


# Each bar chart's size in inches from the frame it is drawn from: the page gives its image
# the width and height it will have, so nothing moves when it arrives.
BAR_SIZES = {
    "hours-by-goal": lambda frame: size_of(_goal_bars(frame)),
    "incidents-by-type": lambda frame: size_of(_incident_bars(frame)),
    "monthly-hours": lambda frame: size_of(_month_bars(frame)),
}
