"""Days not logged, against an independent count: generated calendars, assignments and entries,
with a holiday, a break across a month boundary and an officer who joined mid-period."""

import random
from datetime import date, timedelta

import pytest

from sro_log.models import Assignment, CalendarSpan
from sro_log.reports.missing_days import days_not_logged

FIRST, LAST = date(2026, 1, 5), date(2026, 3, 27)


def expected_by_hand(world, first, last, min_minutes):
    """The answer counted day by day, officer by officer, from the rows as written: a day is a
    school day for an officer when it is Monday to Friday, one of their assignments covers it,
    and that school's district has a school year over it and no closure."""
    answer = {}
    for officer in world["officers"]:
        missing, short, days = [], [], 0
        day = first
        while day <= last:
            district = None
            for a_officer, a_district, a_start, a_end in world["assignments"]:
                if a_officer == officer and a_start <= day and (a_end is None or day <= a_end):
                    district = a_district if _open(world["spans"], a_district, day) else district
            if district is not None and day.isoweekday() <= 5:
                days += 1
                minutes = sum(m for o, d, m in world["entries"] if o == officer and d == day)
                if minutes == 0:
                    missing.append(day)
                elif minutes < min_minutes:
                    short.append((day, minutes))
            day += timedelta(days=1)
        if days:
            answer[officer] = (days, missing, short)
    return answer


def _open(spans, district, day):
    years = [s for s in spans if s[0] == district and s[1] == "year"]
    closures = [s for s in spans if s[0] == district and s[1] == "closure"]
    in_year = any(start <= day <= end for _, _, start, end in years)
    return in_year and not any(start <= day <= end for _, _, start, end in closures)


def build(db, make_user, make_school, make_activity, seed):
    rng = random.Random(seed)
    north = make_school(name="North High", district="North")
    south = make_school(name="South High", district="South")
    spans = [
        (north.district_id, "year", date(2025, 8, 18), date(2026, 5, 22)),
        (north.district_id, "closure", date(2026, 1, 19), date(2026, 1, 19)),  # a holiday
        (north.district_id, "closure", date(2026, 2, 26), date(2026, 3, 6)),  # across Feb/Mar
        (south.district_id, "year", date(2025, 8, 25), date(2026, 3, 13)),  # ends mid-period
        (south.district_id, "closure", date(2026, 3, 9), date(2026, 3, 10)),
    ]
    for district_id, kind, start, end in spans:
        db.session.add(CalendarSpan(district_id=district_id, kind=kind, label=f"{kind} {start}",
                                    starts_on=start, ends_on=end))  # fmt: skip
    officers = [make_user("officer", full_name=f"Dep. {name}") for name in "ABCD"]
    assignments = [
        (officers[0].id, north, date(2025, 8, 1), None),
        (officers[1].id, south, date(2025, 8, 1), None),
        (officers[2].id, north, date(2026, 2, 11), None),  # joined mid-period
        (officers[3].id, north, date(2025, 8, 1), date(2026, 1, 30)),  # moved school
        (officers[3].id, south, date(2026, 2, 2), None),
    ]
    for officer_id, school, start, end in assignments:
        db.session.add(Assignment(officer_id=officer_id, school=school, starts_on=start,
                                  ends_on=end))  # fmt: skip
    db.session.commit()
    entries = []
    day = FIRST - timedelta(days=3)
    while day <= LAST + timedelta(days=3):
        for officer in officers:
            if rng.random() < 0.7:
                for _ in range(rng.choice((1, 1, 2))):
                    minutes = rng.choice((30, 60, 90, 240))
                    status = rng.choice(("draft", "submitted", "approved", "returned"))
                    entry = make_activity(officer, "admin", occurred_on=day, status=status,
                                          duration_minutes=minutes, school=north)  # fmt: skip
                    if rng.random() < 0.05:  # a deleted entry logs nothing
                        entry.deleted_at = entry.created_at
                        db.session.commit()
                    else:
                        entries.append((officer.id, day, minutes))
        day += timedelta(days=1)
    return {
        "officers": [o.id for o in officers],
        "names": {o.id: o.full_name for o in officers},
        "assignments": [(o, s.district_id, a, e) for o, s, a, e in assignments],
        "spans": spans,
        "entries": entries,
    }


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("min_hours", [0, 2, 4])
def test_days_not_logged_equals_a_count_by_hand(
    db, make_user, make_school, make_activity, seed, min_hours
):
    world = build(db, make_user, make_school, make_activity, seed)

    found = days_not_logged(FIRST, LAST, min_hours * 60)

    by_hand = expected_by_hand(world, FIRST, LAST, min_hours * 60)
    assert {r.officer_id: (r.school_days, r.not_logged, r.short) for r in found} == by_hand
    assert [r.officer for r in found] == sorted(world["names"][o] for o in by_hand)
    joined = next(r for r in found if r.officer == "Dep. C")
    assert min(joined.not_logged + [d for d, _ in joined.short], default=date(2026, 2, 11)) >= (
        date(2026, 2, 11)
    )


def test_the_holiday_and_the_break_across_a_month_are_not_school_days(
    db, make_user, make_school, make_activity
):
    world = build(db, make_user, make_school, make_activity, seed=3)
    found = {r.officer: r for r in days_not_logged(FIRST, LAST)}
    north_days = found["Dep. A"].school_days
    weekdays = sum(
        1 for i in range((LAST - FIRST).days + 1) if (FIRST + timedelta(i)).weekday() < 5
    )
    assert north_days == weekdays - 1 - 7  # the holiday, and the break's 7 weekdays
    closed = {date(2026, 1, 19), date(2026, 2, 27), date(2026, 3, 2)}
    assert not closed & set(found["Dep. A"].not_logged)
    assert world["entries"]  # the world holds entries at all
