"""A user keeps their own email address and chooses the messages they get (issue 22): the
address is checked and audited, a kind turned off is not sent, and bad input is refused at the
field, keeping what was typed and writing nothing."""

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sro_log.models import AuditEvent, NotificationOptOut, User
from sro_log.review.services import return_activity
from tests.activities.entryforms import field_error
from tests.fuzzing import examples


@pytest.fixture
def dana(make_user, login):
    officer = make_user("officer", username="dana", email="dana@example.org")
    login(officer)
    return officer


def count(db, model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_the_page_offers_an_officer_the_returned_entry_message_ticked(client, dana):
    page = client.get("/auth/email").get_data(as_text=True)
    assert 'value="dana@example.org"' in page
    assert "When a supervisor returns one of your entries" in page
    assert '<input checked class="form-check-input" id="wanted-0"' in page


def test_a_partner_is_offered_no_message(client, make_user, login):
    login(make_user("partner", district=None))
    page = client.get("/auth/email").get_data(as_text=True)
    assert "There is no message for your role to turn on or off." in page


def test_changing_the_address_is_stored_in_one_spelling_and_audited(client, db, dana):
    wanted = ["entry_returned", "day_not_logged"]
    response = client.post("/auth/email", data={"email": " Dana.W@Example.org ", "wanted": wanted})
    assert response.status_code == 302
    db.session.refresh(dana)
    assert dana.email == "dana.w@example.org"
    (event,) = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "user_update"))
    assert event.actor_id == dana.id
    assert event.changes == {"email": {"before": "dana@example.org", "after": "dana.w@example.org"}}
    assert count(db, NotificationOptOut) == 0


def test_a_message_turned_off_is_not_sent_and_turning_it_on_again_sends_it(
    client, db, dana, make_user, make_activity, runner, smtp_server, mail_config
):
    assert client.post("/auth/email", data={"email": "dana@example.org"}).status_code == 302
    (event,) = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "mail_preferences")
    )
    assert event.changes == {"off": {"before": [], "after": ["day_not_logged", "entry_returned"]}}
    entry = make_activity(dana, "patrol", status="submitted")
    return_activity(entry, make_user("supervisor"), "Add the school.", None)
    db.session.commit()
    inbox, port = smtp_server()
    mail_config(port)
    assert "0 sent" in runner.invoke(args=["send-notifications"]).output
    client.post("/auth/email", data={"email": "dana@example.org", "wanted": "entry_returned"})
    assert "1 sent" in runner.invoke(args=["send-notifications"]).output
    assert len(inbox.messages) == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-address", "like name@example.org"),
        ("email", "SAM@example.org", "Another user has this email address."),
        ("email", "x" * 250 + "@example.org", "254"),
        ("wanted", "digest_for_everyone", "not a valid choice"),
    ],
)
def test_bad_settings_are_refused_at_the_field_keeping_what_was_typed(
    client, db, dana, make_user, field, value, message
):
    make_user("officer", username="sam", email="sam@example.org")
    before = (count(db, AuditEvent), count(db, NotificationOptOut))
    data = {"email": "dana@example.org", "wanted": "entry_returned", field: value}
    response = client.post("/auth/email", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in (field_error(page, field) or "")
    if field == "email":
        assert f'value="{value}"' in page
    assert (count(db, AuditEvent), count(db, NotificationOptOut)) == before
    db.session.refresh(dana)
    assert dana.email == "dana@example.org"


@settings(max_examples=examples(100), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(email=st.text(max_size=300), wanted=st.lists(st.text(max_size=20), max_size=3))
def test_any_settings_never_fail_and_write_only_a_valid_address(client, db, dana, email, wanted):
    response = client.post("/auth/email", data={"email": email, "wanted": wanted})
    assert response.status_code in (302, 422)
    stored = db.session.scalar(sa.select(User.email).where(User.id == dana.id))
    if response.status_code == 422:
        assert stored == "dana@example.org"
    else:
        assert stored == ((email.strip().lower()) or None)
        db.session.execute(
            sa.update(User).where(User.id == dana.id).values(email="dana@example.org")
        )
        db.session.commit()
