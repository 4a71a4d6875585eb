"""Every number on the dashboard equals an independent count over the ORM rows."""

import re
import statistics
from collections import Counter, defaultdict
from datetime import date, datetime

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sro_log.catalog import KINDS
from sro_log.models import Activity, PickListItem
from tests.county import END, IN_AROUND, START
from tests.fuzzing import examples
from tests.reports.pageparse import DashboardPage, number


def expected(
    db,
    *,
    date_from,
    date_to,
    statuses=("approved",),
    officer=None,
    school=None,
    district=None,
    kind=None,
):
    """The dashboard's numbers, counted in plain Python over every ORM row."""
    # The officers' work of the period, at any school and of any kind: their 75 % share.
    everywhere = [a for a in db.session.scalars(sa.select(Activity)).all()
                  if a.deleted_at is None and date_from <= a.occurred_on <= date_to
                  and a.status in statuses
                  and (officer is None or a.officer_id == officer)]  # fmt: skip
    rows = [a for a in everywhere
            if (school is None or a.school_id == school)
            and (district is None or (a.school is not None and a.school.district_id == district))
            and (kind is None or a.kind == kind)]  # fmt: skip
    minutes = sum(a.duration_minutes for a in rows)
    of = lambda k: [a for a in rows if a.kind == k]  # noqa: E731
    responses = [a.response_minutes for a in of("incident") if a.response_minutes is not None]
    listed = {a.officer_id for a in rows}
    theirs = [a for a in everywhere if a.officer_id in listed]
    in_around = sum(a.duration_minutes for a in theirs if a.location in IN_AROUND)
    all_theirs = sum(a.duration_minutes for a in theirs)
    numbers = {"tiles": {
        "hours": _half_up(minutes), "classroom_sessions": len(of("classroom")),
        "students_reached": sum(a.students_reached or 0 for a in of("classroom")),
        "mentoring_contacts": len(of("mentoring")),
        "students_mentored": sum(a.students_count or 0 for a in of("mentoring")),
        "incidents": len(of("incident")), "arrests": sum(a.arrests or 0 for a in of("incident")),
        "median_response": statistics.median(responses) if responses else None,
        "p90_response": sorted(responses)[-(-9 * len(responses) // 10) - 1] if responses else None,
        "share_in_around": round(100 * in_around / all_theirs) if all_theirs else None,
    }}  # fmt: skip
    by = lambda key: _group(rows, key)  # noqa: E731
    numbers["kinds"] = {KINDS[k][0]: (len(g), _h(g)) for k, g in by(lambda a: a.kind).items()}
    numbers["goals"] = Counter(g.title for a in rows for g in a.goals)
    numbers["schools"] = {
        (a_school.name if a_school else "No school (off campus)"): (
            len(g), _h(g), sum(a.kind == "classroom" for a in g),
            sum(a.students_reached or 0 for a in g if a.kind == "classroom"),
            sum(a.kind == "mentoring" for a in g), sum(a.kind == "incident" for a in g),
            sum(a.arrests or 0 for a in g if a.kind == "incident"))
        for a_school, g in by(lambda a: a.school).items()}  # fmt: skip

    def share(officer_id):
        work = [a for a in everywhere if a.officer_id == officer_id]
        return round(100 * sum(a.duration_minutes for a in work if a.location in IN_AROUND)
                     / sum(a.duration_minutes for a in work))  # fmt: skip

    numbers["officers"] = {o.full_name: (len(g), _h(g), share(o.id))
                           for o, g in by(lambda a: a.officer).items()}  # fmt: skip
    numbers["months"] = {
        m.strftime("%b %Y"): (len(g), _h(g))
        for m, g in by(lambda a: a.occurred_on.replace(day=1)).items()
    }
    numbers["incident_types"] = {
        t: (len(g), sum(a.arrests or 0 for a in g))
        for t, g in _group(of("incident"), lambda a: _label(db, a.incident_type_id)).items()
    }
    return numbers


def _group(rows, key):
    groups = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return groups


def _half_up(minutes: int) -> float:
    """Hours to one decimal, half up, from whole minutes (tenths of an hour are 6 minutes)."""
    return ((minutes + 3) // 6) / 10


def _h(rows):
    return _half_up(sum(a.duration_minutes for a in rows))


def _label(db, item_id):
    return db.session.get(PickListItem, item_id).label


def shown(page: DashboardPage) -> dict:
    """The same numbers, as read off the rendered page."""
    tiles = {name: number(text) for name, text in page.tiles.items() if name != "entries"}
    rows = page.rows
    return {
        "tiles": tiles,
        "kinds": {r[0]: (int(number(r[1])), number(r[2])) for r in rows("kinds") if number(r[1])},
        "goals": Counter({r[0]: int(number(r[1])) for r in rows("goals") if number(r[1])}),
        "schools": {r[0]: (int(number(r[2])), number(r[3]), *(int(number(c)) for c in r[4:]))
                    for r in rows("schools")},
        "officers": {r[0]: (int(number(r[1])), number(r[2]), int(number(r[3])))
                     for r in rows("officers")},
        "months": {r[0]: (int(number(r[1])), number(r[2])) for r in rows("months")
                   if number(r[1])},
        "incident_types": {r[0]: (int(number(r[1])), int(number(r[2])))
                           for r in rows("incident_types") if len(r) == 3},
    }  # fmt: skip


def compare(numbers, page):
    seen = shown(page)
    for tile, value in numbers["tiles"].items():
        assert seen["tiles"][tile] == (None if value is None else pytest.approx(value)), tile
    for table in ("kinds", "goals", "schools", "officers", "months", "incident_types"):
        assert seen[table] == numbers[table], table


def follow_drill_downs(client, page):
    """Each linked count leads to a list of exactly that many entries."""
    assert page.links
    for text, href in page.links:
        listing = client.get(href).get_data(as_text=True)
        found = re.search(r'data-testid="result-count">([\d,]+) entr', listing)
        assert found and int(found.group(1).replace(",", "")) == int(text.replace(",", "")), href


CASES = [
    ({}, {}),
    ({"status": "all"}, {"statuses": ("submitted", "approved")}),
    ({"district_id": "{d2}"}, {"district": "{d2}"}),
    (
        {"officer_id": "{o1}", "date_from": "2026-02-20", "date_to": "2026-03-10"},
        {"officer": "{o1}", "date_from": date(2026, 2, 20), "date_to": date(2026, 3, 10)},
    ),
    ({"school_id": "{s0}", "kind": "incident"}, {"school": "{s0}", "kind": "incident"}),
    # Each filter on its own, so that every section is seen under every filter: a kind other
    # than incidents leaves no incident, no response time and no incident type.
    ({"kind": "mentoring"}, {"kind": "mentoring"}),
    ({"kind": "classroom"}, {"kind": "classroom"}),
    ({"school_id": "{s3}"}, {"school": "{s3}"}),
    ({"officer_id": "{o2}"}, {"officer": "{o2}"}),
    ({"date_from": "2026-03-01", "date_to": "2026-03-31"},
     {"date_from": date(2026, 3, 1), "date_to": date(2026, 3, 31)}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "narrowing"),
    CASES,
    ids=["all", "with-submitted", "district", "officer-month-boundary", "school-incidents",
         "kind-mentoring", "kind-classroom", "school", "officer", "period"],
)  # fmt: skip
def test_every_dashboard_number_equals_an_independent_count(
    client, db, county, make_user, login, args, narrowing
):
    ids = {
        "d2": county["schools"][2].district_id,
        "o1": county["officers"][1].id,
        "s0": county["schools"][0].id,
        "s3": county["schools"][3].id,
        "o2": county["officers"][2].id,
    }
    fill = lambda v: int(v.format(**ids)) if isinstance(v, str) and "{" in v else v  # noqa: E731
    query = {
        "period": "custom",
        "date_from": START.isoformat(),
        "date_to": END.isoformat(),
        **{k: str(fill(v)) for k, v in args.items()},
    }
    login(make_user("supervisor"))

    page = DashboardPage(client.get("/dashboard/", query_string=query).get_data(as_text=True))

    bounds = {"date_from": START, "date_to": END}
    compare(expected(db, **{**bounds, **{k: fill(v) for k, v in narrowing.items()}}), page)
    follow_drill_downs(client, page)


def test_an_officers_dashboard_counts_only_their_own_entries(client, db, county, login):
    officer = county["officers"][2]
    login(officer)
    query = {
        "period": "custom",
        "date_from": START.isoformat(),
        "date_to": END.isoformat(),
        "officer_id": str(county["officers"][0].id),
    }  # ignored: it is their dashboard
    page = DashboardPage(client.get("/dashboard/", query_string=query).get_data(as_text=True))
    compare(expected(db, date_from=START, date_to=END, officer=officer.id), page)
    assert list(shown(page)["officers"]) == [officer.full_name]
    follow_drill_downs(client, page)


def count_statements(app, client, url) -> int:
    statements = []
    with app.app_context():
        engine = app.extensions["sqlalchemy"].engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    sa.event.listen(engine, "before_cursor_execute", listener)
    try:
        assert client.get(url).status_code == 200
    finally:
        sa.event.remove(engine, "before_cursor_execute", listener)
    return len(statements)


def test_the_dashboard_runs_the_same_few_statements_however_many_officers_and_schools(
    app, client, db, make_user, make_school, make_activity, login
):
    login(make_user("supervisor"))
    url = "/dashboard/?period=custom&date_from=2026-01-01&date_to=2026-06-30"
    make_activity(
        make_user("officer"),
        "incident",
        occurred_on=date(2026, 3, 2),
        status="approved",
        arrived_at=datetime(2026, 3, 10, 9, 5),
    )
    client.get(url)  # the session's first page writes its CSRF token to the session's row
    small = count_statements(app, client, url)
    for n in range(12):
        school = make_school(name=f"School {n}", district=f"District {n % 3}")
        officer = make_user("officer")
        for kind in KINDS:
            make_activity(
                officer,
                kind,
                school=school,
                status="approved",
                occurred_on=date(2026, 1 + n % 6, 1 + n),
            )
    large = count_statements(app, client, url)
    assert small == large <= 20


@pytest.mark.parametrize("name", ["hours-by-goal", "weekly-trend", "incidents-by-type"])
def test_each_chart_is_an_svg_image(client, county, make_user, login, name):
    login(make_user("supervisor"))
    response = client.get(
        f"/dashboard/chart/{name}.svg?period=custom&date_from=2026-01-26&date_to=2026-04-10"
    )
    assert response.mimetype == "image/svg+xml"
    assert response.get_data(as_text=True).lstrip().startswith("<?xml")


def test_an_unknown_chart_is_not_found(client, make_user, login):
    login(make_user("supervisor"))
    assert client.get("/dashboard/chart/pie.svg").status_code == 404


@pytest.mark.parametrize(
    ("role", "expected_status"),
    [("officer", 200), ("supervisor", 200), ("admin", 200), ("partner", 200)],
)
def test_who_may_open_the_dashboard(client, make_user, make_school, login, role,
                                    expected_status):  # fmt: skip
    district = make_school().district_id if role == "partner" else None
    login(make_user(role, district_id=district))
    assert client.get("/dashboard/").status_code == expected_status


def test_the_dashboard_defaults_to_the_current_school_year(client, make_user, login, freeze_now):
    from datetime import UTC

    freeze_now(datetime(2026, 11, 28, 15, 0, tzinfo=UTC))
    login(make_user("supervisor"))
    page = client.get("/dashboard/").get_data(as_text=True)
    assert "01 Jul 2026 – 28 Nov 2026" in page


def test_a_custom_range_without_dates_gets_a_message_and_the_default_period(supervisor_client):
    response = supervisor_client.get("/dashboard/?period=custom")
    assert response.status_code == 200
    assert "Enter the first day of the range." in response.get_data(as_text=True)


def test_a_bad_custom_range_gets_a_message_and_the_default_period(client, make_user, login):
    login(make_user("supervisor"))
    response = client.get("/dashboard/?period=custom&date_from=2026-05-01&date_to=2026-04-01")
    assert response.status_code == 200
    assert "must not be before" in response.get_data(as_text=True)


def test_the_one_pass_grouping_gives_the_same_frames_as_one_query_each(app, county):
    from sro_log.reports import query
    from sro_log.reports.filters import APPROVED, EntryFilter

    f = EntryFilter(date_from=START, date_to=END, statuses=APPROVED)
    separate = {
        "school_kind": query.by_school_kind(f), "officer_place": query.by_officer_place(f),
        "day_kind": query.by_day_kind(f),
        "incident_type": query.by_incident_type(f), "response": query.response_histogram(f),
        "goal_bits": query.by_goal_bits(f),
    }  # fmt: skip
    for name, frame in query.grouped(f).items():
        expected_rows = sorted(map(tuple, separate[name].astype(object).fillna(-1).to_numpy()))
        got_rows = sorted(map(tuple, frame.astype(object).fillna(-1).to_numpy()))
        assert got_rows == expected_rows, name
        assert list(frame.columns) == list(separate[name].columns), name


def test_each_chart_fetched_alone_is_the_chart_of_the_whole_dashboard(app, county):
    """The page, the report and the partner's page fetch each chart on its own (chart_svg runs
    only that chart's queries); it must be the very chart the whole dashboard draws."""
    from sro_log.reports.dashboard import CHARTS, REPORT_CHARTS, build_dashboard, chart_svg
    from sro_log.reports.filters import APPROVED, EntryFilter

    f = EntryFilter(date_from=START, date_to=END, statuses=APPROVED)
    whole = build_dashboard(f)
    for name, draw in {**CHARTS, **REPORT_CHARTS}.items():
        assert chart_svg(name, f) == draw(whole), name


@pytest.fixture
def supervisor_client(client, make_user, login):
    """A client signed in as a supervisor (fixtures run once for all of a test's examples)."""
    return login(make_user("supervisor"))


@settings(max_examples=examples(60), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(params=st.dictionaries(
    st.sampled_from(["period", "date_from", "date_to", "district_id", "school_id", "officer_id",
                     "kind", "status"]),
    st.one_of(st.text(st.characters(exclude_categories=("Cs",)), max_size=15),
              st.dates().map(date.isoformat), st.sampled_from(["custom", "all", "this_week"])),
    max_size=6))  # fmt: skip
def test_arbitrary_dashboard_filters_never_error(supervisor_client, params):
    assert supervisor_client.get("/dashboard/", query_string=params).status_code == 200
