"""Each audited action writes exactly one event of its kind, with who, what, where and when;
and no code path can change or remove an event."""

import pathlib
import re
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from sro_log.grants.services import create_grant
from sro_log.models import AuditEvent
from tests.activities.entryforms import form_for
from tests.auth.signing_in import sign_in
from tests.conftest import PASSWORD

T0 = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)
NEW = "maple-tunnel-quietly-nine"


@pytest.fixture
def people(make_user, make_school, make_activity):
    school = make_school()
    officer = make_user("officer", username="dana")
    entry = make_activity(officer, "patrol", school=school, status="submitted")
    grant = create_grant({"name": "G", "funder": "F", "award_number": "A-1",
                          "starts_on": date(2026, 1, 1), "ends_on": date(2026, 12, 31),
                          "cadence": "quarterly", "due_days": 30}, actor=None)  # fmt: skip
    return {
        "period": grant.periods[0],
        "officer": officer,
        "supervisor": make_user("supervisor", username="sgt"),
        "admin": make_user("admin", username="lt"),
        "school": school,
        "entry": entry,
    }


def _as(client, login, user):
    login(user)
    return client


def _entry_form(db, p):
    return form_for(db, "patrol", p["school"], occurred_on="2026-03-09", version="1")


ACTIONS = {
    # action: (who acts, what they do, the object type, fields the event's changes must hold)
    "login": ("officer", lambda c, db, p, login: sign_in(c, "dana"), "User", None),
    "login_failed": ("officer", lambda c, db, p, login: sign_in(c, "dana", "wrong-password-1"),
                     "User", {"reason"}),
    "logout": ("officer", lambda c, db, p, login: _as(c, login, p["officer"]).post(
        "/auth/logout", data={}), "User", None),
    "password_change": ("officer", lambda c, db, p, login: _as(c, login, p["officer"]).post(
        "/auth/password", data={"current_password": PASSWORD, "new_password": NEW,
                                "confirm": NEW}), "User", {"session_version"}),
    "password_reset": ("admin", lambda c, db, p, login: _as(c, login, p["admin"]).post(
        f"/admin/users/{p['officer'].id}/reset-password", data={}), "User", {"session_version"}),
    "activity_create": ("officer", lambda c, db, p, login: _as(c, login, p["officer"]).post(
        "/activities/new/patrol", data=form_for(db, "patrol", p["school"])), "Patrol",
        {"summary", "goals"}),
    "activity_update": ("officer", lambda c, db, p, login: _as(c, login, p["officer"]).post(
        f"/activities/{p['entry'].id}/edit", data=_entry_form(db, p)), "Patrol",
        {"occurred_on"}),
    "activity_submit": ("officer", lambda c, db, p, login: _as(c, login, p["officer"]).post(
        "/activities/new/patrol", data=form_for(db, "patrol", p["school"])), "Patrol", None),
    "login_locked": ("officer", lambda c, db, p, login: [
        sign_in(c, "dana", "wrong-password-1") for _ in range(5)][-1], "User",
        {"locked_minutes"}),
    "sessions_revoked": ("officer", lambda c, db, p, login: _as(c, login, p["officer"]).post(
        "/auth/sign-out-everywhere", data={}), "User", {"session_version"}),
    "report_export": ("supervisor", lambda c, db, p, login: _as(c, login, p["supervisor"]).get(
        f"/grants/periods/{p['period'].id}/report.csv"), "ReportingPeriod",
        {"sha256", "rows", "format"}),
    "admin_create": ("admin", lambda c, db, p, login: _as(c, login, p["admin"]).post(
        "/admin/schools", data={"add": "district", "district-name": "Lakeside"}),
        "District", {"name"}),
    "admin_update": ("admin", lambda c, db, p, login: _as(c, login, p["admin"]).post(
        f"/admin/schools/{p['school'].id}/retire", data={}), "School", {"active"}),
    "activity_delete": ("officer", lambda c, db, p, login: _as(c, login, p["officer"]).post(
        f"/activities/{p['entry'].id}/delete", data={}), "Patrol", None),
    "activity_restore": ("officer", lambda c, db, p, login: _deleted_then_undone(c, db, p, login),
                         "Patrol", {"deleted_at"}),
    "activity_approve": ("supervisor", lambda c, db, p, login: _as(c, login, p["supervisor"])
                         .post(f"/review/{p['entry'].id}/approve", data={"version": "1"}),
                         "Patrol", {"status"}),
    "activity_return": ("supervisor", lambda c, db, p, login: _as(c, login, p["supervisor"])
                        .post(f"/review/{p['entry'].id}/return",
                              data={"version": "1", "comment": "Add the school"}),
                        "Patrol", {"status", "review_comment"}),
    "entries_export": ("supervisor", lambda c, db, p, login: _as(c, login, p["supervisor"])
                       .get("/review/entries.csv"), None, {"rows", "sha256"}),
    "user_create": ("admin", lambda c, db, p, login: _as(c, login, p["admin"]).post(
        "/admin/users/new", data={"username": "grace", "full_name": "Grace N",
                                  "email": "", "role": "officer", "district_id": "",
                                  "school_ids": [str(p["school"].id)]}),
        "User", {"username", "role", "school_ids"}),
    "user_update": ("admin", lambda c, db, p, login: _as(c, login, p["admin"]).post(
        f"/admin/users/{p['officer'].id}", data={"full_name": "Dana W", "email": "",
                                                "role": "officer", "district_id": ""}),
        "User", {"full_name"}),
    "user_deactivate": ("admin", lambda c, db, p, login: _as(c, login, p["admin"]).post(
        f"/admin/users/{p['officer'].id}/deactivate", data={}), "User", {"active"}),
    "audit_read": ("admin", lambda c, db, p, login: _as(c, login, p["admin"]).get(
        "/admin/audit"), None, {"filters"}),
}  # fmt: skip


def _deleted_then_undone(client, db, people, login):
    """An officer's delete a minute ago, undone now (the event under test is the undo)."""
    entry = people["entry"]
    entry.deleted_at = T0 - timedelta(minutes=1)
    db.session.commit()
    return _as(client, login, people["officer"]).post(f"/activities/{entry.id}/restore", data={})


@pytest.mark.parametrize("action", ACTIONS)
def test_each_action_writes_exactly_one_event_with_its_fields(client, db, people, login,
                                                              freeze_now, action):  # fmt: skip
    who, do, object_type, fields = ACTIONS[action]
    freeze_now(T0)
    before = db.session.scalar(sa.select(sa.func.max(AuditEvent.id))) or 0

    response = do(client, db, people, login)

    assert response.status_code < 500
    events = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.id > before, AuditEvent.action == action)
    ).all()
    assert len(events) == 1, [e.action for e in events]
    event = events[0]
    assert event.actor_id == people[who].id
    assert event.occurred_at == T0 and event.occurred_at.tzinfo is not None
    assert event.remote_addr == "127.0.0.1"
    assert event.object_type == object_type
    if object_type is not None:
        assert event.object_id is not None
    if fields:
        assert fields <= set(event.changes), event.changes
    for change in (event.changes or {}).values():
        if isinstance(change, dict) and set(change) == {"before", "after"}:
            assert change["before"] != change["after"]  # only the fields that changed


def test_the_application_refuses_to_change_or_remove_an_audit_event(db, make_user):
    from sro_log import audit

    audit.record("login", None, actor=make_user("officer"))
    db.session.commit()
    event = db.session.scalars(sa.select(AuditEvent)).one()
    event.action = "logout"
    with pytest.raises(PermissionError):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.scalars(sa.select(AuditEvent)).one())
    with pytest.raises(PermissionError):
        db.session.commit()
    db.session.rollback()
    assert db.session.scalar(sa.select(AuditEvent.action)) == "login"


def test_no_code_writes_to_the_audit_table_except_by_adding_events():
    source = "\n".join(p.read_text() for p in pathlib.Path("sro_log").rglob("*.py"))
    assert not re.search(r"(update|delete)\(\s*AuditEvent", source)
    assert not re.search(r"(UPDATE|DELETE FROM)\s+audit_events", source, re.IGNORECASE)


@pytest.mark.parametrize("statement", ["UPDATE audit_events SET action = 'logout'",
                                       "DELETE FROM audit_events"])  # fmt: skip
def test_the_database_itself_refuses_to_change_or_remove_an_audit_event(db, make_user,
                                                                        statement):  # fmt: skip
    from sro_log import audit

    audit.record("login", None, actor=make_user("officer"))
    db.session.commit()
    with pytest.raises(sa.exc.DatabaseError, match="append-only"), db.engine.begin() as conn:
        conn.execute(sa.text(statement))
    assert db.session.scalar(sa.select(AuditEvent.action)) == "login"
