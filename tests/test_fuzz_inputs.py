"""Every form and every query-string filter, fed arbitrary input (200 examples each): never a
5xx, and input that is refused writes no row. (The activity forms, the grant form and the user
form have their own such tests beside their pages.)"""

from datetime import date

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sro_log.grants.services import create_grant
from sro_log.models import ProgramGoal
from tests.fuzzing import examples

values = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
    st.integers(-10**6, 10**6).map(str),
    st.dates().map(date.isoformat),
    st.sampled_from(["", " ", "0", "-1", "1", "all", "approved", "custom", "period-1",
                     "2026-02-30", "x" * 300, "=1+1", "\x00", "None", "🙂"]),
)  # fmt: skip

# name: (role, method, url, fields); {entry}, {period} and {grant} are filled in.
TARGETS = {
    "sign-in": (None, "POST", "/auth/login", ["username", "password", "next"]),
    "password change": ("officer", "POST", "/auth/password",
                        ["current_password", "new_password", "confirm"]),
    "second-factor enrolment": ("officer", "POST", "/auth/mfa", ["code"]),
    "second-factor removal": ("officer", "POST", "/auth/mfa/remove", ["current_password"]),
    "API token": ("officer", "POST", "/auth/tokens", ["name", "days"]),
    "return an entry": ("supervisor", "POST", "/review/{entry}/return", ["comment", "version"]),
    "approve an entry": ("supervisor", "POST", "/review/{entry}/approve", ["version"]),
    "approve many": ("supervisor", "POST", "/review/approve", ["entry"]),
    "narrative": ("supervisor", "POST", "/grants/periods/{period}/narrative",
                  ["narrative", "version"]),
    "period by hand": ("supervisor", "POST", "/grants/{grant}/periods",
                       ["label", "starts_on", "ends_on", "due_on"]),
    "add a district": ("admin", "POST", "/admin/schools", ["district-name"]),
    "add a school": ("admin", "POST", "/admin/schools",
                     ["school-name", "school-district_id", "school-level"]),
    "assignment": ("admin", "POST", "/admin/assignments",
                   ["officer_id", "school_id", "starts_on", "ends_on"]),
    "program goal": ("admin", "POST", "/admin/goals/{goal}", ["title", "description", "position"]),
    "pick-list item": ("admin", "POST", "/admin/pick-lists/topic", ["label", "position"]),
    "officer's entry list": ("officer", "GET", "/activities/list",
                             ["date_from", "date_to", "kind", "school_id", "status", "page"]),
    "officer's week": ("officer", "GET", "/activities/", ["week"]),
    "review queue": ("supervisor", "GET", "/review/",
                     ["date_from", "date_to", "officer_id", "school_id", "kind", "page"]),
    "all entries": ("supervisor", "GET", "/review/entries",
                    ["date_from", "date_to", "officer_id", "school_id", "kind", "status",
                     "district_id", "goal_id", "incident_type_id", "statuses", "page"]),
    "all entries CSV": ("supervisor", "GET", "/review/entries.csv",
                        ["date_from", "date_to", "officer_id", "statuses", "district_id"]),
    "dashboard": ("supervisor", "GET", "/dashboard/",
                  ["period", "date_from", "date_to", "district_id", "school_id", "officer_id",
                   "kind", "status"]),
    "partner dashboard": ("partner", "GET", "/dashboard/",
                          ["period", "date_from", "date_to", "school_id", "district_id"]),
    "report options": ("supervisor", "GET", "/grants/periods/{period}/report",
                       ["district_id", "school_ids", "status"]),
    "report export": ("supervisor", "GET", "/grants/periods/{period}/report.csv",
                      ["district_id", "school_ids", "status"]),
    "audit filters": ("admin", "GET", "/admin/audit",
                      ["actor_id", "action", "object_type", "object_id", "date_from",
                       "date_to", "page"]),
}  # fmt: skip
FIXED = {"add a district": {"add": "district"}, "add a school": {"add": "school"}}
# Reading these is itself audited (or a failed sign-in is, or a wrong current password): only
# the audit table may grow.
AUDITED = {"sign-in", "all entries CSV", "report export", "audit filters", "approve many",
           "second-factor enrolment", "password change"}  # fmt: skip


@pytest.fixture
def scene(db, make_user, make_school, make_activity):
    school = make_school()
    users = {"officer": make_user("officer"), "supervisor": make_user("supervisor"),
             "admin": make_user("admin"),
             "partner": make_user("partner", district_id=school.district_id)}  # fmt: skip
    entry = make_activity(users["officer"], "patrol", school=school, status="submitted")
    grant = create_grant({"name": "G", "funder": "F", "award_number": "A-1",
                          "starts_on": date(2026, 1, 1), "ends_on": date(2026, 12, 31),
                          "cadence": "quarterly", "due_days": 30}, actor=None)  # fmt: skip
    db.session.commit()
    goal = db.session.scalar(sa.select(ProgramGoal.id).limit(1))
    return users, {"entry": entry.id, "period": grant.periods[0].id, "grant": grant.id,
                   "goal": goal}  # fmt: skip


def row_counts(db, audited: bool) -> dict:
    """Rows per table, in one statement (it runs twice per example, thousands of times). The
    sessions are left out: they come and go with signing in and out (and a lockout ends them)."""
    counts = sa.union_all(*(
        sa.select(sa.literal(t.name).label("name"), sa.func.count().label("n")).select_from(t)
        for t in db.metadata.sorted_tables
        if not (audited and t.name == "audit_events") and t.name != "user_sessions"
    ))  # fmt: skip
    return dict(db.session.execute(counts).all())


@pytest.mark.parametrize("name", TARGETS)
@settings(
    max_examples=examples(200),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_arbitrary_input_never_fails_and_refused_input_writes_nothing(
    app, client, db, scene, login, monkeypatch, name, data
):
    role, method, url, fields = TARGETS[name]
    # Past the per-address limit every sign-in is a 429; lift it so each example is judged.
    monkeypatch.setitem(app.config, "SRO_LOG_LOGIN_RATE_LIMIT", "100000 per minute")
    users, ids = scene
    if role is not None:
        login(users[role])
    sent = data.draw(st.dictionaries(st.sampled_from(fields), values, max_size=len(fields)))
    sent |= FIXED.get(name, {})
    before = row_counts(db, name in AUDITED)

    path = url.format(**ids)
    response = (client.get(path, query_string=sent) if method == "GET"
                else client.post(path, data=sent))  # fmt: skip

    assert response.status_code < 500, (name, sent)
    db.session.expire_all()
    refused = response.status_code in (400, 409, 422) or method == "GET"
    if refused:
        assert row_counts(db, name in AUDITED) == before, (name, sent)


@pytest.mark.parametrize("number", ["²", "٣", "1²", "-1", "1e3", " 7", "9999999999"])
def test_numbers_that_python_calls_digits_are_refused_not_crashed_on(client, db, scene, login,
                                                                     number):  # fmt: skip
    users, ids = scene
    login(users["supervisor"])
    response = client.post(f"/grants/periods/{ids['period']}/narrative",
                           data={"narrative": "x", "version": number})  # fmt: skip
    assert response.status_code < 500
    with client.session_transaction() as session:
        session["_user_id"] = f"{number}.{number}"
    assert client.get("/dashboard/").status_code == 302  # an odd cookie is a signed-out visitor
