"""Sessions end when idle or too old, when the password changes, or everywhere on request; a
reset password must be changed before anything else."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask.sessions import SecureCookieSessionInterface

from sro_log import audit
from sro_log.models import AuditEvent, User, UserSession
from tests.activities.entryforms import field_error
from tests.auth.signing_in import actions, sign_in
from tests.conftest import PASSWORD, BrowserLikeClient

T0 = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)
NEW = "maple-tunnel-quietly-nine"


@pytest.fixture
def dana(make_user):
    return make_user("officer", username="dana", full_name="Dana Whitfield")


def at(freeze_now, **delta):
    freeze_now(T0 + timedelta(**delta))


def test_a_session_ends_after_thirty_minutes_idle(client, db, dana, freeze_now):
    at(freeze_now)
    sign_in(client, "dana")
    at(freeze_now, minutes=29)
    assert client.get("/activities/").status_code == 200
    at(freeze_now, minutes=58)  # 29 minutes after the last request: still within the limit
    assert client.get("/activities/").status_code == 200
    at(freeze_now, minutes=88, seconds=1)
    response = client.get("/activities/")
    assert response.status_code == 302 and "/auth/login" in response.location
    assert response.location.endswith("next=/activities/")
    page = client.get(response.location).get_data(as_text=True)
    assert "30 minutes without activity" in page
    assert client.get("/activities/").status_code == 302
    expired = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "session_expired")
    ).one()
    assert expired.changes == {"reason": "idle"}


def test_a_session_ends_after_twelve_hours_however_busy(client, db, dana, freeze_now):
    at(freeze_now)
    sign_in(client, "dana")
    for minutes in range(20, 12 * 60, 20):
        at(freeze_now, minutes=minutes)
        assert client.get("/activities/").status_code == 200, minutes
    at(freeze_now, hours=12, seconds=1)
    assert client.get("/activities/").status_code == 302
    assert db.session.scalars(
        sa.select(AuditEvent.changes).where(AuditEvent.action == "session_expired")
    ).one() == {"reason": "absolute"}


def test_changing_the_password_ends_every_other_session_but_this_one(app, client, db, dana):
    other = BrowserLikeClient(app, app.response_class, use_cookies=True)
    sign_in(client, "dana")
    sign_in(other, "dana")

    response = client.post(
        "/auth/password", data={"current_password": PASSWORD, "new_password": NEW, "confirm": NEW}
    )

    assert response.status_code == 302
    assert client.get("/activities/").status_code == 200
    assert other.get("/activities/").status_code == 302
    db.session.refresh(dana)
    assert dana.check_password(NEW) and not dana.check_password(PASSWORD)
    assert actions(db)[-1] == "password_change"


def test_sign_out_everywhere_ends_every_session(app, client, db, dana):
    other = BrowserLikeClient(app, app.response_class, use_cookies=True)
    sign_in(client, "dana")
    sign_in(other, "dana")
    assert client.post("/auth/sign-out-everywhere", data={}).status_code == 302
    assert client.get("/activities/").status_code == 302
    assert other.get("/activities/").status_code == 302
    assert actions(db)[-1] == "sessions_revoked"
    assert sign_in(client, "dana").status_code == 302  # signing in again works


BAD_CHANGES = [
    ({"current_password": "not-my-password"}, "current_password", "not correct"),
    ({"new_password": "short", "confirm": "short"}, "new_password", "at least 12"),
    ({"new_password": "password1234", "confirm": "password1234"}, "new_password", "common"),
    ({"confirm": "something-else-entirely"}, "confirm", "not the same"),
    ({"new_password": PASSWORD, "confirm": PASSWORD}, "new_password", "not been using"),
    ({"current_password": ""}, "current_password", "Enter your current password"),
]


@pytest.mark.parametrize(("changes", "field", "message"), BAD_CHANGES)
def test_a_bad_password_change_is_refused_at_the_field_and_changes_nothing(
    client, db, dana, changes, field, message
):
    sign_in(client, "dana")
    before = dana.password_hash
    data = {"current_password": PASSWORD, "new_password": NEW, "confirm": NEW, **changes}
    response = client.post("/auth/password", data=data)
    assert response.status_code == 422
    assert message in (field_error(response.get_data(as_text=True), field) or "")
    db.session.refresh(dana)
    assert dana.password_hash == before
    wrong = ["password_check_failed"] if field == "current_password" and changes[field] else []
    assert actions(db) == ["login", *wrong]  # a wrong current password is audited, nothing else


def test_a_reset_password_must_be_changed_before_anything_else(client, db, dana, make_user):
    dana.must_change_password = True
    audit.record("password_reset", dana, actor=make_user("admin"))  # as the admin's reset does
    db.session.commit()
    sign_in(client, "dana")
    for path in ("/", "/activities/", "/dashboard/"):
        response = client.get(path)
        assert response.status_code == 302 and response.location == "/auth/password", path
    page = client.get("/auth/password").get_data(as_text=True)
    assert page.count('role="status"') == 1  # one banner, the page's own
    assert "An administrator reset your password." in page
    client.post(
        "/auth/password", data={"current_password": PASSWORD, "new_password": NEW, "confirm": NEW}
    )
    assert client.get("/activities/").status_code == 200
    assert (
        db.session.scalar(sa.select(User.must_change_password).where(User.id == dana.id)) is False
    )


def test_a_cookie_that_carries_its_values_itself_signs_nobody_in(app, client, db, dana):
    # A cookie as Flask signs one by default (and as SRO Log made them before sessions were kept
    # on the server): validly signed, but no row stands behind it.
    signer = SecureCookieSessionInterface().get_signing_serializer(app)
    client.set_cookie("session", signer.dumps({"_user_id": dana.get_id(), "_fresh": True}))
    assert client.get("/activities/").status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(UserSession)) == 0


def test_a_new_account_is_welcomed_once_and_never_told_its_password_was_reset(client, db, dana):
    dana.must_change_password = True  # as an admin's "Add a user" leaves it
    db.session.commit()
    sign_in(client, "dana")
    page = client.get(client.get("/").location).get_data(as_text=True)
    assert page.count('role="status"') == 1
    assert "Welcome to SRO Log. You signed in with the temporary password" in page
    assert "reset" not in page.lower()


@pytest.mark.parametrize(
    "password", ["Dana Whitfield 2026", "whitfield.dana.2026", "Dana2026Whitfield!"]
)
def test_a_new_users_own_name_and_the_year_is_refused_at_first_sign_in(client, db, dana, password):
    dana.must_change_password = True
    db.session.commit()
    sign_in(client, "dana")
    before = dana.password_hash

    answer = client.post(
        "/auth/password",
        data={"current_password": PASSWORD, "new_password": password, "confirm": password},
    )

    assert answer.status_code == 422
    message = field_error(answer.get_data(as_text=True), "new_password")
    assert "made of your name or the words of the agency's work" in message
    db.session.refresh(dana)
    assert dana.password_hash == before and dana.must_change_password
