"""Sessions kept on the server end for every copy of their cookie; API tokens follow the
password; the password asked again counts toward the lockout; nothing dynamic is cached."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from sro_log.models import ApiToken, AuditEvent, UserSession
from tests.auth.signing_in import sign_in
from tests.conftest import PASSWORD, BrowserLikeClient

NEW = "maple-tunnel-quietly-nine"
T0 = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)


@pytest.fixture
def dana(make_user):
    return make_user("officer", username="dana", full_name="Dana Whitfield")


def browser(app) -> BrowserLikeClient:
    return BrowserLikeClient(app, app.response_class, use_cookies=True)


def copy_of(app, client) -> BrowserLikeClient:
    """Another browser holding a copy of `client`'s session cookie (a stolen cookie)."""
    thief = browser(app)
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def signed_in(client) -> bool:
    return client.get("/activities/").status_code == 200


def api_signed_in(client) -> bool:
    return client.get("/api/v1/me").status_code == 200


def make_token(client) -> str:
    page = client.post("/auth/tokens", data={"name": "CAD export", "days": "90"})
    assert page.status_code == 200, page.get_data(as_text=True)[:300]
    return page.get_data(as_text=True).split('id="new-token">')[1].split("<")[0]


def token_works(app, token: str) -> bool:
    return (
        browser(app).get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code
        == 200
    )


def test_a_cookie_copied_before_sign_out_is_refused_after_it(app, client, db, dana):
    sign_in(client, "dana")
    thief = copy_of(app, client)
    assert signed_in(thief) and api_signed_in(thief)
    client.post("/auth/logout", data={})
    assert not signed_in(thief) and not api_signed_in(thief)
    response = thief.post("/auth/tokens", data={"name": "stolen", "days": "365"})
    assert response.status_code in (302, 400)  # sent to sign in, or its CSRF token is gone
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(UserSession)) == 0


@pytest.mark.parametrize("how", ["password_change", "sign_out_everywhere", "deactivation",
                                 "admin_ends_sessions", "admin_reset"])  # fmt: skip
def test_each_way_of_ending_sessions_ends_copies_and_revokes_tokens(
    app, client, db, dana, make_user, login, how
):
    sign_in(client, "dana")
    token = make_token(client)
    thief = copy_of(app, client)
    assert token_works(app, token) and signed_in(thief)
    admin = browser(app)
    login(make_user("admin"), on=admin)
    if how == "password_change":
        client.post("/auth/password", data={"current_password": PASSWORD, "new_password": NEW,
                                            "confirm": NEW})  # fmt: skip
        assert signed_in(client)  # this browser goes on, with a new key
    elif how == "sign_out_everywhere":
        client.post("/auth/sign-out-everywhere", data={})
        assert not signed_in(client)
    elif how == "deactivation":
        admin.post(f"/admin/users/{dana.id}/deactivate", data={})
    elif how == "admin_ends_sessions":
        admin.post(f"/admin/users/{dana.id}/end-sessions", data={})
    else:
        admin.post(f"/admin/users/{dana.id}/reset-password", data={})
    assert not signed_in(thief) and not api_signed_in(thief)
    assert not token_works(app, token)
    assert db.session.scalar(sa.select(AuditEvent.action).where(
        AuditEvent.action == "token_revoke")) == "token_revoke"  # fmt: skip
    if how == "deactivation":  # reactivation does not revive the token
        admin.post(f"/admin/users/{dana.id}/reactivate", data={})
        assert not token_works(app, token)


def test_a_user_sees_their_sessions_and_ends_one(app, client, db, dana):
    phone, laptop = browser(app), browser(app)
    sign_in(phone, "dana")
    sign_in(laptop, "dana")
    page = laptop.get("/auth/sessions", headers={"User-Agent": "Laptop"}).get_data(as_text=True)
    assert page.count("<tr>") == 3  # the header and two sessions
    assert "this one" in page
    rows = db.session.scalars(sa.select(UserSession).order_by(UserSession.created_at)).all()
    phone_row = rows[0]
    response = laptop.post(f"/auth/sessions/{phone_row.id}/end", data={})
    assert response.status_code == 302
    assert not signed_in(phone) and signed_in(laptop)
    assert db.session.scalar(sa.select(AuditEvent.action).where(
        AuditEvent.action == "session_end")) == "session_end"  # fmt: skip


def test_ending_the_other_sessions_keeps_this_one(app, client, db, dana):
    others = [browser(app) for _ in range(3)]
    for other in others:
        sign_in(other, "dana")
    sign_in(client, "dana")
    client.post("/auth/sessions/end-others", data={})
    assert signed_in(client) and not any(signed_in(o) for o in others)


def test_another_users_session_cannot_be_ended(app, client, db, dana, make_user):
    make_user("officer", username="blake")
    blake = browser(app)
    sign_in(blake, "blake")
    sign_in(client, "dana")
    blake_row = db.session.scalar(sa.select(UserSession).where(UserSession.user_id != dana.id))
    client.post(f"/auth/sessions/{blake_row.id}/end", data={})
    assert signed_in(blake)


def test_a_token_needs_the_password_again_after_five_minutes(app, client, db, dana,
                                                              freeze_now):  # fmt: skip
    freeze_now(T0)
    sign_in(client, "dana")
    freeze_now(T0 + timedelta(minutes=6))
    response = client.post("/auth/tokens", data={"name": "CAD", "days": "30"})
    assert response.status_code == 422 and "Enter your password" in response.get_data(as_text=True)
    response = client.post("/auth/tokens", data={"name": "CAD", "days": "30",
                                                 "password": "not-it-at-all"})  # fmt: skip
    assert response.status_code == 422 and "not correct" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == 0
    response = client.post("/auth/tokens", data={"name": "CAD", "days": "30",
                                                 "password": PASSWORD})  # fmt: skip
    assert response.status_code == 200 and 'id="new-token"' in response.get_data(as_text=True)


@pytest.mark.parametrize("where", ["password", "token", "mfa_remove"])
def test_the_password_asked_again_counts_toward_the_lockout(app, client, db, dana, freeze_now,
                                                            where):  # fmt: skip
    freeze_now(T0)
    sign_in(client, "dana")
    freeze_now(T0 + timedelta(minutes=10))
    for attempt in range(5):
        if where == "password":
            client.post(
                "/auth/password",
                data={
                    "current_password": f"wrong-guess-{attempt}",
                    "new_password": NEW,
                    "confirm": NEW,
                },
            )
        elif where == "token":
            client.post(
                "/auth/tokens",
                data={"name": "x", "days": "1", "password": f"wrong-guess-{attempt}"},
            )
        else:
            client.post("/auth/mfa/remove", data={"current_password": f"wrong-{attempt}"})
    # The fifth wrong password locks the account and signs it out everywhere.
    assert not signed_in(client)
    db.session.refresh(dana)
    assert dana.locked_until is not None
    assert sign_in(browser(app), "dana").status_code == 200  # refused while locked
    events = db.session.scalars(sa.select(AuditEvent.action)).all()
    assert events.count("password_check_failed") == 5 and "login_locked" in events


@pytest.mark.parametrize("path", ["/auth/tokens", "/activities/", "/review/entries.csv",
                                  "/admin/users", "/api/v1/me"])  # fmt: skip
def test_nothing_but_static_files_may_be_cached(client, db, make_user, login, path):
    login(make_user("admin" if "admin" in path else
                    "supervisor" if "review" in path else "officer"))  # fmt: skip
    response = client.get(path)
    assert response.headers["Cache-Control"] == "no-store", path
    static = client.get("/static/css/app.css")
    assert "no-store" not in static.headers.get("Cache-Control", "")
    static.close()


def test_a_session_that_lapsed_is_not_listed_and_its_row_goes_at_the_next_sign_in(
    app, client, db, dana, freeze_now
):
    freeze_now(T0)
    old = browser(app)
    sign_in(old, "dana")
    freeze_now(T0 + timedelta(minutes=45))  # the first browser idle for 45 minutes
    sign_in(client, "dana")
    page = client.get("/auth/sessions").get_data(as_text=True)
    assert page.count("<tr>") == 2  # the header and this session only
    assert db.session.scalar(sa.select(sa.func.count()).select_from(UserSession)) == 1
