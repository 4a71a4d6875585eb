"""The outside reader of tests/reports/attacker.py catches each leak the disclosure issue found in
the reports as they were (each table suppressed on its own, statistics over two incidents, two
windows a partner could subtract), on hand-built CSVs printed the way those reports printed."""

import csv
import io

from tests.reports.attacker import (
    GLANCE,
    GOAL_KINDS,
    LOCATIONS,
    OUTCOMES,
    REFERRALS,
    SCHOOLS,
    TYPES,
    pinned_across,
    pinned_in,
    statistics_over_too_few,
)

T = 10
SCHOOL = "School=Northfield Elementary; District=Northfield R-VII"
TOTAL_SCHOOL = "School=Total; District="


def tidy(*cells) -> bytes:
    """A report CSV of (table, measure, dimensions, value or "<10"/"*", unit) cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["section", "table", "measure", "dimensions", "value", "unit", "suppressed",
                     "shown_as"])  # fmt: skip
    for table, measure, dims, value, *unit in cells:
        withheld = isinstance(value, str) and not value[0].isdigit()
        writer.writerow(["S", table, measure, dims, "" if withheld else value,
                         unit[0] if unit else "count", str(withheld).lower(),
                         value if withheld else ""])  # fmt: skip
    return ("\ufeff" + buffer.getvalue()).encode()


def test_a_withheld_total_printed_elsewhere_by_goal_and_by_response_is_pinned():
    # The summary withholds 2 incidents; the goal table prints them (every incident has a goal,
    # and Protect is the only goal with incidents), and so do the response times.
    leaky = tidy(
        (GLANCE, "Incidents", "", "<10"),
        (GOAL_KINDS, "Entries", "Goal=Protect; Kind of work=Incident", 2),
        (OUTCOMES, "Incidents with response times", "", 2),
        (TYPES, "Incidents", "Type=Theft", "<10"), (TYPES, "Incidents", "Type=Trespass", "<10"),
        (TYPES, "Incidents", "Type=Total", "<10"),
    )  # fmt: skip
    pinned = pinned_in(leaky, T)
    assert pinned[(GLANCE, "Incidents", "")] == 2
    assert pinned[(TYPES, "Incidents", "Type=Theft")] == 1  # and the rows follow exactly


def test_mentoring_contacts_withheld_in_the_summary_but_printed_in_the_goal_table_are_pinned():
    leaky = tidy(
        (GLANCE, "Mentoring contacts", "", "<10"),
        (GOAL_KINDS, "Entries", "Goal=Connect; Kind of work=Mentoring contact", 8),
        (REFERRALS, "Contacts", "Referred to=None", "<10"),
        (REFERRALS, "Contacts", "Referred to=Total", "<10"),
    )  # fmt: skip
    assert pinned_in(leaky, T)[(GLANCE, "Mentoring contacts", "")] == 8


def test_a_table_suppressed_on_its_own_is_undone_by_the_same_total_in_another():
    # By type, the total is withheld with its rows; by location, the same 28 incidents are
    # printed whole.
    leaky = tidy(
        (TYPES, "Incidents", "Type=Theft", "<10"), (TYPES, "Incidents", "Type=Assault", "*"),
        (TYPES, "Incidents", "Type=Total", "*"),
        (LOCATIONS, "Incidents", "Location=In the school building", 28),
        (LOCATIONS, "Incidents", "Location=Total", 28),
    )  # fmt: skip
    assert pinned_in(leaky, T) == {(TYPES, "Incidents", "Type=Total"): 28}
    # With the total withheld by location too, nothing follows.
    safe = tidy(
        (TYPES, "Incidents", "Type=Theft", "<10"), (TYPES, "Incidents", "Type=Assault", "*"),
        (TYPES, "Incidents", "Type=Total", "*"),
        (LOCATIONS, "Incidents", "Location=In the school building", "*"),
        (LOCATIONS, "Incidents", "Location=Total", "*"),
    )  # fmt: skip
    assert pinned_in(safe, T) == {}


def test_a_small_count_that_is_a_total_less_the_rows_printed_is_pinned():
    leaky = tidy(
        (SCHOOLS, "Incidents", SCHOOL, "<10"),
        (SCHOOLS, "Incidents", "School=Northfield High; District=Northfield R-VII", 30),
        (SCHOOLS, "Incidents", TOTAL_SCHOOL, 33),
    )  # fmt: skip
    assert pinned_in(leaky, T) == {(SCHOOLS, "Incidents", SCHOOL): 3}


def test_statistics_over_two_incidents_are_caught():
    leaky = tidy(
        (OUTCOMES, "Incidents with response times", "", 2),
        (OUTCOMES, "Median response (minutes)", "", 3, "minutes"),
        (OUTCOMES, "90th-percentile response (minutes)", "", 3, "minutes"),
    )
    assert statistics_over_too_few(leaky, T) == [
        "Median response (minutes)", "90th-percentile response (minutes)"]  # fmt: skip
    withheld = tidy(
        (OUTCOMES, "Incidents with response times", "", "<10"),
        (OUTCOMES, "Median response (minutes)", "", "n<10", "minutes"),
    )
    assert statistics_over_too_few(withheld, T) == []


def test_two_windows_a_partner_could_subtract_are_caught():
    # A school's mentoring, in a window and in one a day longer: 2 contacts between them.
    inner = tidy((GLANCE, "Mentoring contacts", "", 14), (GLANCE, "Students mentored", "", 30))
    outer = tidy((GLANCE, "Mentoring contacts", "", 16), (GLANCE, "Students mentored", "", 34))
    assert pinned_across(inner, outer, T) == {
        f"left over: {(GLANCE, 'Mentoring contacts', '')}": 2,
        f"left over: {(GLANCE, 'Students mentored', '')}": 4,
    }
    # Withheld in the larger window, the two contacts can no longer be worked out.
    withheld = tidy((GLANCE, "Mentoring contacts", "", "*"), (GLANCE, "Students mentored", "", "*"))
    assert pinned_across(inner, withheld, T) == {}


def test_a_withheld_count_of_the_smaller_window_pinned_by_the_larger_is_caught():
    # On its own, the smaller window's school has 1 to 9 incidents (the other school at least
    # 10 of the 40); the larger window prints that other school's 31, so it had at most 31 in
    # the smaller one, and the first school at least 9.
    other = "School=B; District=N"
    inner = tidy((SCHOOLS, "Incidents", SCHOOL, "<10"), (SCHOOLS, "Incidents", other, "*"),
                 (SCHOOLS, "Incidents", TOTAL_SCHOOL, 40))  # fmt: skip
    assert pinned_in(inner, T) == {}
    outer = tidy((SCHOOLS, "Incidents", SCHOOL, "*"), (SCHOOLS, "Incidents", other, 31),
                 (SCHOOLS, "Incidents", TOTAL_SCHOOL, "*"))  # fmt: skip
    found = pinned_across(inner, outer, T)
    assert found[f"inner: {(SCHOOLS, 'Incidents', SCHOOL)}"] == 9
