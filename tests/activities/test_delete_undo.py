"""Delete asks once and can be undone for ten minutes; the saved entry is what Submit shows."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from sro_log.activities.services import UNDO_MINUTES
from sro_log.catalog import KINDS
from sro_log.models import Activity, AuditEvent
from tests.activities.entryforms import form_for

NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)


def actions(db, entry_id) -> list[str]:
    return db.session.scalars(
        sa.select(AuditEvent.action)
        .where(AuditEvent.object_id == str(entry_id))
        .order_by(AuditEvent.id)
    ).all()


def test_delete_asks_once_on_a_page_that_needs_no_javascript(client, db, officer, make_activity):
    entry = make_activity(officer, "admin", status="submitted", summary="Mistaken entry")

    detail = client.get(f"/activities/{entry.id}").get_data(as_text=True)
    confirm = client.get(f"/activities/{entry.id}/delete").get_data(as_text=True)

    assert f'href="/activities/{entry.id}/delete">Delete…</a>' in detail
    assert 'method="post"' not in detail.split("entry-actions")[1].split("</div>")[0]
    assert "Delete this entry?" in confirm and "Mistaken entry" in confirm
    assert "waiting for your supervisor's review" in confirm
    assert f"bring it back for {UNDO_MINUTES} minutes" in confirm
    db.session.expire_all()
    assert db.session.get(Activity, entry.id).deleted_at is None  # asking wrote nothing


def test_undo_within_ten_minutes_brings_the_entry_back_as_it_was_and_audits_it(
    client, db, officer, make_activity, freeze_now
):
    entry = make_activity(officer, "admin", status="submitted", summary="Mistaken entry")
    freeze_now(NOW)
    deleted = client.post(f"/activities/{entry.id}/delete", data={})
    home = client.get(deleted.location).get_data(as_text=True)
    assert f"Deleted: {KINDS['admin'][0]} on Tue 10 Mar" in home
    assert f'action="/activities/{entry.id}/restore"' in home

    freeze_now(NOW + timedelta(minutes=UNDO_MINUTES - 1))
    back = client.post(f"/activities/{entry.id}/restore", data={})

    assert back.location == f"/activities/{entry.id}"
    assert "The entry is back." in client.get(back.location).get_data(as_text=True)
    db.session.expire_all()
    restored = db.session.get(Activity, entry.id)
    assert restored.deleted_at is None and restored.status == "submitted"
    assert actions(db, entry.id) == ["activity_delete", "activity_restore"]
    assert client.post(f"/activities/{entry.id}/restore", data={}).status_code == 404


def test_after_ten_minutes_undo_is_refused_and_the_entry_stays_deleted(
    client, db, officer, make_activity, freeze_now
):
    entry = make_activity(officer, "admin", summary="Mistaken entry")
    freeze_now(NOW)
    client.post(f"/activities/{entry.id}/delete", data={})
    freeze_now(NOW + timedelta(minutes=UNDO_MINUTES, seconds=1))

    assert "restore" not in client.get(f"/activities/?deleted={entry.id}").get_data(as_text=True)
    answer = client.post(f"/activities/{entry.id}/restore", data={})
    page = client.get(answer.location).get_data(as_text=True)

    assert "this one was deleted earlier" in page
    db.session.expire_all()
    assert db.session.get(Activity, entry.id).deleted_at is not None
    assert actions(db, entry.id) == ["activity_delete"]


@pytest.mark.parametrize("deleted", ["abc", "-1", "99999999999", "0"])
def test_a_bad_deleted_id_on_the_home_page_is_ignored(client, officer, deleted):
    page = client.get(f"/activities/?deleted={deleted}")
    assert page.status_code == 200 and "Undo" not in page.get_data(as_text=True)


def test_another_officers_deleted_entry_cannot_be_brought_back(
    client, db, officer, make_user, make_activity, freeze_now
):
    freeze_now(NOW)
    entry = make_activity(make_user("officer"), "admin")
    entry.deleted_at = NOW
    db.session.commit()
    assert client.post(f"/activities/{entry.id}/restore", data={}).status_code == 404
    assert "Undo" not in client.get(f"/activities/?deleted={entry.id}").get_data(as_text=True)


def test_submit_shows_the_saved_entry_with_what_to_log_next(client, db, officer, school):
    answer = client.post("/activities/new/classroom", data=form_for(db, "classroom", school))

    entry = db.session.scalars(sa.select(Activity)).one()
    assert answer.location == f"/activities/{entry.id}?saved=1"
    page = client.get(answer.location).get_data(as_text=True)
    assert "Saved: Classroom instruction on Tue 10 Mar, sent for review." in page
    assert "Saved:" not in client.get(f"/activities/{entry.id}").get_data(as_text=True)
    assert f"/activities/new/classroom?copy={entry.id}" in page
    assert "Log something else" in page and "A classroom entry" in page
