"""TOTP enrolment by QR code, sign-in with a code or a recovery code, and the rule that
supervisors and admins must use one when the agency turns it on."""

import base64
import re
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
import sqlalchemy as sa

from sro_log.models import AuditEvent, RecoveryCode, User
from tests.activities.entryforms import field_error
from tests.auth.signing_in import actions, sign_in
from tests.conftest import PASSWORD

T0 = datetime(2026, 11, 2, 15, 0, 10, tzinfo=UTC)


@pytest.fixture
def enrolled(client, db, make_user, login, freeze_now):
    """An officer who has turned the second factor on; returns (user, secret, recovery codes)."""
    freeze_now(T0)
    user = make_user("officer", username="dana")
    login(user)
    page = client.get("/auth/mfa").get_data(as_text=True)
    secret = re.search(r'data-testid="mfa-secret">([A-Z2-7]+)<', page).group(1)
    code = pyotp.TOTP(secret).at(T0)
    result = client.post("/auth/mfa", data={"code": code}).get_data(as_text=True)
    codes = re.findall(r"<code>([0-9a-f-]+)</code>", result)
    client.post("/auth/logout", data={})
    db.session.refresh(user)
    return user, secret, codes


def test_enrolment_shows_a_qr_code_drawn_here_and_stores_the_secret(client, db, enrolled):
    user, secret, codes = enrolled
    assert user.mfa_secret == secret and len(codes) == 10
    stored = db.session.scalars(sa.select(RecoveryCode.code_hash)).all()
    assert len(stored) == 10 and not set(codes) & set(stored)  # only hashes are kept
    event = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "mfa_enrol")).one()
    assert event.actor_id == user.id and event.changes == {"recovery_codes": 10}


def test_the_qr_code_is_an_svg_data_url_of_the_totp_uri(client, make_user, login):
    login(make_user("officer", username="dana"))
    page = client.get("/auth/mfa").get_data(as_text=True)
    src = re.search(r'<img src="data:image/svg\+xml;base64,([^"]+)"', page).group(1)
    assert base64.b64decode(src).startswith(b"<svg")
    assert "http" not in re.search(r'<img src="[^"]+"', page).group(0).split("base64,")[0]


def test_a_wrong_code_does_not_turn_the_second_factor_on(client, db, make_user, login):
    user = make_user("officer", username="dana")
    login(user)
    client.get("/auth/mfa")
    response = client.post("/auth/mfa", data={"code": "000000"})
    assert response.status_code == 422
    assert "not right" in field_error(response.get_data(as_text=True), "code")
    db.session.refresh(user)
    assert user.mfa_secret is None and actions(db) == []


def test_sign_in_needs_the_current_code_after_the_password(client, db, enrolled, freeze_now):
    _user, secret, _ = enrolled
    at = T0 + timedelta(minutes=5)
    freeze_now(at)
    response = sign_in(client, "dana")
    assert response.location == "/auth/second-factor"
    assert client.get("/activities/").status_code == 302  # not signed in yet
    response = client.post("/auth/second-factor", data={"code": pyotp.TOTP(secret).at(at)})
    assert response.status_code == 302 and response.location == "/"
    assert client.get("/activities/").status_code == 200
    login = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "login")
                               .order_by(AuditEvent.id.desc())).first()  # fmt: skip
    assert login.changes == {"second_factor": "totp"}


def test_a_code_works_only_once(app, client, db, enrolled, freeze_now):
    from tests.conftest import BrowserLikeClient

    _user, secret, _ = enrolled
    at = T0 + timedelta(minutes=5)
    freeze_now(at)
    code = pyotp.TOTP(secret).at(at)
    sign_in(client, "dana")
    assert client.post("/auth/second-factor", data={"code": code}).status_code == 302
    other = BrowserLikeClient(app, app.response_class, use_cookies=True)
    sign_in(other, "dana")
    assert other.post("/auth/second-factor", data={"code": code}).status_code == 422


def test_a_recovery_code_signs_in_once(client, db, enrolled):
    _, _, codes = enrolled
    sign_in(client, "dana")
    response = client.post("/auth/second-factor", data={"code": codes[0].upper()})
    assert response.status_code == 302
    client.post("/auth/logout", data={})
    sign_in(client, "dana")
    assert client.post("/auth/second-factor", data={"code": codes[0]}).status_code == 422
    used = db.session.scalars(sa.select(RecoveryCode).where(RecoveryCode.used_at.is_not(None)))
    assert len(used.all()) == 1


def test_wrong_codes_count_toward_the_lockout(client, db, enrolled):
    user, _, _ = enrolled
    sign_in(client, "dana")
    for _ in range(4):
        assert client.post("/auth/second-factor", data={"code": "123456"}).status_code == 422
    response = client.post("/auth/second-factor", data={"code": "123456"})
    assert response.status_code == 302 and response.location == "/auth/login"
    db.session.refresh(user)
    assert user.locked_until is not None
    assert actions(db).count("login_locked") == 1


def test_the_password_step_expires_after_five_minutes(client, db, enrolled, freeze_now):
    _, secret, _ = enrolled
    freeze_now(T0)
    sign_in(client, "dana")
    later = T0 + timedelta(minutes=5, seconds=30)
    freeze_now(later)
    response = client.post("/auth/second-factor", data={"code": pyotp.TOTP(secret).at(later)})
    assert response.location == "/auth/login"


def test_removing_the_second_factor_needs_the_password_and_is_audited(client, db, enrolled,
                                                                      login):  # fmt: skip
    user, _, _ = enrolled
    login(user)
    client.post("/auth/mfa/remove", data={"current_password": "not-the-password"})
    db.session.refresh(user)
    assert user.mfa_secret is not None
    client.post("/auth/mfa/remove", data={"current_password": PASSWORD})
    db.session.refresh(user)
    assert user.mfa_secret is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RecoveryCode)) == 0
    assert actions(db)[-1] == "mfa_remove"


@pytest.mark.parametrize(
    ("role", "must"),
    [("supervisor", True), ("admin", True), ("officer", False), ("partner", False)],
)
def test_supervisors_and_admins_must_enrol_when_the_agency_requires_it(
    app, client, db, make_user, make_school, login, monkeypatch, role, must
):
    monkeypatch.setitem(app.config, "SRO_LOG_REQUIRE_MFA", True)
    district = make_school().district_id if role == "partner" else None
    login(make_user(role, district_id=district))
    response = client.get("/")
    assert (response.location == "/auth/mfa") is must
    if must:
        assert client.get("/auth/mfa").status_code == 200


def test_a_required_second_factor_cannot_be_removed(app, client, db, make_user, login,
                                                   monkeypatch):  # fmt: skip
    supervisor = make_user("supervisor", mfa_secret=pyotp.random_base32())
    monkeypatch.setitem(app.config, "SRO_LOG_REQUIRE_MFA", True)
    login(supervisor)
    client.post("/auth/mfa/remove", data={"current_password": PASSWORD})
    assert db.session.scalar(sa.select(User.mfa_secret).where(User.id == supervisor.id))


@pytest.mark.parametrize(
    ("next_url", "lands_on"),
    [
        ("/activities/list", "/activities/list"),
        ("//evil.example", "/"),
        ("https://evil.example/x", "/"),
    ],
)
def test_the_second_factor_keeps_only_a_safe_next(client, enrolled, freeze_now, next_url,
                                                  lands_on):  # fmt: skip
    _, secret, _ = enrolled
    freeze_now(T0 + timedelta(minutes=5))
    sign_in(client, "dana", next_url=next_url)
    code = pyotp.TOTP(secret).at(T0 + timedelta(minutes=5))
    assert client.post("/auth/second-factor", data={"code": code}).location == lands_on
