"""An entry a phone kept offline arrives with the key the phone made for it: sent twice (a send
cut after the server stored it), it is stored once; its audit event says when it was made on the
phone, and the event's own time is when it arrived. Bad keys and times are refused, writing
nothing."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from sro_log.models import Activity, AuditEvent
from tests.activities.entryforms import form_for

KEY = "0b7c1a52-5f7e-4c6e-9d2a-3e1f4a5b6c7d"
NOW = datetime(2026, 3, 12, 15, 0, tzinfo=UTC)


@pytest.fixture
def officer(make_user, login, freeze_now):
    freeze_now(NOW)
    user = make_user("officer")
    login(user)
    return user


def entries(db) -> list[Activity]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Activity)))


def test_the_same_entry_sent_twice_is_stored_once(client, db, officer, make_school):
    sent = form_for(
        db, "classroom", make_school(), device_key=KEY, made_at="2026-03-10T14:05:00.000Z"
    )
    first = client.post("/activities/new/classroom", data=sent)
    again = client.post("/activities/new/classroom", data=sent)
    stored = entries(db)
    assert len(stored) == 1 and stored[0].external_ref == f"device-{KEY}"
    assert first.location == again.location == f"/activities/{stored[0].id}?saved=1"
    created = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "activity_create")
    ).one()
    assert created.changes["made_on_device_at"] == "2026-03-10T14:05:00+00:00"
    assert created.occurred_at == NOW  # when it arrived


def test_an_entry_without_a_key_is_stored_as_before(client, db, officer, make_school):
    client.post("/activities/new/classroom", data=form_for(db, "classroom", make_school()))
    client.post("/activities/new/classroom", data=form_for(db, "classroom", make_school(name="B")))
    assert [e.external_ref for e in entries(db)] == [None, None]


def test_another_officers_key_is_refused_and_shows_nothing(client, db, officer, make_school,
                                                           make_user, login):  # fmt: skip
    school = make_school()
    client.post("/activities/new/classroom", data=form_for(db, "classroom", school, device_key=KEY))
    login(make_user("officer", username="other"))
    answer = client.post(
        "/activities/new/classroom", data=form_for(db, "classroom", school, device_key=KEY)
    )
    assert answer.status_code == 409
    assert len(entries(db)) == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("device_key", "not-a-key"),
        ("device_key", KEY + "0"),
        ("device_key", "<script>"),
        ("made_at", "yesterday"),
        ("made_at", "2026-03-10T14:05:00"),  # no offset: which zone?
        ("made_at", "2026-03-12T16:00:00Z"),  # an hour ahead of the server
        ("made_at", "2025-11-01T10:00:00Z"),  # older than a phone keeps entries
        ("made_at", "9999-12-31T23:59:59+14:00"),
    ],
)
def test_a_bad_key_or_time_is_refused_with_a_message_and_writes_nothing(
    client, db, officer, make_school, field, value
):
    answer = client.post(
        "/activities/new/classroom", data=form_for(db, "classroom", make_school(), **{field: value})
    )
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert "not valid" in page and "A classroom entry" in page  # the officer's text is kept
    assert entries(db) == []
