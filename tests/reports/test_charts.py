"""The charts' SVG, read as XML: every mark named and valued in text a screen reader can read."""

import itertools
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pandas as pd
import pytest

from sro_log.catalog import KINDS
from sro_log.reports import charts, trend_chart

SVG = "{http://www.w3.org/2000/svg}"
KIND_LABELS = {kind: label for kind, (label, _) in KINDS.items()}


def texts(svg: bytes) -> list[str]:
    return [t.text for t in ET.fromstring(svg).iter(f"{SVG}text")]


def text_x(svg: bytes) -> list[float]:
    return [float(t.get("x")) for t in ET.fromstring(svg).iter(f"{SVG}text")]


def goals(names, hours):
    return pd.DataFrame({"goal": names, "hours": hours, "minutes": [h * 60 for h in hours]})


def test_each_bar_shows_its_name_and_value_as_text():
    svg = charts.hours_by_goal(goals(["Safer schools", "Education on law"], [12.5, 3.0]))
    assert texts(svg) == ["Safer schools", "12.5 h", "Education on law", "3.0 h"]


def test_a_long_name_is_shortened_and_fits_the_chart_above_its_bar():
    long = "Prevention and early intervention with students at risk of offending, county-wide"
    svg = charts.hours_by_goal(goals([long, "Safety"], [4.0, 2.0]))
    shown = texts(svg)[0]
    assert shown.endswith("…") and long.startswith(shown[:-1])
    width_pt = float(ET.fromstring(svg).get("width").removesuffix("pt"))
    # Names start at their x (text-anchor start) and are at most as wide as the chart allows.
    name_x = text_x(svg)[0]
    assert ET.fromstring(svg).find(f".//{SVG}text").get("style").count("text-anchor: start")
    assert name_x > 0 and name_x + len(shown) * charts.FONT * 0.55 < width_pt


def test_a_name_with_dollar_signs_is_printed_as_written():
    table = pd.DataFrame({"incident_type": ["Theft $50 to $500"], "incidents": [3]})
    assert texts(charts.incidents_by_type(table))[0] == "Theft $50 to $500"


def test_only_the_ten_most_frequent_incident_types_are_drawn():
    table = pd.DataFrame({"incident_type": [f"Type {i}" for i in range(12)],
                          "incidents": list(range(12, 0, -1))})  # fmt: skip
    names = [t for t in texts(charts.incidents_by_type(table)) if t.startswith("Type")]
    assert names == [f"Type {i}" for i in range(10)]


@pytest.mark.parametrize(
    ("draw", "message"),
    [
        (lambda: charts.hours_by_goal(goals(["Safety"], [0.0])), "No hours in this period"),
        (lambda: charts.incidents_by_type(pd.DataFrame(columns=["incident_type", "incidents"])),
         "No incidents in this period"),
        (lambda: trend_chart.trend(pd.DataFrame(columns=["start", *KINDS]), KIND_LABELS, "week"),
         "No entries in this period"),
        (lambda: charts.monthly_hours(pd.DataFrame({"label": ["Jan 2026"], "hours": [0.0]})),
         "No hours in this period"),
    ],
)  # fmt: skip
def test_an_empty_chart_says_so_in_words(draw, message):
    assert texts(draw()) == [message]


def trend(weeks: int) -> pd.DataFrame:
    mondays = [date(2026, 1, 5) + timedelta(weeks=i) for i in range(weeks)]
    frame = pd.DataFrame({"start": mondays, **dict.fromkeys(KINDS, 0.0)})
    frame["classroom"] = [float(i) for i in range(weeks)]
    frame["patrol"] = 2.5
    return frame


def test_the_trend_names_each_drawn_kind_and_the_months_with_their_year():
    shown = texts(trend_chart.trend(trend(10), KIND_LABELS, "week"))
    assert KIND_LABELS["classroom"] in shown and KIND_LABELS["patrol"] in shown
    assert KIND_LABELS["incident"] not in shown  # no hours: no line, no name
    assert {"Feb 2026", "Mar 2026"} <= set(shown)
    assert {"0", "5", "10", "Hours per week"} <= set(shown)


def test_the_trend_draws_one_line_per_kind_with_a_point_per_week():
    svg = trend_chart.trend(trend(10), KIND_LABELS, "week")
    paths = [p.get("d") for p in ET.fromstring(svg).iter(f"{SVG}path")]
    lines = [d for d in paths if d and len(re.findall(r"[ML]", d)) == 10]
    assert len(lines) == 2


def _line_xs(svg: bytes, points: int) -> list[list[float]]:
    paths = [p.get("d") for p in ET.fromstring(svg).iter(f"{SVG}path")]
    lines = [d for d in paths if d and len(re.findall(r"[ML]", d)) == points]
    return [[float(x) for x in re.findall(r"[ML] ?(-?[\d.]+)[ ,]", d)] for d in lines]


def test_the_time_axis_is_to_scale_every_step_the_same_width():
    weekly = trend(12)
    weekly.loc[3:8, ["classroom", "patrol"]] = 0.0  # six empty weeks stay on the axis
    xs = _line_xs(trend_chart.trend(weekly, KIND_LABELS, "week"), 12)[0]
    gaps = [b - a for a, b in itertools.pairwise(xs)]
    assert max(gaps) - min(gaps) < 0.01
    months = pd.DataFrame({"start": [date(2026, m, 1) for m in (1, 2, 3)],
                           **dict.fromkeys(KINDS, 0.0)})  # fmt: skip
    months["patrol"] = [3.0, 4.0, 5.0]
    xs = _line_xs(trend_chart.trend(months, KIND_LABELS, "month"), 3)[0]
    # January's middle to February's is 29.5 days, February's to March's 29.5 days.
    assert abs((xs[1] - xs[0]) - (xs[2] - xs[1])) < 0.01
    assert "Hours per month" in texts(trend_chart.trend(months, KIND_LABELS, "month"))


def test_training_received_has_a_strip_of_its_own_and_does_not_flatten_the_lines():
    weekly = trend(8)
    weekly["training"] = [0.0, 0.0, 40.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    shown = texts(trend_chart.trend(weekly, KIND_LABELS, "week"))
    # The lines' scale is set by the other kinds (up to 7 hours), not by the 40 of training.
    assert {"0", "5", "10"} <= set(shown) and "40" not in shown
    assert "Training received, own scale: most 40.0 h in a week" in shown
    assert len(_line_xs(trend_chart.trend(weekly, KIND_LABELS, "week"), 8)) == 2  # no training line


def test_chart_text_reads_at_11_pixels_or_more_on_a_390_pixel_phone():
    for svg in (
        trend_chart.trend(trend(10), KIND_LABELS, "week"),
        charts.hours_by_goal(goals(["Connect"], [3.0])),
        charts.monthly_hours(pd.DataFrame({"label": ["Jan 2026"], "hours": [2.0]})),
    ):
        root = ET.fromstring(svg)
        width = float(root.get("viewBox").split()[2])  # in the SVG's own units
        sizes = [float(re.search(r"font-size: ([\d.]+)px", t.get("style")).group(1))
                 for t in root.iter(f"{SVG}text")]  # fmt: skip
        # A phone 390 px wide shows a chart about 340 px wide.
        assert min(sizes) * 340 / width >= 11


def test_monthly_hours_are_one_bar_per_month_with_its_value():
    months = pd.DataFrame({"label": ["Jan 2026", "Feb 2026"], "hours": [10.0, 2.5]})
    assert texts(charts.monthly_hours(months)) == ["Jan 2026", "10.0 h", "Feb 2026", "2.5 h"]


def test_the_same_numbers_draw_the_same_bytes():
    table = goals(["Safety", "Education"], [4.0, 2.0])
    assert charts.hours_by_goal(table) == charts.hours_by_goal(table.copy())


def test_a_label_is_escaped_text_in_its_colour_and_none_is_turned():
    weeks = trend(6)
    root = ET.fromstring(trend_chart.trend(weeks, {**KIND_LABELS, "classroom": "Law & <order>"},
                                      "week"))  # fmt: skip
    assert "Law & <order>" in [t.text for t in root.iter(f"{SVG}text")]  # written escaped
    assert not [t.text for t in root.iter(f"{SVG}text") if t.get("transform")]
