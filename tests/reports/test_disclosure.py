"""The disclosure audit: every report the application publishes, read by the outside reader of
tests/reports/attacker.py, gives no withheld count away, on generated data and random scopes
(hypothesis), on the demo county, and across the windows a district partner can open."""

import itertools
from datetime import UTC, date, datetime, time, timedelta

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sro_log.catalog import KINDS, LOCATIONS
from sro_log.clock import today_local
from sro_log.exports.tidy import COVER_FIELDS, report_csv
from sro_log.grants.reporting import ReportScope, period_report
from sro_log.models import (
    ACTIVITY_CLASSES,
    Activity,
    District,
    PickListItem,
    ProgramGoal,
    ReportingPeriod,
    School,
    activity_goals,
)
from sro_log.reports import windows as windows_module
from sro_log.reports.reader import Reader
from sro_log.reports.windows import PartnerWindows, partner_windows
from tests.fuzzing import ON_POSTGRESQL, examples
from tests.reports.attacker import pinned_across, pinned_in, statistics_over_too_few

T = 10
COVER = dict.fromkeys((key for key, _ in COVER_FIELDS), "")
FIRST = date(2025, 7, 1)  # a school year, ended, with a quarterly and a COPS half-year grant
INCIDENT_TYPES = ("theft", "assault", "vandalism", "drugs", "threat")
ACTIONS = ("arrest", "citation", "juvenile_referral", "report_taken", "warning", "no_action")


@pytest.fixture
def world(db, make_school, make_user, make_grant):
    schools = [make_school(name="North High"), make_school(name="North Elementary"),
               make_school(name="River High", district="Riverbend C-4"),
               make_school(name="River Middle", district="Riverbend C-4")]  # fmt: skip
    officers = [make_user("officer", full_name=n) for n in ("Avery", "Blake", "Casey")]
    make_grant(starts_on=FIRST, ends_on=date(2026, 6, 30), cadence="quarterly")
    make_grant(starts_on=date(2025, 8, 1), ends_on=date(2026, 7, 31), cadence="cops_half_year",
               award_number="COPS-1", name="COPS")  # fmt: skip
    items: dict[str, list] = {}
    for item in db.session.scalars(sa.select(PickListItem).order_by(PickListItem.position)):
        items.setdefault(item.list_name, []).append(item)
    goals = db.session.scalars(sa.select(ProgramGoal).order_by(ProgramGoal.position)).all()
    return {"schools": schools, "officers": officers, "items": items, "goals": goals}


ENTRY = st.fixed_dictionaries({
    "kind": st.sampled_from(["mentoring", "mentoring", "incident", "incident", "incident",
                             "classroom", "patrol", "safety", "community", "training", "admin"]),
    "school": st.integers(0, 4),  # 4: no school, off campus
    "day": st.integers(0, 364),
    "officer": st.integers(0, 2),
    "status": st.sampled_from(["approved", "approved", "approved", "submitted"]),
    "goals": st.sets(st.integers(0, 3), max_size=3),
    "a": st.integers(0, 30),
    "b": st.integers(0, 30),
    "n": st.integers(1, 4),
    "minutes": st.sampled_from([15, 30, 45, 60, 90]),
})  # fmt: skip


def _details(kind: str, spec: dict, day: date, items: dict) -> dict:
    a, b, n = spec["a"], spec["b"], spec["n"]
    if kind == "classroom":
        return {"topic_id": items["topic"][a % 4].id, "students_reached": 5 + 7 * n}
    if kind == "mentoring":
        return {"students_count": n, "concern_id": items["concern"][0].id,
                "referral_id": items["referral"][a % 3].id,
                "follow_up_on": day + timedelta(days=7) if b % 2 else None}  # fmt: skip
    if kind == "incident":
        code = INCIDENT_TYPES[a % len(INCIDENT_TYPES)]
        reported = datetime.combine(day, time(9, 0))
        action = ACTIONS[b % len(ACTIONS)]
        return {"incident_type_id": next(i.id for i in items["incident_type"] if i.code == code),
                "reported_at": reported, "action": action, "students_involved": n + 1,
                "arrived_at": reported + timedelta(minutes=b) if a % 4 else None,
                "arrests": n if action == "arrest" else (1 if b % 7 == 0 else 0)}  # fmt: skip
    if kind == "safety":
        return {"safety_type_id": items["safety_type"][a % 9].id, "staff_trained": 3 * n}
    if kind == "community":
        return {"event_type_id": items["event_type"][a % 4].id, "attendees": 10 * n}
    return {}


def make_entries(db, world, specs: list[dict]) -> None:
    """The entries `specs` describe, in place of any there were."""
    db.session.execute(activity_goals.delete())
    db.session.execute(sa.delete(Activity))
    for spec in specs:
        kind = spec["kind"]
        day = FIRST + timedelta(days=spec["day"])
        school = world["schools"][spec["school"]] if spec["school"] < 4 else None
        where = "off_campus" if school is None else LOCATIONS[spec["b"] % 3][0]
        entry = ACTIVITY_CLASSES[kind](
            officer=world["officers"][spec["officer"]], school=school, occurred_on=day,
            location=where, duration_minutes=spec["minutes"], status=spec["status"],
            summary="generated", **_details(kind, spec, day, world["items"]))  # fmt: skip
        chosen = [world["goals"][i] for i in sorted(spec["goals"])]
        usual = [g for g in world["goals"] if g.code in KINDS[kind][1]]
        entry.goals = chosen or usual
        db.session.add(entry)
    db.session.commit()


def _csv(period, scope) -> bytes:
    report = period_report(period, scope, None, datetime.now(UTC))
    return report_csv(report, T)[0]


SCOPE = st.one_of(
    st.just(("all",)),
    st.tuples(st.just("district"), st.integers(0, 1)),
    st.tuples(st.just("schools"), st.sets(st.integers(0, 3), min_size=1, max_size=3)),
)


@settings(max_examples=examples(120), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])  # fmt: skip
@given(specs=st.lists(ENTRY, max_size=70), scope=SCOPE, submitted=st.booleans(),
       period=st.integers(0, 20))  # fmt: skip
def test_no_withheld_count_of_a_report_can_be_worked_out(db, world, specs, scope, submitted,
                                                         period):  # fmt: skip
    make_entries(db, world, specs)
    periods = db.session.scalars(sa.select(ReportingPeriod).order_by(ReportingPeriod.id)).all()
    chosen = periods[period % len(periods)]
    districts = db.session.scalars(sa.select(District.id).order_by(District.id)).all()
    if scope[0] == "district":
        report_scope = ReportScope(district_id=districts[scope[1]], include_submitted=submitted)
    elif scope[0] == "schools":
        ids = tuple(sorted(world["schools"][i].id for i in scope[1]))
        report_scope = ReportScope(school_ids=ids, include_submitted=submitted)
    else:
        report_scope = ReportScope(include_submitted=submitted)
    content = _csv(chosen, report_scope)
    assert pinned_in(content, T) == {}
    assert statistics_over_too_few(content, T) == []


def cover(window) -> dict:
    return {**COVER, "dates": f"{window.first:%-d %B %Y} to {window.last:%-d %B %Y}"}


def _partner_csvs(db, district_id: int) -> dict:
    windows = partner_windows(today_local())
    published = PartnerWindows(district_id, T, windows)
    return {w: report_csv(published.report(w, cover(w)), T)[0] for w in windows}


def _nested(windows):
    return [(inner, outer) for inner, outer in itertools.permutations(windows, 2)
            if outer.holds(inner)]  # fmt: skip


@settings(max_examples=4 if ON_POSTGRESQL else 10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])  # fmt: skip
@given(specs=st.lists(ENTRY, max_size=70), district=st.integers(0, 1))
def test_no_two_windows_a_partner_can_open_give_a_withheld_count_away(db, world, specs,
                                                                      district):  # fmt: skip
    make_entries(db, world, specs)
    district_id = db.session.scalars(sa.select(District.id).order_by(District.id)).all()[district]
    files = _partner_csvs(db, district_id)
    pairs = _nested(files)
    # With entries, the school year and its quarters (the COPS half-years overlap quarters
    # without holding them, so a partner is not offered them).
    assert len(pairs) >= (4 if specs else 0)
    for inner, outer in pairs:
        assert pinned_across(files[inner], files[outer], T) == {}, (inner.label, outer.label)
    for content in files.values():
        assert pinned_in(content, T) == {}


def test_the_pair_reader_catches_windows_decided_apart_and_the_partners_are_not(
    db, world, make_activity
):
    # 12 mentoring contacts at North High in the first quarter, 2 more later in the school
    # year: each window alone prints its count, and the two differ by 2.
    north = world["schools"][0]
    for day in [date(2025, 7, 10)] * 12 + [date(2026, 3, 3)] * 2:
        make_activity(world["officers"][0], "mentoring", school=north, occurred_on=day,
                      status="approved", students_count=1)  # fmt: skip
    windows = partner_windows(today_local())
    quarter = next(w for w in windows if (w.first, w.last) == (FIRST, date(2025, 9, 30)))
    year = next(w for w in windows if (w.first, w.last) == (FIRST, date(2026, 6, 30)))
    apart = {}
    for window in (quarter, year):  # each decided on its own, as a report is
        report = PartnerWindows(north.district_id, T, [window]).report(window, cover(window))
        apart[window] = report_csv(report, T)[0]
    assert pinned_across(apart[quarter], apart[year], T)  # 14 - 12 = 2 contacts given away
    together = _partner_csvs(db, north.district_id)
    assert pinned_across(together[quarter], together[year], T) == {}


def test_on_the_demo_county_no_report_gives_a_withheld_count_away(db, app):
    from sro_log.clock import agency_zone
    from sro_log.demo import seed_demo

    seed_demo(date(2026, 11, 27), 2026, "demo-password-2026", agency_zone())
    db.session.commit()
    periods = db.session.scalars(sa.select(ReportingPeriod)).all()
    districts = db.session.scalars(sa.select(District.id)).all()
    scopes = [
        ReportScope(),
        *(ReportScope(district_id=d) for d in districts),
        *(ReportScope(school_ids=(s,)) for s in db.session.scalars(sa.select(School.id))),
    ]
    checked = 0
    for period, scope in itertools.product(periods, scopes):
        content = _csv(period, scope)
        assert pinned_in(content, T) == {}, (period.label, scope)
        assert statistics_over_too_few(content, T) == [], (period.label, scope)
        checked += 1
    assert checked == 15 * 9
    for district in districts:
        files = _partner_csvs(db, district)
        for inner, outer in _nested(files):
            assert pinned_across(files[inner], files[outer], T) == {}, (inner.label, outer.label)


def test_a_reader_of_nothing_published_learns_nothing():
    assert Reader(T).pinned_among([]) == []


def test_a_windows_marks_are_kept_for_the_same_counts_and_decided_anew_for_new_ones(
    db, world, make_activity
):
    north = world["schools"][0]
    for day in [date(2025, 7, 10)] * 12 + [date(2026, 3, 3)] * 2:
        make_activity(world["officers"][0], "mentoring", school=north, occurred_on=day,
                      status="approved", students_count=1)  # fmt: skip
    windows = partner_windows(today_local())
    year = next(w for w in windows if w.value.startswith("school-year"))

    def marks():
        return PartnerWindows(north.district_id, T, windows).report(year).tables["summary"].marks

    first = marks()
    kept = len(windows_module._KEPT)
    assert marks() == first and len(windows_module._KEPT) == kept  # the same counts: kept
    windows_module._KEPT.clear()
    assert marks() == first  # decided again: the same marks
    make_activity(world["officers"][0], "mentoring", school=north, occurred_on=date(2026, 3, 4),
                  status="approved", students_count=1)  # fmt: skip
    kept = len(windows_module._KEPT)
    changed = marks()
    assert len(windows_module._KEPT) > kept  # 15 contacts now, not 14: decided anew
    windows_module._KEPT.clear()
    assert marks() == changed
