"""Lockout after failed sign-ins, the per-address rate limit, and the password rule."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
import redis
import sqlalchemy as sa
from argon2 import PasswordHasher

from sro_log import create_app
from sro_log.auth.passwords import password_problem
from sro_log.models import AuditEvent, User
from tests.auth.signing_in import actions, sign_in
from tests.conftest import PASSWORD

T0 = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)


def refused(response) -> bool:
    return response.status_code == 200 and "username or password is not correct" in (
        response.get_data(as_text=True)
    )


def test_five_failures_lock_the_account_for_fifteen_minutes_even_with_the_right_password(
    client, db, make_user, freeze_now
):
    user = make_user("officer", username="dana")
    freeze_now(T0)
    for _ in range(5):
        assert refused(sign_in(client, "dana", "wrong-password-here"))
    assert actions(db).count("login_locked") == 1

    freeze_now(T0 + timedelta(minutes=14))
    assert refused(sign_in(client, "dana"))  # the right password, still locked

    freeze_now(T0 + timedelta(minutes=15, seconds=1))
    assert sign_in(client, "dana").status_code == 302
    db.session.refresh(user)
    assert user.failed_logins == 0 and user.locked_until is None
    reasons = [
        e.changes["reason"]
        for e in db.session.scalars(
            sa.select(AuditEvent).where(AuditEvent.action == "login_failed").order_by(AuditEvent.id)
        )
    ]
    assert reasons == ["password"] * 5 + ["locked"]


def test_a_locked_account_an_unknown_user_and_a_wrong_password_read_the_same(client, db, make_user):
    make_user("officer", username="dana")
    for _ in range(5):
        sign_in(client, "dana", "wrong-password-here")
    pages = [
        sign_in(client, "dana").get_data(as_text=True),
        sign_in(client, "nobody-here").get_data(as_text=True),
        sign_in(client, "dana", "another-wrong-one").get_data(as_text=True),
    ]
    errors = [p[p.index('id="password-error"') :].split("</div>")[0] for p in pages]
    assert errors[0] == errors[1] == errors[2]


def test_lockout_attempts_and_minutes_come_from_config(app, client, db, make_user, freeze_now,
                                                        monkeypatch):  # fmt: skip
    monkeypatch.setitem(app.config, "SRO_LOG_LOCKOUT_ATTEMPTS", 2)
    monkeypatch.setitem(app.config, "SRO_LOG_LOCKOUT_MINUTES", 1)
    make_user("officer", username="dana")
    freeze_now(T0)
    sign_in(client, "dana", "wrong-password-here")
    sign_in(client, "dana", "wrong-password-here")
    assert refused(sign_in(client, "dana"))
    freeze_now(T0 + timedelta(minutes=1, seconds=1))
    assert sign_in(client, "dana").status_code == 302


def test_the_login_rate_limit_refuses_an_address_that_tries_too_often(app, client, db,
                                                                     monkeypatch):  # fmt: skip
    monkeypatch.setitem(app.config, "SRO_LOG_LOGIN_RATE_LIMIT", "3 per minute")
    codes = [sign_in(client, f"user{i}", "whatever-password").status_code for i in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = db.session.scalars(sa.select(AuditEvent).where(
        AuditEvent.action == "login_refused")).one()  # fmt: skip
    assert refused.changes == {"reason": "rate_limit", "username": "user3"}
    assert "Too many attempts" in sign_in(client, "user9").get_data(as_text=True)
    assert client.get("/auth/login").status_code == 200  # reading the page is never limited


def test_a_forged_forwarded_address_does_not_escape_the_limit_without_a_trusted_proxy(
    app, client, db, monkeypatch
):
    monkeypatch.setitem(app.config, "SRO_LOG_LOGIN_RATE_LIMIT", "2 per minute")
    codes = [client.post("/auth/login", data={"username": "x", "password": "y"},
                         headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code
             for i in range(3)]  # fmt: skip
    assert codes == [200, 200, 429]


def test_behind_a_trusted_proxy_the_limit_keys_on_the_forwarded_client(tmp_path, monkeypatch):
    monkeypatch.setenv("SRO_LOG_LOGIN_RATE_LIMIT", "2 per minute")
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'p.sqlite'}",
                     SRO_LOG_PROXY_HOPS=1, WTF_CSRF_ENABLED=False)  # fmt: skip
    client = app.test_client()

    def post(client_address: str) -> int:
        return client.post("/auth/login", data={"username": "", "password": ""},
                           headers={"X-Forwarded-For": client_address},
                           environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code  # fmt: skip

    assert [post("198.51.100.7"), post("198.51.100.7"), post("198.51.100.7")] == [200, 200, 429]
    assert post("198.51.100.8") == 200  # another client behind the same proxy


def test_the_rate_limit_counts_in_redis_when_configured(tmp_path, monkeypatch):
    server = redis.Redis.from_url("redis://127.0.0.1:6379/15")
    server.ping()
    monkeypatch.setenv("SRO_LOG_LOGIN_RATE_LIMIT", "2 per minute")
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'r.sqlite'}",
                     SRO_LOG_RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379/15",
                     WTF_CSRF_ENABLED=False)  # fmt: skip
    # An address of its own, so parallel runs on the same Redis never share a counter.
    address = "fd00::" + ":".join(uuid.uuid4().hex[i : i + 4] for i in range(0, 16, 4))
    client = app.test_client()

    def post():
        return client.post(
            "/auth/login",
            data={"username": "", "password": ""},
            environ_base={"REMOTE_ADDR": address},
        ).status_code

    try:
        assert [post(), post(), post()] == [200, 200, 429]
        assert any(address.encode() in key for key in server.scan_iter("*sro_log*"))
        # A second app on the same Redis (another gunicorn worker) sees the same count.
        other = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'r.sqlite'}",
                           SRO_LOG_RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379/15",
                           WTF_CSRF_ENABLED=False)  # fmt: skip
        response = other.test_client().post("/auth/login", data={"username": ""},
                                            environ_base={"REMOTE_ADDR": address})  # fmt: skip
        assert response.status_code == 429
    finally:
        for key in server.scan_iter(f"*{address}*"):
            server.delete(key)


def test_an_older_hash_is_rehashed_at_sign_in(client, db, make_user):
    user = make_user("officer", username="dana")
    user.password_hash = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    db.session.commit()
    old = user.password_hash
    assert sign_in(client, "dana").status_code == 302
    db.session.refresh(user)
    assert user.password_hash != old and "m=65536" in user.password_hash
    assert user.check_password(PASSWORD)
    assert actions(db) == ["password_rehash", "login"]


RULE = [
    ("short-pass1", "at least 12 characters"),
    ("password1234", "most common passwords"),
    ("aaaaaaaaaaaaaaaa", "too weak"),
    ("Whitfield-Dana", "made of your name"),  # built from the user's own name
    ("sheriffsheriff1", "made of your name"),
    ("sheriffdeputy2026", "the words of the agency's work"),  # zxcvbn scored it 3
    ("Dana Whitfield 2026", "made of your name"),  # and this one 4
    ("JeffersonCounty!2026", "the agency's name"),  # the configured agency's name
    ("school-resource-officer-99", "made of your name"),
    ("x" * 257, "at most 256"),
]


@pytest.mark.parametrize(("password", "message"), RULE)
def test_weak_passwords_are_refused_with_a_reason(app, password, message):
    with app.app_context():  # the agency's name comes from the configuration
        assert message in (password_problem(password, ("dana", "Dana Whitfield")) or "")


@pytest.mark.parametrize("password", ["correct-horse-battery-staple", "Maple+Tunnel+Quietly9"])
def test_strong_passwords_pass(password):
    assert password_problem(password, ("dana", "Dana Whitfield")) is None


def test_an_inactive_user_is_refused_like_anyone_else(client, db, make_user):
    make_user("officer", username="dana", active=False)
    assert refused(sign_in(client, "dana"))
    assert db.session.scalar(sa.select(User.failed_logins).where(User.username == "dana")) == 0
