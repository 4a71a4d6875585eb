"""The pure pandas summaries, on small hand-built frames; no app, no database."""

import statistics
from datetime import date

import pandas as pd
import pytest

from sro_log.reports import summaries

KINDS = {"classroom": "Classroom", "mentoring": "Mentoring", "incident": "Incident",
         "admin": "Admin"}  # fmt: skip
SCHOOL_KIND_COLUMNS = ["school_id", "kind", "entries", "minutes", "students_reached",
                       "students_mentored", "arrests", "attendees", "staff_trained"]  # fmt: skip
SCHOOLS = pd.DataFrame(
    {
        "school_id": [1, 2],
        "school": ["North High", "South Middle"],
        "district_id": [1, 2],
        "district": ["Northfield", "Riverbend"],
    }
)
OFFICERS = pd.DataFrame({"officer_id": [7, 8], "officer": ["Dana", "Marcus"]})
GOALS = pd.DataFrame({"goal_id": [1, 2, 3, 4], "code": ["connect", "deter", "educate", "protect"],
                      "goal": ["Connect", "Deter", "Educate", "Protect"],
                      "position": [1, 2, 3, 4], "bit": [0, 1, 2, 3]})  # fmt: skip


def school_kind(*rows):
    return pd.DataFrame(list(rows), columns=SCHOOL_KIND_COLUMNS)


def empty(columns):
    return pd.DataFrame(columns=columns)


def test_an_empty_period_gives_zero_tiles_and_empty_tables():
    kinds = summaries.kind_table(empty(SCHOOL_KIND_COLUMNS), KINDS)
    officers = summaries.officer_table(
        empty(["officer_id", "location", "entries", "minutes"]), OFFICERS
    )
    response = summaries.response_stats(empty(["response_minutes", "incidents"]))
    tiles = summaries.tiles(kinds, officers, response)

    assert tiles == {"entries": 0, "hours": 0.0, "classroom_sessions": 0, "students_reached": 0,
                     "mentoring_contacts": 0, "students_mentored": 0, "incidents": 0,
                     "arrests": 0, "median_response": None, "p90_response": None,
                     "share_in_around": None}  # fmt: skip
    assert list(kinds["entries"]) == [0, 0, 0, 0]
    assert summaries.school_table(empty(SCHOOL_KIND_COLUMNS), SCHOOLS).empty
    trend = summaries.trend(empty(["day", "kind", "entries", "minutes"]), KINDS,
                            date(2026, 3, 2), date(2026, 3, 15))  # fmt: skip
    assert list(trend["start"]) == [date(2026, 3, 2), date(2026, 3, 9)]
    assert trend[list(KINDS)].to_numpy().sum() == 0  # every week there, as zeros
    goals = summaries.goal_table(empty(["goal_bits", "entries", "minutes"]), GOALS)
    assert list(goals["entries"]) == [0, 0, 0, 0]


def test_one_officer_one_school_adds_up():
    frame = school_kind((1, "classroom", 2, 100, 55, 0, 0, 0, 0),
                        (1, "mentoring", 3, 60, 0, 4, 0, 0, 0),
                        (1, "incident", 1, 45, 0, 0, 1, 0, 0))  # fmt: skip
    kinds = summaries.kind_table(frame, KINDS)
    places = pd.DataFrame({"officer_id": [7, 7, 7], "location": ["in_school", "community", "court"],
                           "entries": [4, 1, 1], "minutes": [150, 15, 40]})  # fmt: skip
    officers = summaries.officer_table(places, OFFICERS)
    response = summaries.response_stats(pd.DataFrame({"response_minutes": [4],
                                                      "incidents": [1]}))  # fmt: skip

    tiles = summaries.tiles(kinds, officers, response)

    assert tiles["entries"] == 6 and tiles["hours"] == pytest.approx(205 / 60)
    assert (tiles["classroom_sessions"], tiles["students_reached"]) == (2, 55)
    assert (tiles["mentoring_contacts"], tiles["students_mentored"]) == (3, 4)
    assert (tiles["incidents"], tiles["arrests"], tiles["median_response"]) == (1, 1, 4.0)
    assert officers.loc[0, "share_in_around"] == pytest.approx(165 / 205)
    assert not officers.loc[0, "under_rule"]
    school = summaries.school_table(frame, SCHOOLS).iloc[0]
    assert (school["school"], school["entries"], school["minutes"]) == ("North High", 6, 205)
    assert (school["classroom_sessions"], school["mentoring_contacts"], school["incidents"]) == (
        2, 3, 1)  # fmt: skip


def test_an_officer_under_the_75_percent_rule_is_flagged():
    places = pd.DataFrame({"officer_id": [8, 8, 8], "location": ["school_grounds", "court", None],
                           "entries": [3, 1, 1], "minutes": [70, 20, 10]})  # fmt: skip
    table = summaries.officer_table(places, OFFICERS)
    assert table.loc[0, "share_in_around"] == pytest.approx(0.70)
    assert table.loc[0, "under_rule"]


def test_off_campus_work_is_its_own_row_in_the_school_table():
    frame = school_kind((None, "admin", 2, 120, 0, 0, 0, 0, 0),
                        (2, "classroom", 1, 50, 20, 0, 0, 0, 0))  # fmt: skip
    table = summaries.school_table(frame, SCHOOLS)
    assert list(table["school"]) == ["No school (off campus)", "South Middle"]
    assert pd.isna(table.loc[0, "school_id"]) and table.loc[1, "school_id"] == 2


def test_months_cover_the_period_across_a_month_boundary_with_empty_months():
    # The last day of January and the first of March, on either side of an empty February.
    by_day = pd.DataFrame({"day": [date(2026, 1, 20), date(2026, 1, 31), date(2026, 1, 31),
                                   date(2026, 3, 1)],
                           "kind": ["admin", "admin", "classroom", "patrol"],
                           "entries": [1, 1, 1, 2], "minutes": [30, 30, 30, 60]})  # fmt: skip
    table = summaries.month_table(by_day, date(2026, 1, 20), date(2026, 3, 5))
    assert list(table["label"]) == ["Jan 2026", "Feb 2026", "Mar 2026"]
    assert list(table["entries"]) == [3, 0, 2]
    assert list(table["minutes"]) == [90, 0, 60]
    assert table.loc[0, "date_from"] == date(2026, 1, 20)  # clipped to the period
    assert table.loc[1, "date_to"] == date(2026, 2, 28)
    assert table.loc[2, "date_to"] == date(2026, 3, 5)


def test_an_entry_tagged_with_two_goals_counts_toward_both():
    # One 60-minute entry tagged Connect and Educate (bits 0 and 2), one 30-minute entry with
    # Deter only, one 15-minute entry with no goal.
    by_bits = pd.DataFrame({"goal_bits": [0b101, 0b010, 0], "entries": [1, 1, 1],
                            "minutes": [60, 30, 15]})  # fmt: skip
    table = summaries.goal_table(by_bits, GOALS)
    assert dict(zip(table["goal"], table["entries"], strict=True)) == {
        "Connect": 1, "Deter": 1, "Educate": 1, "Protect": 0}  # fmt: skip
    assert dict(zip(table["goal"], table["minutes"], strict=True)) == {
        "Connect": 60, "Deter": 30, "Educate": 60, "Protect": 0}  # fmt: skip
    assert table["minutes"].sum() == 150  # more than the 105 minutes logged, by design


def test_goals_follow_their_bit_not_their_position():
    reordered = GOALS.assign(position=[4, 3, 2, 1])
    by_bits = pd.DataFrame({"goal_bits": [0b1000], "entries": [2], "minutes": [40]})
    table = summaries.goal_table(by_bits, reordered)
    assert list(table["goal"]) == ["Protect", "Educate", "Deter", "Connect"]
    assert list(table["entries"]) == [2, 0, 0, 0]


@pytest.mark.parametrize(
    "values",
    [[5], [1, 9], [3, 3, 4], [0, 2, 2, 7, 15], list(range(1, 21)), [8, 1, 1, 30, 2, 2, 2, 5]],
)
def test_response_median_and_90th_percentile_match_a_plain_count(values):
    histogram = pd.Series(values).value_counts().rename_axis("response_minutes")
    histogram = histogram.reset_index(name="incidents")
    stats = summaries.response_stats(histogram)
    ordered = sorted(values)
    assert stats["median"] == statistics.median(values)
    assert stats["p90"] == ordered[-(-9 * len(values) // 10) - 1]  # nearest rank
    assert stats["incidents_timed"] == len(values)


def test_weekly_trend_is_hours_per_week_and_kind_in_catalog_order():
    # Monday 2 March and Sunday 8 March are one week; Monday 9 March starts the next.
    frame = pd.DataFrame({"day": [date(2026, 3, 2), date(2026, 3, 8), date(2026, 3, 9)],
                          "kind": ["admin", "classroom", "admin"], "entries": [1, 1, 2],
                          "minutes": [30, 90, 120]})  # fmt: skip
    trend = summaries.trend(frame, KINDS, date(2026, 2, 25), date(2026, 3, 10))
    assert list(trend.columns) == ["start", *KINDS]
    assert list(trend["start"]) == [date(2026, 2, 23), date(2026, 3, 2), date(2026, 3, 9)]
    assert trend.loc[1, "classroom"] == 1.5 and trend.loc[2, "admin"] == 2.0
    assert trend.loc[2, "classroom"] == 0 and trend.loc[0, "admin"] == 0


def test_an_officers_share_is_taken_over_all_their_hours_whatever_the_filter():
    # At the filtered school: 100 minutes in the building. Everywhere: 60 more off campus.
    here = pd.DataFrame({"officer_id": [7], "location": ["in_school"], "entries": [2],
                         "minutes": [100]})  # fmt: skip
    everywhere = pd.DataFrame({"officer_id": [7, 7, 8],
                               "location": ["in_school", "off_campus", "in_school"],
                               "entries": [3, 1, 1], "minutes": [140, 60, 50]})  # fmt: skip
    table = summaries.officer_table(here, OFFICERS, everywhere)
    assert list(table["officer"]) == ["Dana"]  # the filter decides who is listed
    assert table.loc[0, "minutes"] == 100 and table.loc[0, "all_minutes"] == 200
    assert table.loc[0, "share_in_around"] == pytest.approx(140 / 200)
    assert table.loc[0, "under_rule"]


def test_incident_types_are_named_and_ordered_by_count():
    frame = pd.DataFrame({"incident_type_id": [5, 6, None], "incidents": [2, 7, 1],
                          "arrests": [0, 3, 0]})  # fmt: skip
    labels = pd.DataFrame({"item_id": [5, 6], "label": ["Theft", "Assault / fight"]})
    table = summaries.incident_type_table(frame, labels)
    assert list(table["incident_type"]) == ["Assault / fight", "Theft", "Not recorded"]
