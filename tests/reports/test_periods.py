"""The dashboard's period presets."""

from datetime import date

import pytest

from sro_log.dashboard.periods import preset_range
from sro_log.dates import school_year_start


@pytest.mark.parametrize(("preset", "today", "expected"), [
    ("this_week", date(2026, 11, 27), (date(2026, 11, 23), date(2026, 11, 27))),
    ("this_week", date(2026, 11, 23), (date(2026, 11, 23), date(2026, 11, 23))),
    ("this_month", date(2026, 11, 27), (date(2026, 11, 1), date(2026, 11, 27))),
    ("this_quarter", date(2026, 11, 27), (date(2026, 10, 1), date(2026, 11, 27))),
    ("this_quarter", date(2026, 3, 31), (date(2026, 1, 1), date(2026, 3, 31))),
    ("this_school_year", date(2026, 11, 27), (date(2026, 7, 1), date(2026, 11, 27))),
    ("this_school_year", date(2026, 6, 30), (date(2025, 7, 1), date(2026, 6, 30))),
    ("last_school_year", date(2026, 11, 27), (date(2025, 7, 1), date(2026, 6, 30))),
    ("last_school_year", date(2026, 7, 1), (date(2025, 7, 1), date(2026, 6, 30))),
])  # fmt: skip
def test_each_preset_covers_the_expected_days(preset, today, expected):
    assert preset_range(preset, today) == expected


def test_school_years_run_from_july_to_june():
    assert school_year_start(date(2026, 6, 30)) == date(2025, 7, 1)
    assert school_year_start(date(2026, 7, 1)) == date(2026, 7, 1)
