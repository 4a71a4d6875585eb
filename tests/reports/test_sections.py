"""The grant report's pure pandas sections and the cells every renderer prints."""

import pandas as pd
import pytest

from sro_log.reports import sections
from sro_log.reports.disclosure import PRIMARY, SECONDARY
from sro_log.reports.tables import Measure, Table, format_value

KINDS = {"classroom": "Classroom", "mentoring": "Mentoring", "patrol": "Patrol"}


def test_a_category_table_lists_every_category_in_order_then_unknowns_then_the_total():
    grouped = pd.DataFrame({"key": [2, None, 1], "entries": [5, 2, 3], "arrests": [1, 0, 0]})
    categories = [(1, "Theft", "theft"), (2, "Assault", "assault"), (3, "Weapon", "weapon")]
    table = sections.category_table(grouped, categories, ["entries", "arrests"])
    assert table.values.tolist() == [
        ["Theft", "theft", 3, 0], ["Assault", "assault", 5, 1], ["Weapon", "weapon", 0, 0],
        ["Not recorded", "", 2, 0], ["Total", "", 10, 1],
    ]  # fmt: skip


def test_a_category_table_of_an_empty_period_is_zeros_and_a_zero_total():
    empty = pd.DataFrame(columns=["key", "entries"])
    table = sections.category_table(empty, [(1, "Fire drill", "fire_drill")], ["entries"])
    assert table.values.tolist() == [["Fire drill", "fire_drill", 0], ["Total", "", 0]]


def test_an_entry_tagged_with_two_goals_counts_toward_both_in_the_goal_kind_table():
    goals = pd.DataFrame(
        {
            "goal_id": [1, 2],
            "code": ["connect", "educate"],
            "goal": ["Connect", "Educate"],
            "position": [1, 2],
            "bit": [0, 1],
        }
    )
    grouped = pd.DataFrame({"goal_bits": [0b11, 0b01], "kind": ["classroom", "patrol"],
                            "entries": [4, 2], "minutes": [240, 60]})  # fmt: skip
    table = sections.goal_kind_table(grouped, goals, KINDS)
    assert table.values.tolist() == [
        ["Connect", "Classroom", "classroom", 4, 4.0], ["Connect", "Patrol", "patrol", 2, 1.0],
        ["Educate", "Classroom", "classroom", 4, 4.0],
    ]  # fmt: skip


def test_officer_hours_by_kind_have_totals_both_ways_from_minutes():
    grouped = pd.DataFrame({"officer_id": [1, 1, 2], "kind": ["classroom", "patrol", "patrol"],
                            "entries": [1, 1, 1], "minutes": [50, 50, 10]})  # fmt: skip
    officers = pd.DataFrame({"officer_id": [1, 2], "officer": ["Blake", "Avery"]})
    table = sections.officer_kind_hours(grouped, officers, KINDS)
    # Exact hours in the table; printed to one decimal, half up, by every renderer.
    printed = [[row[0], *(format_value(v, "hours") for v in row[1:])]
               for row in table.values.tolist()]  # fmt: skip
    assert printed == [
        ["Avery", "0.0", "0.0", "0.2", "0.2"],
        ["Blake", "0.8", "0.0", "0.8", "1.7"],
        ["Total", "0.8", "0.0", "1.0", "1.8"],
    ]


def test_a_total_row_of_hours_is_taken_from_minutes_not_rounded_hours():
    table = pd.DataFrame({"name": ["a", "b", "c"], "minutes": [20, 20, 20],
                          "hours": [0.3, 0.3, 0.3]})  # fmt: skip
    assert sections.with_total_row(table, "name", ["hours"]).iloc[-1]["hours"] == 1.0


def test_safety_work_is_counted_from_the_safety_types():
    items = pd.DataFrame(
        {
            "item_id": [1, 2, 3, 4],
            "code": ["fire_drill", "lockdown_drill", "security_check", "threat_assessment"],
            "label": ["", "", "", ""],
        }
    )
    grouped = pd.DataFrame({"key": [1, 2, 3, 4, None], "entries": [2, 3, 4, 1, 9],
                            "staff_trained": [0, 0, 0, 0, 40]})  # fmt: skip
    assert sections.safety_summary(grouped, items) == {
        "drills": 5,
        "security_checks": 4,
        "threat_assessments": 1,
        "staff_trained": 40,
    }


def _table(values, private=True):
    frame = pd.DataFrame({"school": ["A", "B", "C", "Total"], "n": values})
    table = Table("t", "S", "T", [("school", "School")], [Measure("n", "N", private=private)],
                  frame, total_row=True)  # fmt: skip
    table.marks = {("t", ("A",), "n"): PRIMARY, ("t", ("B",), "n"): SECONDARY}
    return table


def test_a_tables_cells_print_their_marks_and_keep_the_exact_number():
    rows = _table([3, 25, 40, 68]).rows(10)
    assert [cells[0].text for _, cells in rows] == ["<10", "*", "40", "68"]
    assert rows[0][1][0].value == 3  # the exact number stays with the cell


def test_exact_cells_print_every_number_but_keep_their_marks():
    rows = _table([3, 25, 40, 68]).rows(10, exact=True)
    assert [(c.text, c.mark) for _, (c,) in rows] == [
        ("3", "primary"),
        ("25", "secondary"),
        ("40", None),
        ("68", None),
    ]


def test_a_tables_counts_carry_their_keys_and_privacy():
    counts = list(_table([3, 25, 40, 68]).counts())
    assert counts[0] == (("t", ("A",), "n"), 3, True)
    assert [private for _, _, private in _table([1, 2, 3, 6], private=False).counts()] == [
        False] * 4  # fmt: skip


@pytest.mark.parametrize(("minutes", "printed"), [(16395, "273.3"), (16389, "273.2"),
                                                  (9, "0.2"), (3, "0.1"), (2, "0.0"),
                                                  (63, "1.1"), (57, "1.0"), (0, "0.0"),
                                                  (6_000_003, "100,000.1")])  # fmt: skip
def test_hours_print_to_one_decimal_rounded_half_up(minutes, printed):
    assert format_value(minutes / 60, "hours") == printed
