"""Reporting periods generated for each cadence, clipped to the grant's dates."""

from datetime import date

import pytest

from sro_log.grants.cadence import generate_periods


def _spans(periods):
    return [(p.label, p.starts_on.isoformat(), p.ends_on.isoformat()) for p in periods]


def test_calendar_quarters_cover_a_whole_year_grant():
    periods = generate_periods("quarterly", date(2026, 1, 1), date(2026, 12, 31), due_days=30)
    assert _spans(periods) == [
        ("Q1 2026", "2026-01-01", "2026-03-31"),
        ("Q2 2026", "2026-04-01", "2026-06-30"),
        ("Q3 2026", "2026-07-01", "2026-09-30"),
        ("Q4 2026", "2026-10-01", "2026-12-31"),
    ]
    assert [p.due_on for p in periods] == [
        date(2026, 4, 30), date(2026, 7, 30), date(2026, 10, 30), date(2027, 1, 30)
    ]  # fmt: skip


def test_a_grant_starting_mid_quarter_gets_a_short_first_and_last_period():
    periods = generate_periods("quarterly", date(2025, 11, 15), date(2026, 5, 10), due_days=15)
    assert _spans(periods) == [
        ("Q4 2025", "2025-11-15", "2025-12-31"),
        ("Q1 2026", "2026-01-01", "2026-03-31"),
        ("Q2 2026", "2026-04-01", "2026-05-10"),
    ]
    assert periods[-1].due_on == date(2026, 5, 25)


def test_cops_half_years_run_february_to_july_and_august_to_january():
    periods = generate_periods("cops_half_year", date(2025, 10, 1), date(2027, 1, 31), due_days=30)
    assert _spans(periods) == [
        ("Aug 2025–Jan 2026", "2025-10-01", "2026-01-31"),
        ("Feb–Jul 2026", "2026-02-01", "2026-07-31"),
        ("Aug 2026–Jan 2027", "2026-08-01", "2027-01-31"),
    ]


def test_a_cops_grant_starting_in_january_belongs_to_the_previous_august_window():
    periods = generate_periods("cops_half_year", date(2026, 1, 10), date(2026, 3, 1), due_days=0)
    assert _spans(periods) == [
        ("Aug 2025–Jan 2026", "2026-01-10", "2026-01-31"),
        ("Feb–Jul 2026", "2026-02-01", "2026-03-01"),
    ]


def test_school_years_run_july_to_june():
    periods = generate_periods("school_year", date(2024, 7, 1), date(2026, 6, 30), due_days=45)
    assert _spans(periods) == [
        ("School year 2024–25", "2024-07-01", "2025-06-30"),
        ("School year 2025–26", "2025-07-01", "2026-06-30"),
    ]
    assert periods[0].due_on == date(2025, 8, 14)


def test_a_one_day_grant_has_one_period_and_reversed_dates_have_none():
    assert len(generate_periods("quarterly", date(2026, 3, 31), date(2026, 3, 31), 30)) == 1
    assert generate_periods("quarterly", date(2026, 4, 1), date(2026, 3, 31), 30) == []


def test_manual_cadence_generates_nothing_automatically():
    with pytest.raises(ValueError):
        generate_periods("manual", date(2026, 1, 1), date(2026, 12, 31), 30)
