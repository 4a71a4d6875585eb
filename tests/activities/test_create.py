"""Officers log each of the eight kinds through the real forms."""

import pytest
import sqlalchemy as sa

from sro_log import audit
from sro_log.activities.services import snapshot
from sro_log.catalog import KINDS
from sro_log.models import Activity, AuditEvent, goal_bits_of
from tests.activities.entryforms import count_rows, expected_for, form_for


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_is_stored_with_its_detail_fields_goals_and_audit(
    client, db, officer, school, kind
):
    response = client.post(f"/activities/new/{kind}", data=form_for(db, kind, school))

    assert response.status_code == 302
    entry = db.session.scalars(sa.select(Activity)).one()
    assert entry.kind == kind and entry.officer_id == officer.id
    for name, value in expected_for(db, kind, school).items():
        assert getattr(entry, name) == value, name
    assert sorted(g.code for g in entry.goals) == sorted(KINDS[kind][1])
    assert entry.status == "submitted" and entry.submitted_at is not None
    actions = db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["activity_create", "activity_submit"]


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_is_written_with_its_derived_columns_and_every_field_in_its_create_event(
    client, db, officer, school, kind
):
    """The entry is written without the ORM's unit of work (issue 20): it must still hold what
    the ORM's events derive and be audited field for field as the ORM would see the row."""
    client.post(f"/activities/new/{kind}", data=form_for(db, kind, school))

    entry = db.session.scalars(sa.select(Activity)).one()
    assert entry.goal_bits == goal_bits_of(entry.goals) and (entry.goal_bits != 0) == bool(
        KINDS[kind][1]
    )
    assert entry.version == 1 and entry.created_at == entry.updated_at == entry.submitted_at
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "activity_create"))
    stored = {k: change["after"] for k, change in audit.diff({}, snapshot(entry)).items()}
    assert {k: v for k, v in event.changes.items() if v is not None} == stored
    assert event.object_type == type(entry).__name__


def test_save_as_draft_keeps_the_entry_as_a_draft_without_a_submit_event(
    client, db, officer, school
):
    data = form_for(db, "patrol", school, submit_entry=None, save_draft="Save as draft")
    client.post("/activities/new/patrol", data=data)

    entry = db.session.scalars(sa.select(Activity)).one()
    assert entry.status == "draft" and entry.submitted_at is None
    assert db.session.scalars(sa.select(AuditEvent.action)).all() == ["activity_create"]


def test_create_event_records_the_values_that_were_stored(client, db, officer, school):
    client.post("/activities/new/classroom", data=form_for(db, "classroom", school))

    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "activity_create"))
    entry = db.session.scalars(sa.select(Activity)).one()
    assert event.actor_id == officer.id
    assert (event.object_type, event.object_id) == ("Classroom", str(entry.id))
    assert event.changes["students_reached"] == 28
    assert event.changes["goals"] == ["connect", "educate"]
    assert event.remote_addr == "127.0.0.1"


def test_off_campus_work_needs_no_school(client, db, officer, school):
    data = form_for(db, "training", school, school_id="", location="off_campus")
    assert client.post("/activities/new/training", data=data).status_code == 302
    assert db.session.scalars(sa.select(Activity)).one().school_id is None


def test_training_and_admin_need_no_goal_but_other_kinds_do(client, db, officer, school):
    assert (
        client.post(
            "/activities/new/admin", data=form_for(db, "admin", school, goals=[])
        ).status_code
        == 302
    )
    response = client.post("/activities/new/patrol", data=form_for(db, "patrol", school, goals=[]))
    assert response.status_code == 422
    assert count_rows(db)[0] == 1


def test_an_unknown_kind_is_not_found(client, officer):
    assert client.get("/activities/new/picnic").status_code == 404


def test_each_kind_saved_shows_in_the_week_with_the_day_total(client, db, officer, school):
    for kind in KINDS:
        client.post(f"/activities/new/{kind}", data=form_for(db, kind, school))

    page = client.get("/activities/?week=2026-03-10").get_data(as_text=True)
    for label, _ in KINDS.values():
        assert label in page
    assert 'data-testid="day-total-2026-03-10">6 h' in page  # 8 entries x 45 min
    assert 'data-testid="week-total">6 h' in page
    listing = client.get("/activities/list").get_data(as_text=True)
    assert 'data-testid="result-count">8 entries' in listing
