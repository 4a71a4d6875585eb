"""The charts' SVG, read as XML: every mark named and valued in text a screen reader can read."""

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pandas as pd
import pytest

from sro_log.catalog import KINDS
from sro_log.reports import charts

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
    assert texts(svg) == ["Safer schools", "12.5 h", "Education on law", "3 h"]


def test_a_long_name_is_shortened_and_starts_inside_the_chart():
    long = "Prevention and early intervention with students at risk of offending"
    svg = charts.hours_by_goal(goals([long, "Safety"], [4.0, 2.0]))
    shown = texts(svg)[0]
    assert shown.endswith("…") and long.startswith(shown[:-1])
    width_pt = float(ET.fromstring(svg).get("width").removesuffix("pt"))
    # Names are right-aligned at their x: an x far enough right leaves room for the name.
    name_x = text_x(svg)[0]
    assert ET.fromstring(svg).find(f".//{SVG}text").get("style").count("text-anchor: end")
    assert len(shown) * 9 * 0.55 < name_x < width_pt


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
        (lambda: charts.weekly_trend(pd.DataFrame(columns=["week", *KINDS]), KIND_LABELS),
         "No entries in this period"),
        (lambda: charts.monthly_hours(pd.DataFrame({"label": ["Jan 2026"], "hours": [0.0]})),
         "No hours in this period"),
    ],
)  # fmt: skip
def test_an_empty_chart_says_so_in_words(draw, message):
    assert texts(draw()) == [message]


def trend(weeks: int) -> pd.DataFrame:
    mondays = [date(2026, 1, 5) + timedelta(weeks=i) for i in range(weeks)]
    frame = pd.DataFrame({"week": mondays, **dict.fromkeys(KINDS, 0.0)})
    frame["classroom"] = [float(i) for i in range(weeks)]
    frame["patrol"] = 2.5
    return frame


def test_the_weekly_trend_names_each_drawn_kind_and_the_months():
    shown = texts(charts.weekly_trend(trend(10), KIND_LABELS))
    assert KIND_LABELS["classroom"] in shown and KIND_LABELS["patrol"] in shown
    assert KIND_LABELS["incident"] not in shown  # no hours: no line, no name
    assert {"Jan 26", "Feb 26", "Mar 26"} <= set(shown)
    assert {"0", "4.5", "9", "Hours per week"} <= set(shown)


def test_the_weekly_trend_draws_one_line_per_kind_with_a_point_per_week():
    svg = charts.weekly_trend(trend(10), KIND_LABELS)
    paths = [p.get("d") for p in ET.fromstring(svg).iter(f"{SVG}path")]
    lines = [d for d in paths if d and len(re.findall(r"[ML]", d)) == 10]
    assert len(lines) == 2


def test_monthly_columns_carry_their_values_and_months():
    months = pd.DataFrame({"label": ["Jan 2026", "Feb 2026"], "hours": [10.0, 2.5]})
    assert texts(charts.monthly_hours(months)) == ["10", "Jan 2026", "2.5", "Feb 2026"]


def test_the_same_numbers_draw_the_same_bytes():
    table = goals(["Safety", "Education"], [4.0, 2.0])
    assert charts.hours_by_goal(table) == charts.hours_by_goal(table.copy())


def test_the_weekly_trend_axis_title_reads_upwards_clear_of_the_tick_values():
    weeks = trend(10)
    weeks["classroom"] = weeks["classroom"] * 27.4  # up to 246.6 hours: ticks of five characters
    root = ET.fromstring(charts.weekly_trend(weeks, KIND_LABELS))
    by_text = {t.text: t for t in root.iter(f"{SVG}text")}
    title = by_text["Hours per week"]
    assert title.get("transform").startswith("rotate(-90")
    widest = "123.3"
    tick = by_text[widest]
    # Tick values end (text-anchor: end) at their x; the title's glyphs lie left of its x.
    tick_left = float(tick.get("x")) - len(widest) * 9 * 0.6
    assert 0 < float(title.get("x")) < tick_left


def test_a_label_is_escaped_text_in_its_colour_and_only_a_turned_one_carries_a_rotation():
    weeks = trend(6)
    root = ET.fromstring(charts.weekly_trend(weeks, {**KIND_LABELS, "classroom": "Law & <order>"}))
    by_text = {t.text: t for t in root.iter(f"{SVG}text")}
    line_end = by_text["Law & <order>"]  # parsed back: it was written escaped
    assert "fill: #0d6efd" in line_end.get("style")
    turned = [t.text for t in root.iter(f"{SVG}text") if t.get("transform")]
    assert turned == ["Hours per week"]
