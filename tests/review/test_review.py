"""Supervisor review: the queue, approve, bulk approve, return, resubmit and correct."""

import csv
import io
from datetime import date

import pytest
import sqlalchemy as sa

from sro_log.models import Activity, AuditEvent
from tests.activities.entryforms import form_for


def events(db, action):
    return db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)).all()


def reload(db, entry):
    db.session.expire_all()
    return db.session.get(Activity, entry.id)


def test_the_queue_lists_only_submitted_entries_oldest_first(
    client, officer, supervisor, make_activity
):
    make_activity(
        officer, "admin", status="submitted", summary="Second", occurred_on=date(2026, 3, 11)
    )
    make_activity(
        officer, "admin", status="submitted", summary="First", occurred_on=date(2026, 3, 10)
    )
    make_activity(officer, "admin", status="draft", summary="Still a draft")
    make_activity(officer, "admin", status="approved", summary="Done already")

    page = client.get("/review/").get_data(as_text=True)

    assert 'data-testid="result-count">2 entries waiting' in page
    assert page.index("First") < page.index("Second")
    assert "Still a draft" not in page and "Done already" not in page


@pytest.mark.parametrize(
    "query", ["officer_id={officer}", "kind=patrol", "date_from=2026-03-11", "school_id={school}"]
)
def test_the_queue_filters_by_officer_school_kind_and_date(
    client, officer, supervisor, make_user, make_activity, make_school, query
):
    school = make_school(name="Riverbend High", district="Riverbend C-4")
    make_activity(
        officer,
        "patrol",
        status="submitted",
        occurred_on=date(2026, 3, 11),
        school=school,
        summary="The one",
    )
    make_activity(
        make_user("officer"),
        "admin",
        status="submitted",
        summary="Not this",
        occurred_on=date(2026, 3, 10),
        school=make_school(name="Northfield Middle"),
    )
    query = query.format(officer=officer.id, school=school.id)
    page = client.get(f"/review/?{query}").get_data(as_text=True)
    assert "The one" in page and "Not this" not in page


def test_approve_locks_the_entry_for_its_officer_and_is_audited(
    client, db, officer, supervisor, make_activity, login
):
    entry = make_activity(officer, "admin", status="submitted")

    client.post(f"/review/{entry.id}/approve", data={"version": str(entry.version)})

    entry = reload(db, entry)
    assert entry.status == "approved" and entry.reviewed_by_id == supervisor.id
    (event,) = events(db, "activity_approve")
    assert event.actor_id == supervisor.id
    assert event.changes == {"status": {"before": "submitted", "after": "approved"}}
    officer_client = client.application.test_client()
    login(officer, on=officer_client)
    data = form_for(db, "admin", entry.school, summary="Changed", version=str(entry.version))
    officer_client.post(f"/activities/{entry.id}/edit", data=data)
    assert reload(db, entry).summary == "admin work"


def test_bulk_approve_approves_the_ticked_entries_and_leaves_changed_ones(
    client, db, officer, supervisor, make_activity
):
    first = make_activity(officer, "admin", status="submitted")
    second = make_activity(officer, "patrol", status="submitted")
    changed = make_activity(officer, "patrol", status="submitted")
    untouched = make_activity(officer, "patrol", status="submitted")
    refs = [f"{e.id}:{e.version}" for e in (first, second, changed)]
    changed.summary = "Edited by the officer after the queue was opened"
    db.session.commit()

    response = client.post("/review/approve", data={"entry": refs}, follow_redirects=True)

    page = response.get_data(as_text=True)
    assert "Approved 2 entries." in page and "1 had changed" in page
    statuses = {e.id: reload(db, e).status for e in (first, second, changed, untouched)}
    assert statuses == {
        first.id: "approved",
        second.id: "approved",
        changed.id: "submitted",
        untouched.id: "submitted",
    }
    assert len(events(db, "activity_approve")) == 2


def test_return_with_a_comment_sends_the_entry_back_and_the_officer_resubmits(
    client, db, officer, supervisor, make_activity, login
):
    entry = make_activity(officer, "admin", status="submitted")

    client.post(
        f"/review/{entry.id}/return",
        data={"comment": "Add the meeting's purpose.", "version": str(entry.version)},
    )

    entry = reload(db, entry)
    assert entry.status == "returned" and entry.review_comment == "Add the meeting's purpose."
    (event,) = events(db, "activity_return")
    assert event.changes["review_comment"]["after"] == "Add the meeting's purpose."

    officer_client = client.application.test_client()
    login(officer, on=officer_client)
    home = officer_client.get("/activities/").get_data(as_text=True)
    assert "Add the meeting&#39;s purpose." in home
    data = form_for(db, "admin", entry.school, summary="Budget meeting", version=str(entry.version))
    officer_client.post(f"/activities/{entry.id}/edit", data=data)
    assert reload(db, entry).status == "submitted"
    assert len(events(db, "activity_submit")) == 1


def test_return_without_a_comment_is_refused_at_the_field(
    client, db, officer, supervisor, make_activity
):
    entry = make_activity(officer, "admin", status="submitted")
    response = client.post(
        f"/review/{entry.id}/return", data={"comment": "  ", "version": str(entry.version)}
    )
    assert response.status_code == 422
    assert "Say what the officer should fix." in response.get_data(as_text=True)
    assert reload(db, entry).status == "submitted"
    assert events(db, "activity_return") == []


@pytest.mark.parametrize("status", ["draft", "approved", "returned"])
def test_only_submitted_entries_can_be_approved_or_returned(
    client, db, officer, supervisor, make_activity, status
):
    entry = make_activity(officer, "admin", status=status)
    client.post(f"/review/{entry.id}/approve", data={"version": str(entry.version)})
    client.post(f"/review/{entry.id}/return", data={"comment": "x", "version": str(entry.version)})
    assert reload(db, entry).status == status
    assert events(db, "activity_approve") == events(db, "activity_return") == []


def test_approving_a_version_the_officer_has_since_changed_is_refused(
    client, db, officer, supervisor, make_activity
):
    entry = make_activity(officer, "admin", status="submitted")
    seen = entry.version
    entry.summary = "Changed meanwhile"
    db.session.commit()
    response = client.post(
        f"/review/{entry.id}/approve", data={"version": str(seen)}, follow_redirects=True
    )
    assert "Someone changed this entry" in response.get_data(as_text=True)
    assert reload(db, entry).status == "submitted"


def test_a_supervisor_corrects_an_approved_entry_and_the_audit_keeps_before_and_after(
    client, db, officer, supervisor, make_activity, make_school
):
    entry = make_activity(
        officer, "patrol", status="approved", duration_minutes=30, patrol_type_id=None
    )
    data = form_for(
        db,
        "patrol",
        entry.school,
        occurred_on="2026-03-10",
        duration_minutes="20",
        summary="patrol work",
        version=str(entry.version),
    )

    response = client.post(f"/review/{entry.id}/correct", data=data)

    assert response.status_code == 302
    entry = reload(db, entry)
    assert entry.duration_minutes == 20 and entry.status == "approved"
    (event,) = events(db, "activity_correct")
    assert event.actor_id == supervisor.id
    assert event.changes["duration_minutes"] == {"before": 30, "after": 20}


@pytest.mark.parametrize("role", ["officer", "admin", "partner"])
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/review/"),
        ("post", "/review/approve"),
        ("post", "/review/{id}/approve"),
        ("post", "/review/{id}/return"),
        ("get", "/review/{id}/correct"),
    ],
)
def test_review_is_for_supervisors_only(
    client, db, make_user, make_activity, login, role, method, path
):
    owner = make_user("officer")
    entry = make_activity(owner, "admin", status="submitted")
    login(owner if role == "officer" else make_user(role))
    kwargs = (
        {"data": {"entry": [f"{entry.id}:{entry.version}"], "version": "1", "comment": "x"}}
        if method == "post"
        else {}
    )
    assert getattr(client, method)(path.format(id=entry.id), **kwargs).status_code == 403
    assert reload(db, entry).status == "submitted"


@pytest.mark.parametrize(
    ("role", "expected"), [("supervisor", 200), ("admin", 200), ("officer", 403), ("partner", 403)]
)
@pytest.mark.parametrize("path", ["/review/entries", "/review/entries.csv"])
def test_all_entries_are_read_by_supervisors_and_admins_only(
    client, make_user, login, role, expected, path
):
    login(make_user(role))
    assert client.get(path).status_code == expected


def test_the_entries_csv_holds_exactly_the_filtered_list_and_the_export_is_audited(
    client, db, officer, supervisor, make_activity
):
    make_activity(
        officer,
        "classroom",
        status="approved",
        summary="=HYPERLINK(1)",
        students_reached=25,
        occurred_on=date(2026, 3, 2),
    )
    make_activity(
        officer,
        "classroom",
        status="submitted",
        occurred_on=date(2026, 3, 3),
        notes="A private note",
    )
    make_activity(officer, "patrol", status="approved", occurred_on=date(2026, 3, 4))

    page = client.get("/review/entries?kind=classroom").get_data(as_text=True)
    response = client.get("/review/entries.csv?kind=classroom")

    assert 'data-testid="result-count">2 entries' in page
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert len(rows) == 2 and {r["kind"] for r in rows} == {"classroom"}
    assert rows[1]["summary"] == "'=HYPERLINK(1)" and rows[1]["students_reached"] == "25"
    assert "A private note" not in response.get_data(as_text=True)
    (event,) = events(db, "entries_export")
    assert event.changes["rows"] == 2 and event.changes["filters"] == {"kind": "classroom"}
    assert len(event.changes["sha256"]) == 64
