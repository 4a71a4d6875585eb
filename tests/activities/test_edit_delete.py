"""Editing, the stale-edit guard, the approved lock and soft deletion, each audited."""

import re

import pytest
import sqlalchemy as sa

from sro_log.catalog import KINDS
from sro_log.models import Activity, AuditEvent, ProgramGoal
from tests.activities.entryforms import count_rows, expected_for, field_error, form_for


def edit_form(client, entry_id) -> dict:
    """The version the edit page was opened at."""
    page = client.get(f"/activities/{entry_id}/edit").get_data(as_text=True)
    return {"version": re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)}


def events(db, action):
    return db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)).all()


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_is_edited_and_only_the_changed_fields_are_audited(
    client, db, officer, school, kind
):
    client.post(f"/activities/new/{kind}", data=form_for(db, kind, school))
    entry = db.session.scalars(sa.select(Activity)).one()
    opened = edit_form(client, entry.id)

    data = form_for(db, kind, school, summary="Corrected summary", duration_minutes="50", **opened)
    response = client.post(f"/activities/{entry.id}/edit", data=data)

    assert response.status_code == 302
    db.session.expire_all()
    assert entry.summary == "Corrected summary" and entry.duration_minutes == 50
    for name, value in expected_for(db, kind, school).items():
        if name not in ("summary", "duration_minutes"):
            assert getattr(entry, name) == value, name
    (event,) = events(db, "activity_update")
    assert event.changes == {
        "summary": {"before": f"A {kind} entry", "after": "Corrected summary"},
        "duration_minutes": {"before": 45, "after": 50},
    }


def test_the_edit_form_shows_the_stored_values(client, db, officer, school):
    client.post("/activities/new/incident", data=form_for(db, "incident", school))
    entry = db.session.scalars(sa.select(Activity)).one()
    page = client.get(f"/activities/{entry.id}/edit").get_data(as_text=True)
    assert 'value="2026-03-10T09:05"' in page and 'value="26-01234"' in page


def test_a_stale_edit_is_refused_and_the_newer_change_is_kept(client, db, officer, school):
    client.post("/activities/new/patrol", data=form_for(db, "patrol", school))
    entry = db.session.scalars(sa.select(Activity)).one()
    opened = edit_form(client, entry.id)
    # Meanwhile the same entry is saved from another tab.
    client.post(
        f"/activities/{entry.id}/edit",
        data=form_for(db, "patrol", school, summary="Saved in another tab", **opened),
    )

    response = client.post(
        f"/activities/{entry.id}/edit",
        data=form_for(db, "patrol", school, summary="Stale change", **opened),
    )

    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Someone changed this entry after you opened it" in page
    assert 'value="Stale change"' in page  # what the officer typed is still there to copy
    db.session.expire_all()
    assert entry.summary == "Saved in another tab"
    assert len(events(db, "activity_update")) == 1


def test_submitting_a_draft_moves_it_to_submitted_and_audits_the_submit(
    client, db, officer, school
):
    client.post(
        "/activities/new/admin",
        data=form_for(db, "admin", school, submit_entry=None, save_draft="Save as draft"),
    )
    entry = db.session.scalars(sa.select(Activity)).one()

    client.post(
        f"/activities/{entry.id}/edit",
        data=form_for(db, "admin", school, **edit_form(client, entry.id)),
    )

    db.session.expire_all()
    assert entry.status == "submitted"
    assert len(events(db, "activity_submit")) == 1


def test_a_returned_entry_is_fixed_and_resubmitted(client, db, officer, school, make_activity):
    entry = make_activity(
        officer, "patrol", status="returned", review_comment="Which school?", patrol_type_id=None
    )
    page = client.get(f"/activities/{entry.id}/edit").get_data(as_text=True)
    assert "Which school?" in page

    data = form_for(db, "patrol", school, **edit_form(client, entry.id))
    assert client.post(f"/activities/{entry.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    assert entry.status == "submitted"
    assert len(events(db, "activity_submit")) == 1


def test_an_approved_entry_cannot_be_edited_or_deleted_by_its_officer(
    client, db, officer, school, make_activity
):
    entry = make_activity(officer, "admin", status="approved", summary="Approved work")

    page = client.get(f"/activities/{entry.id}/edit", follow_redirects=True).get_data(as_text=True)
    assert "approved and locked" in page
    response = client.post(
        f"/activities/{entry.id}/edit",
        data=form_for(db, "admin", school, summary="Changed", version="1"),
    )
    assert response.status_code == 302
    client.post(f"/activities/{entry.id}/delete", data={})

    db.session.expire_all()
    assert entry.summary == "Approved work" and entry.deleted_at is None
    assert count_rows(db)[1] == 0


def test_soft_delete_hides_the_entry_and_keeps_the_row(client, db, officer, school, make_activity):
    entry = make_activity(officer, "admin", summary="Mistaken entry")

    response = client.post(f"/activities/{entry.id}/delete", data={})

    assert response.status_code == 302
    db.session.expire_all()
    assert entry.deleted_at is not None
    assert client.get(f"/activities/{entry.id}").status_code == 404
    assert "Mistaken entry" not in client.get("/activities/list").get_data(as_text=True)
    assert "Mistaken entry" not in client.get("/activities/?week=2026-03-10").get_data(as_text=True)
    assert len(events(db, "activity_delete")) == 1


def test_delete_without_a_csrf_token_is_refused(client, db, officer, make_activity):
    entry = make_activity(officer, "admin")
    response = client.post(f"/activities/{entry.id}/delete", data={}, csrf=False)
    assert response.status_code == 400
    db.session.expire_all()
    assert entry.deleted_at is None


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/activities/{id}"),
        ("get", "/activities/{id}/edit"),
        ("post", "/activities/{id}/edit"),
        ("post", "/activities/{id}/delete"),
        ("get", "/activities/new/admin?copy={id}"),
    ],
)
def test_an_officer_cannot_see_or_change_another_officers_entry(
    client, db, officer, school, make_user, make_activity, method, path
):
    other = make_user("officer")
    entry = make_activity(other, "admin", summary="Someone else's work")

    kwargs = {"data": form_for(db, "admin", school, version="1")} if method == "post" else {}
    response = getattr(client, method)(path.format(id=entry.id), **kwargs)

    assert response.status_code == 403
    assert "Someone else's work" not in response.get_data(as_text=True)
    db.session.expire_all()
    assert entry.summary == "Someone else's work" and entry.deleted_at is None


def test_edit_errors_keep_the_typed_values(client, db, officer, school, make_activity):
    entry = make_activity(officer, "admin")
    data = form_for(
        db,
        "admin",
        school,
        duration_minutes="900",
        summary="Typed again",
        **edit_form(client, entry.id),
    )
    response = client.post(f"/activities/{entry.id}/edit", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "from 1 to 720" in field_error(page, "duration_minutes")
    assert 'value="Typed again"' in page and 'value="900"' in page


def test_goal_bits_follow_the_entrys_goals_when_they_change(client, db, officer, school):
    client.post("/activities/new/classroom", data=form_for(db, "classroom", school))
    entry = db.session.scalars(sa.select(Activity)).one()
    bits = {g.code: g.bit for g in entry.goals}
    assert entry.goal_bits == (1 << bits["connect"]) | (1 << bits["educate"])

    protect = db.session.scalar(sa.select(ProgramGoal).where(ProgramGoal.code == "protect"))
    data = form_for(db, "classroom", school, goals=[str(protect.id)], **edit_form(client, entry.id))
    client.post(f"/activities/{entry.id}/edit", data=data)

    db.session.expire_all()
    assert db.session.get(Activity, entry.id).goal_bits == 1 << protect.bit


@pytest.mark.parametrize("goal_codes", [("educate", "connect"), ("protect",)], ids=["same", "new"])
def test_one_save_moves_the_version_by_exactly_one(client, db, officer, school, goal_codes):
    client.post("/activities/new/classroom", data=form_for(db, "classroom", school))
    entry = db.session.scalars(sa.select(Activity)).one()
    goals = db.session.scalars(sa.select(ProgramGoal.id).where(ProgramGoal.code.in_(goal_codes)))
    data = form_for(db, "classroom", school, summary="Changed", goals=[str(g) for g in goals],
                    **edit_form(client, entry.id))  # fmt: skip

    client.post(f"/activities/{entry.id}/edit", data=data)

    db.session.expire_all()
    assert db.session.get(Activity, entry.id).version == 2
