"""The activities API: every operation for every role, with the pages' own rules."""

from datetime import date

import pytest
import sqlalchemy as sa

from sro_log.models import Activity, AuditEvent
from tests.api.conftest import classroom_body
from tests.conftest import item

API = "/api/v1/activities"


def count_entries(db) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Activity))


def actions(db) -> list[str]:
    return list(db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)))


def test_an_officer_creates_an_entry_with_codes_and_it_is_submitted_and_audited(
    db, api, make_user, make_school
):
    officer, school = make_user("officer"), make_school()
    response = api(officer).post(API, json=classroom_body(school.id))
    assert response.status_code == 201
    body = response.get_json()
    assert body["status"] == "submitted" and body["officer"] == officer.username
    assert body["topic"] == "internet_safety" and body["goals"] == ["connect", "educate"]
    stored = db.session.get(Activity, body["id"])
    assert stored.students_reached == 27 and stored.officer_id == officer.id
    assert actions(db)[-2:] == ["activity_create", "activity_submit"]


def test_submit_false_keeps_the_entry_a_draft(db, api, make_user, make_school):
    officer, school = make_user("officer"), make_school()
    response = api(officer).post(API, json=classroom_body(school.id, submit=False))
    assert response.get_json()["status"] == "draft"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"occurred_on": "2099-01-01"}, "occurred_on", "The date cannot be in the future."),
        ({"topic": "astrology"}, "topic", "Unknown topic 'astrology'."),
        ({"goals": []}, "goals", "Tick at least one program goal."),
        ({"goals": ["world_peace"]}, "goals", "Unknown goal 'world_peace'."),
        ({"summary": "   "}, "summary", "Write a short summary."),
        ({"students_reached": 0}, "students_reached", "greater than or equal to 1"),
        ({"duration_minutes": 721}, "duration_minutes", "less than or equal to 720"),
        ({"school_id": None}, "school_id", "Choose the school, or set Where to off campus."),
        ({"school_id": 999999}, "school_id", "Not a valid choice."),
        ({"patrol_type": "lunch"}, "patrol_type", "Extra inputs are not permitted"),
        ({"kind": "nap"}, "kind", "Give the kind"),
        ({"start_time": "25:00"}, "start_time", "time"),
    ],
)
def test_bad_input_is_refused_with_a_message_at_the_field_and_nothing_is_written(
    db, api, make_user, make_school, changes, field, message
):
    officer, school = make_user("officer"), make_school()
    before = count_entries(db)
    response = api(officer).post(API, json={**classroom_body(school.id), **changes})
    assert response.status_code == 422
    assert response.headers["Content-Type"] == "application/problem+json"
    problem = response.get_json()
    assert any(message in m for m in problem["errors"][field]), problem
    assert count_entries(db) == before


def test_an_incident_is_checked_by_the_forms_cross_field_rules(db, api, make_user, make_school):
    officer, school = make_user("officer"), make_school()
    body = {"kind": "incident", "occurred_on": "2026-03-10", "duration_minutes": 45,
            "school_id": school.id, "summary": "Fight in the hall", "goals": ["protect"],
            "incident_type": "assault", "reported_at": "2026-03-10T10:00",
            "arrived_at": "2026-03-10T09:50", "students_involved": 2, "action": "arrest",
            "arrests": 3}  # fmt: skip
    problem = api(officer).post(API, json=body).get_json()
    assert problem["errors"] == {
        "arrived_at": ["Arrival cannot be before the report time."],
        "arrests": ["Arrests cannot exceed the people involved."],
    }
    fixed = {**body, "arrived_at": "2026-03-10T10:04", "arrests": 1}
    created = api(officer).post(API, json=fixed).get_json()
    assert created["response_minutes"] == 4 and created["incident_type"] == "assault"


@pytest.mark.parametrize(
    ("data", "content_type", "status"),
    [("{not json", "application/json", 400), ("kind=classroom", "text/plain", 415)],
)
def test_a_body_that_is_not_json_is_refused(api, make_user, data, content_type, status):
    response = api(make_user("officer")).post(API, data=data, content_type=content_type)
    assert response.status_code == status
    assert response.headers["Content-Type"] == "application/problem+json"


def test_a_second_entry_with_the_same_external_ref_is_a_conflict(db, api, make_user, make_school):
    officer, school = make_user("officer"), make_school()
    client = api(officer)
    first = client.post(API, json=classroom_body(school.id, external_ref="CAD-1"))
    assert first.status_code == 201
    second = client.post(API, json=classroom_body(school.id, external_ref="CAD-1"))
    assert second.status_code == 409 and "external_ref" in second.get_json()["errors"]
    assert count_entries(db) == 1


@pytest.mark.parametrize("ref", ["\x00", "CAD\x00-1", "CAD-\x1b[2J", "\x7f"])
def test_an_external_ref_with_control_characters_is_refused_at_the_field(
    db, api, make_user, make_school, ref
):
    officer, school = make_user("officer"), make_school()
    response = api(officer).post(API, json=classroom_body(school.id, external_ref=ref))
    assert response.status_code == 422
    assert response.get_json()["errors"] == {
        "external_ref": ["Remove the control characters from this field."]
    }
    assert count_entries(db) == 0


@pytest.mark.parametrize("role", ["supervisor", "admin", "partner"])
def test_only_officers_create_entries(db, api, make_user, make_school, role):
    school = make_school()
    response = api(make_user(role)).post(API, json=classroom_body(school.id))
    assert response.status_code == 403 and count_entries(db) == 0


def test_an_officer_lists_only_their_own_entries_and_staff_list_everyones(
    api, make_user, make_activity
):
    mine, theirs = make_user("officer"), make_user("officer")
    own = {make_activity(mine, kind="patrol").id, make_activity(mine, kind="classroom").id}
    other = make_activity(theirs).id
    listed = api(mine).get(f"{API}?officer_id={theirs.id}").get_json()
    assert {e["id"] for e in listed["items"]} == own and listed["total"] == 2
    for role in ("supervisor", "admin"):
        listed = api(make_user(role)).get(API).get_json()
        assert {e["id"] for e in listed["items"]} == own | {other}


def test_the_list_takes_the_pages_filters_and_pages(api, make_user, make_activity):
    officer = make_user("officer")
    for day in range(1, 8):
        make_activity(officer, kind="patrol", occurred_on=date(2026, 3, day), status="approved")
    make_activity(officer, kind="classroom", occurred_on=date(2026, 3, 4))
    client = api(make_user("supervisor"))
    page = client.get(f"{API}?kind=patrol&date_from=2026-03-02&date_to=2026-03-06"
                      "&status=approved&per_page=2&page=2").get_json()  # fmt: skip
    assert page["total"] == 5 and page["pages"] == 3 and len(page["items"]) == 2
    assert [e["occurred_on"] for e in page["items"]] == ["2026-03-04", "2026-03-03"]


@pytest.mark.parametrize("query", ["kind=nap", "per_page=0", "date_from=yesterday", "page=-1",
                                   "colour=blue"])  # fmt: skip
def test_bad_list_filters_are_refused_with_422(api, make_user, query):
    response = api(make_user("supervisor")).get(f"{API}?{query}")
    assert response.status_code == 422 and response.get_json()["errors"]


def test_reading_one_entry_follows_the_pages_rules(api, make_user, make_activity):
    officer, other = make_user("officer"), make_user("officer")
    entry = make_activity(officer, kind="patrol")
    assert api(officer).get(f"{API}/{entry.id}").status_code == 200
    assert api(other).get(f"{API}/{entry.id}").status_code == 403
    assert api(make_user("supervisor")).get(f"{API}/{entry.id}").status_code == 200
    assert api(make_user("admin")).get(f"{API}/{entry.id}").status_code == 200
    assert api(make_user("partner")).get(f"{API}/{entry.id}").status_code == 403
    assert api(officer).get(f"{API}/999999").status_code == 404
    assert api(officer).get(f"{API}/99999999999999999999").status_code == 404


def lesson(db, make_activity, officer, **fields):
    topic = item(db, "topic", "internet_safety")
    return make_activity(officer, kind="classroom", students_reached=20, topic_id=topic.id,
                         **fields)  # fmt: skip


def test_an_officer_updates_their_entry_at_its_version_and_a_stale_update_is_409(
    db, api, make_user, make_activity
):
    officer = make_user("officer")
    entry = lesson(db, make_activity, officer, status="submitted")
    client = api(officer)
    changed = client.patch(f"{API}/{entry.id}", json={"version": 1, "students_reached": 31})
    assert changed.status_code == 200
    body = changed.get_json()
    assert body["students_reached"] == 31 and body["version"] > 1
    assert body["status"] == "submitted"
    stale = client.patch(f"{API}/{entry.id}", json={"version": 1, "students_reached": 5})
    assert stale.status_code == 409 and "changed this entry" in stale.get_json()["detail"]
    db.session.expire_all()
    stored = db.session.get(Activity, entry.id)
    assert stored.students_reached == 31 and stored.version == body["version"]
    again = client.patch(f"{API}/{entry.id}", json={"version": body["version"], "staff_present": 2})
    assert again.status_code == 200
    assert "activity_update" in actions(db)


def test_an_approved_entry_is_locked_for_its_officer_but_a_supervisor_corrects_it(
    db, api, make_user, make_activity
):
    officer = make_user("officer")
    entry = lesson(db, make_activity, officer, status="approved")
    locked = api(officer).patch(f"{API}/{entry.id}", json={"version": 1, "students_reached": 9})
    assert locked.status_code == 409 and "approved and locked" in locked.get_json()["detail"]
    supervisor = api(make_user("supervisor"))
    fixed = supervisor.patch(f"{API}/{entry.id}", json={"version": 1, "students_reached": 9})
    assert fixed.status_code == 200 and fixed.get_json()["status"] == "approved"
    event = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "activity_correct")
    ).one()
    assert event.changes["students_reached"] == {"before": 20, "after": 9}


def test_an_update_that_breaks_a_rule_is_refused_and_changes_nothing(
    db, api, make_user, make_activity
):
    officer = make_user("officer")
    entry = lesson(db, make_activity, officer)
    response = api(officer).patch(f"{API}/{entry.id}", json={"version": 1, "topic": "gossip"})
    assert response.status_code == 422 and response.get_json()["errors"] == {
        "topic": ["Unknown topic 'gossip'."]
    }
    db.session.expire_all()
    assert db.session.get(Activity, entry.id).version == 1


@pytest.mark.parametrize("role", ["other_officer", "admin", "partner"])
def test_others_may_not_update_an_officers_entry(api, make_user, make_activity, role):
    entry = make_activity(make_user("officer"), kind="patrol")
    caller = make_user("officer" if role == "other_officer" else role)
    response = api(caller).patch(f"{API}/{entry.id}", json={"version": 1, "summary": "mine now"})
    assert response.status_code == 403


def test_an_officer_deletes_an_entry_not_yet_approved(db, api, make_user, make_activity):
    officer = make_user("officer")
    draft = make_activity(officer, kind="patrol")
    approved = make_activity(officer, kind="patrol", status="approved")
    client = api(officer)
    assert client.delete(f"{API}/{draft.id}").status_code == 204
    assert client.get(f"{API}/{draft.id}").status_code == 404
    assert client.delete(f"{API}/{approved.id}").status_code == 409
    assert api(make_user("supervisor")).delete(f"{API}/{approved.id}").status_code == 403
    assert "activity_delete" in actions(db)


def test_without_a_token_or_session_every_operation_is_401(client, make_user, make_activity):
    entry = make_activity(make_user("officer"))
    for method, path in [("get", API), ("post", API), ("get", f"{API}/{entry.id}"),
                         ("patch", f"{API}/{entry.id}"), ("delete", f"{API}/{entry.id}"),
                         ("get", "/api/v1/me"), ("get", "/api/v1/summary"),
                         ("get", "/api/v1/goals")]:  # fmt: skip
        kwargs = {"csrf": False} if method == "post" else {}
        response = getattr(client, method)(path, json={}, **kwargs)
        assert response.status_code == 401, (method, path)
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
