"""Every route of the app, for every kind of visitor: the expected status of each cell.

A route added without a row here fails `test_every_route_has_a_row_in_the_matrix`.
"""

from datetime import UTC, date, datetime

import pytest

from sro_log.grants.services import create_grant
from sro_log.models import ApiToken, Assignment, CalendarSpan, PickListItem, ProgramGoal

ROLES = ("anonymous", "officer", "other_officer", "supervisor", "admin", "partner",
         "other_partner", "deactivated")  # fmt: skip
NOT_ROUTES = {"static", "bootstrap.static"}  # files, open to all
LOGIN = "login"  # a redirect to the sign-in page
SIGNED_OUT = {"anonymous": LOGIN, "deactivated": LOGIN}


def row(allowed: dict, others: int = 403) -> dict:
    """Statuses by role: anyone signed out is sent to sign in; roles not named get `others`."""
    return {role: allowed.get(role, SIGNED_OUT.get(role, others)) for role in ROLES}


def api_row(allowed: dict, others: int = 403) -> dict:
    """An API route: anyone signed out gets 401 (an API never redirects to a page)."""
    return {role: allowed.get(role, 401 if role in SIGNED_OUT else others) for role in ROLES}


OFFICERS = {"officer": 200, "other_officer": 200}
STAFF = {"supervisor": 200, "admin": 200}
PARTNERS = {"partner": 200, "other_partner": 200}
EVERYONE = {**OFFICERS, **STAFF, **PARTNERS}

MATRIX = {
    ("GET", "main.index", "/"): row({**dict.fromkeys(EVERYONE, 302), "admin": 200}),
    # The phone's offline layer: the manifest and the service worker hold nothing of anyone's.
    ("GET", "offline.manifest", "/manifest.webmanifest"): dict.fromkeys(ROLES, 200),
    ("GET", "offline.service_worker", "/sw.js"): dict.fromkeys(ROLES, 200),
    ("GET", "auth.login", "/auth/login"): {
        **dict.fromkeys(EVERYONE, 302), "anonymous": 200, "deactivated": 200},
    ("POST", "auth.login", "/auth/login"): {
        **dict.fromkeys(EVERYONE, 302), "anonymous": 200, "deactivated": 200},
    ("POST", "auth.logout", "/auth/logout"): row(dict.fromkeys(EVERYONE, 302)),
    ("POST", "auth.sign_out_everywhere", "/auth/sign-out-everywhere"):
        row(dict.fromkeys(EVERYONE, 302)),
    ("GET", "auth.change_password", "/auth/password"): row(EVERYONE),
    ("POST", "auth.change_password", "/auth/password"): row(dict.fromkeys(EVERYONE, 422)),
    # Without a password step just passed, the second-factor page sends everyone to sign in.
    ("GET", "auth.second_factor", "/auth/second-factor"): dict.fromkeys(ROLES, LOGIN),
    ("POST", "auth.second_factor", "/auth/second-factor"): dict.fromkeys(ROLES, LOGIN),
    ("GET", "auth.mfa_settings", "/auth/mfa"): row(EVERYONE),
    ("POST", "auth.mfa_settings", "/auth/mfa"): row(dict.fromkeys(EVERYONE, 422)),
    ("POST", "auth.mfa_remove", "/auth/mfa/remove"): row(dict.fromkeys(EVERYONE, 302)),
    ("GET", "activities.home", "/activities/"): row(OFFICERS),
    ("GET", "activities.index", "/activities/list"): row(OFFICERS),
    ("GET", "activities.new", "/activities/new/classroom"): row(OFFICERS),
    ("POST", "activities.new", "/activities/new/classroom"):
        row({"officer": 422, "other_officer": 422}),
    ("GET", "activities.detail", "/activities/{entry}"): row({"officer": 200, **STAFF}),
    ("GET", "activities.edit", "/activities/{entry}/edit"): row({"officer": 200}),
    ("POST", "activities.edit", "/activities/{entry}/edit"): row({"officer": 422}),
    ("GET", "activities.delete", "/activities/{entry}/delete"): row({"officer": 200}),
    ("POST", "activities.delete", "/activities/{entry}/delete"): row({"officer": 302}),
    # Only an officer's own entry deleted in the last minutes comes back; a live one is 404.
    ("POST", "activities.restore", "/activities/{entry}/restore"):
        row({"officer": 404, "other_officer": 404}),
    ("GET", "review.queue", "/review/"): row({"supervisor": 200}),
    ("POST", "review.approve_many", "/review/approve"): row({"supervisor": 302}),
    ("POST", "review.approve", "/review/{entry}/approve"): row({"supervisor": 302}),
    ("POST", "review.return_entry", "/review/{entry}/return"): row({"supervisor": 422}),
    ("GET", "review.correct", "/review/{entry}/correct"): row({"supervisor": 200}),
    ("POST", "review.correct", "/review/{entry}/correct"): row({"supervisor": 422}),
    ("GET", "review.entries", "/review/entries"): row(STAFF),
    ("GET", "review.entries_download", "/review/entries.csv"): row(STAFF),
    ("GET", "review.days_not_logged_page", "/review/days-not-logged"): row(STAFF),
    ("GET", "review.days_not_logged_csv", "/review/days-not-logged.csv"): row(STAFF),
    ("GET", "dashboard.index", "/dashboard/"): row(EVERYONE),
    ("GET", "dashboard.chart", "/dashboard/chart/hours-by-goal.svg"): row(EVERYONE),
    ("GET", "grants.index", "/grants/"): row({**STAFF, **PARTNERS}),
    ("GET", "grants.new", "/grants/new"): row(STAFF),
    ("POST", "grants.new", "/grants/new"): row({"supervisor": 422, "admin": 422}),
    ("GET", "grants.detail", "/grants/{grant}"): row({**STAFF, **PARTNERS}),
    ("POST", "grants.add_period", "/grants/{grant}/periods"):
        row({"supervisor": 422, "admin": 422}),
    ("POST", "grants.delete_period", "/grants/periods/{period}/delete"):
        row({"supervisor": 302, "admin": 302}),
    ("GET", "grants.report", "/grants/periods/{period}/report"): row({**STAFF, **PARTNERS}),
    ("POST", "grants.narrative", "/grants/periods/{period}/narrative"): row({"supervisor": 302}),
    ("GET", "grants.export", "/grants/periods/{period}/report.csv"): row({**STAFF, **PARTNERS}),
    ("GET", "grants.chart", "/grants/periods/{period}/chart/monthly-hours.svg"):
        row({**STAFF, **PARTNERS}),
    ("GET", "admin.users", "/admin/users"): row({"admin": 200}),
    ("GET", "admin.new_user", "/admin/users/new"): row({"admin": 200}),
    ("POST", "admin.new_user", "/admin/users/new"): row({"admin": 422}),
    ("GET", "admin.edit_user", "/admin/users/{target}"): row({"admin": 200}),
    ("POST", "admin.edit_user", "/admin/users/{target}"): row({"admin": 302}),  # nothing to change
    ("POST", "admin.set_active", "/admin/users/{target}/deactivate"): row({"admin": 302}),
    ("POST", "admin.reset_password", "/admin/users/{target}/reset-password"):
        row({"admin": 200}),
    ("POST", "admin.end_sessions", "/admin/users/{target}/end-sessions"): row({"admin": 302}),
    ("GET", "admin.schools", "/admin/schools"): row({"admin": 200}),
    ("POST", "admin.schools", "/admin/schools"): row({"admin": 200}),  # no form named: the page
    ("GET", "admin.edit_district", "/admin/districts/{district}"): row({"admin": 200}),
    ("POST", "admin.edit_district", "/admin/districts/{district}"): row({"admin": 302}),
    ("GET", "admin.edit_school", "/admin/schools/{school}"): row({"admin": 200}),
    ("POST", "admin.edit_school", "/admin/schools/{school}"): row({"admin": 422}),
    ("POST", "admin.set_retired", "/admin/schools/{school}/retire"): row({"admin": 302}),
    ("GET", "admin.goals", "/admin/goals"): row({"admin": 200}),
    ("GET", "admin.edit_goal", "/admin/goals/{goal}"): row({"admin": 200}),
    ("POST", "admin.edit_goal", "/admin/goals/{goal}"): row({"admin": 422}),
    ("GET", "admin.school_calendars", "/admin/calendars"): row({"admin": 200}),
    ("POST", "admin.school_calendars", "/admin/calendars"): row({"admin": 200}),
    ("POST", "admin.delete_calendar_span", "/admin/calendars/{span}/delete"):
        row({"admin": 302}),
    ("GET", "admin.assignments", "/admin/assignments"): row({"admin": 200}),
    ("POST", "admin.assignments", "/admin/assignments"): row({"admin": 422}),
    ("POST", "admin.end_assignment", "/admin/assignments/{assignment}/end"):
        row({"admin": 302}),
    ("GET", "admin.pick_list", "/admin/pick-lists/topic"): row({"admin": 200}),
    ("POST", "admin.pick_list", "/admin/pick-lists/topic"): row({"admin": 422}),
    ("GET", "admin.edit_pick_item", "/admin/pick-items/{item}"): row({"admin": 200}),
    ("POST", "admin.edit_pick_item", "/admin/pick-items/{item}"): row({"admin": 422}),
    ("POST", "admin.delete_pick_item", "/admin/pick-items/{item}/delete"): row({"admin": 302}),
    ("GET", "admin.audit_trail", "/admin/audit"): row({"admin": 200}),
    ("GET", "admin.audit_download", "/admin/audit.csv"): row({"admin": 200}),
    ("GET", "admin.email", "/admin/email"): row({"admin": 200}),
    ("GET", "auth.mail_settings", "/auth/email"): row(EVERYONE),
    ("POST", "auth.mail_settings", "/auth/email"): row(dict.fromkeys(EVERYONE, 302)),
    ("GET", "auth.tokens", "/auth/tokens"): row(EVERYONE),
    ("POST", "auth.tokens", "/auth/tokens"): row(dict.fromkeys(EVERYONE, 422)),
    ("POST", "auth.revoke", "/auth/tokens/{token}/revoke"): row({"officer": 302}, others=404),
    ("GET", "auth.sessions", "/auth/sessions"): row(EVERYONE),
    # Another's session, or none: nothing ends, back to one's own list.
    ("POST", "auth.end_one_session", "/auth/sessions/{session}/end"):
        row(dict.fromkeys(EVERYONE, 302)),
    ("POST", "auth.end_other_sessions", "/auth/sessions/end-others"):
        row(dict.fromkeys(EVERYONE, 302)),
    ("GET", "imports.upload", "/imports/"): row(STAFF),
    ("POST", "imports.upload", "/imports/"): row({"supervisor": 422, "admin": 422}),
    ("GET", "imports.template", "/imports/template.csv"): row(STAFF),
    ("GET", "api.openapi", "/api/v1/openapi.json"): dict.fromkeys(ROLES, 200),
    ("GET", "api.docs", "/api/v1/docs"): dict.fromkeys(ROLES, 200),
    ("GET", "api.me", "/api/v1/me"): api_row(EVERYONE),
    ("GET", "api.goals", "/api/v1/goals"): api_row(EVERYONE),
    ("GET", "api.schools", "/api/v1/schools"): api_row(EVERYONE),
    ("GET", "api.pick_lists", "/api/v1/pick-lists"): api_row(EVERYONE),
    ("GET", "api.summary", "/api/v1/summary"): api_row(EVERYONE),
    ("GET", "api.list_activities", "/api/v1/activities"): api_row({**OFFICERS, **STAFF}),
    # A form post with its CSRF token passes the session check, then is refused as not JSON.
    ("POST", "api.create_activity", "/api/v1/activities"):
        api_row({"officer": 415, "other_officer": 415}),
    ("GET", "api.get_activity", "/api/v1/activities/{entry}"):
        api_row({"officer": 200, **STAFF}),
    # The body ({}) is checked before the entry is looked up: 422 for roles that may change some.
    ("PATCH", "api.update_activity", "/api/v1/activities/{entry}"):
        api_row({"officer": 422, "other_officer": 422, "supervisor": 422}),
    ("DELETE", "api.delete_activity", "/api/v1/activities/{entry}"): api_row({"officer": 204}),
}  # fmt: skip


@pytest.fixture
def world(db, make_school, make_user, make_activity):
    north = make_school(name="North High", district="North District")
    make_school(name="River High", district="River District")
    river_id = next(s.district_id for s in db.session.query(type(north)) if s.id != north.id)
    users = {
        "officer": make_user("officer"),
        "other_officer": make_user("officer"),
        "supervisor": make_user("supervisor"),
        "admin": make_user("admin"),
        "partner": make_user("partner", district_id=north.district_id),
        "other_partner": make_user("partner", district_id=river_id),
        "deactivated": make_user("officer", active=False),
    }
    entry = make_activity(users["officer"], "classroom", school=north, status="submitted",
                          students_reached=20)  # fmt: skip
    grant = create_grant({"name": "G", "funder": "F", "award_number": "A-1",
                          "starts_on": date(2026, 1, 1), "ends_on": date(2026, 12, 31),
                          "cadence": "quarterly", "due_days": 30}, actor=None)  # fmt: skip
    db.session.commit()
    assignment = Assignment(officer=users["officer"], school=north, starts_on=date(2026, 1, 5))
    db.session.add(assignment)
    span = CalendarSpan(district_id=north.district_id, kind="year", label="2025-26",
                        starts_on=date(2025, 8, 15), ends_on=date(2026, 5, 29))  # fmt: skip
    db.session.add(span)
    db.session.commit()
    token = ApiToken(user=users["officer"], name="t", token_hash="0" * 64, hint="srolog_0",
                     expires_at=datetime(2099, 1, 1, tzinfo=UTC))  # fmt: skip
    db.session.add(token)
    db.session.commit()
    ids = {"entry": entry.id, "grant": grant.id, "token": token.id, "period": grant.periods[0].id,
           "session": "0" * 64,
           "target": users["other_officer"].id, "school": north.id,
           "district": north.district_id, "assignment": assignment.id, "span": span.id,
           "goal": db.session.query(ProgramGoal).first().id,
           "item": db.session.query(PickListItem).first().id}  # fmt: skip
    return users, ids


CELLS = [(method, endpoint, path, role, status)
         for (method, endpoint, path), statuses in MATRIX.items()
         for role, status in statuses.items()]  # fmt: skip


@pytest.mark.parametrize(("method", "endpoint", "path", "role", "expected"), CELLS,
                         ids=[f"{m} {p} as {r}" for m, _, p, r, _ in CELLS])  # fmt: skip
def test_each_route_gives_each_visitor_the_expected_status(
    client, world, login, method, endpoint, path, role, expected
):
    users, ids = world
    if role != "anonymous":
        login(users[role])
    url = path.format(**ids)
    if method in ("GET", "POST"):
        response = client.get(url) if method == "GET" else client.post(url, data={})
    else:  # the API's other methods, with the session's CSRF token as a header
        headers = {"X-CSRFToken": client.csrf_token()}
        response = client.open(url, method=method, json={}, headers=headers)
    headers = response.headers  # the security headers ride on every response, denied or not
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    if expected == LOGIN:
        assert response.status_code == 302 and "/auth/login" in response.location, (
            response.status_code,
            response.location,
        )
    else:
        assert response.status_code == expected


def test_every_route_has_a_row_in_the_matrix(app):
    routes = {(method, rule.endpoint) for rule in app.url_map.iter_rules()
              if rule.endpoint not in NOT_ROUTES
              for method in rule.methods - {"HEAD", "OPTIONS"}}  # fmt: skip
    covered = {(method, endpoint) for method, endpoint, _ in MATRIX}
    assert routes - covered == set(), "add these routes to the access matrix"
    assert covered - routes == set(), "these rows name routes that no longer exist"
