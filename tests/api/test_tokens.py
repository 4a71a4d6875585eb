"""Personal access tokens: shown once, stored hashed, refused when expired, revoked or their
user is deactivated; cookie sessions still need their CSRF token on the API."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from sro_log import clock
from sro_log.models import ApiToken, AuditEvent, token_digest


def row_of(db, token) -> ApiToken:
    return db.session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == token_digest(token)))


def call(client, token):
    return client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})


def test_a_token_is_stored_only_as_its_digest_and_notes_its_last_use(db, client, make_user,
                                                                      token_for):  # fmt: skip
    token = token_for(make_user("officer"))
    row = row_of(db, token)
    assert row.token_hash != token and token not in (row.hint + row.name)
    assert row.last_used_at is None
    assert call(client, token).status_code == 200
    db.session.expire_all()
    assert row_of(db, token).last_used_at is not None


def test_an_expired_token_is_refused_with_401(client, make_user, token_for, freeze_now):
    token = token_for(make_user("officer"), days=1)
    freeze_now(clock.now_utc() + timedelta(days=1, seconds=1))
    response = call(client, token)
    assert response.status_code == 401
    assert response.headers["Content-Type"] == "application/problem+json"


def test_a_revoked_token_is_refused_with_401(db, client, make_user, token_for, login):
    user = make_user("officer")
    token = token_for(user)
    login(user)
    page = client.post(f"/auth/tokens/{row_of(db, token).id}/revoke", data={})
    assert page.status_code == 302
    assert call(client, token).status_code == 401
    assert db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "token_revoke"))


def test_a_deactivated_users_token_is_refused(db, client, make_user, token_for):
    user = make_user("officer")
    token = token_for(user)
    user.active = False
    db.session.commit()
    assert call(client, token).status_code == 401


def test_an_admins_password_reset_revokes_the_users_tokens(db, client, make_user, token_for,
                                                           login):  # fmt: skip
    user = make_user("officer")
    tokens = [token_for(user, name=f"script {n}") for n in range(2)]
    other = token_for(make_user("officer"))
    login(make_user("admin"))

    assert client.post(f"/admin/users/{user.id}/reset-password", data={}).status_code == 200

    assert [call(client, t).status_code for t in (*tokens, other)] == [401, 401, 200]
    revoked = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "token_revoke"))
    assert len(revoked.all()) == 2


@pytest.mark.parametrize("header", ["Bearer nonsense", "Bearer srolog_" + "x" * 43, "Basic abc",
                                    "Bearer", "", "Bearer " + "srolog_" * 100])  # fmt: skip
def test_a_garbled_or_unknown_token_is_refused_with_401(client, header):
    assert client.get("/api/v1/me", headers={"Authorization": header}).status_code == 401


def test_a_signed_in_session_may_use_the_api_but_changes_need_the_csrf_token(
    client, make_user, make_activity, login
):
    officer = make_user("officer")
    entry = make_activity(officer, kind="patrol")
    login(officer)
    assert client.get("/api/v1/me").get_json()["token"] is None
    refused = client.delete(f"/api/v1/activities/{entry.id}")
    assert refused.status_code == 400 and "CSRF" in refused.get_json()["detail"]
    headers = {"X-CSRFToken": client.csrf_token()}
    assert client.delete(f"/api/v1/activities/{entry.id}", headers=headers).status_code == 204


def test_a_token_request_never_needs_csrf_and_sets_no_cookie(client, make_user, make_activity,
                                                             token_for):  # fmt: skip
    officer = make_user("officer")
    entry = make_activity(officer, kind="patrol")
    response = client.delete(f"/api/v1/activities/{entry.id}",
                             headers={"Authorization": f"Bearer {token_for(officer)}"})  # fmt: skip
    assert response.status_code == 204 and "Set-Cookie" not in response.headers


def test_the_tokens_page_shows_a_new_token_once_and_lists_it_by_its_hint(db, client, make_user,
                                                                         login):  # fmt: skip
    user = make_user("supervisor")
    login(user)
    page = client.post("/auth/tokens", data={"name": "Records system", "days": "30"})
    text = page.get_data(as_text=True)
    token = text.split('id="new-token">')[1].split("<")[0]
    assert token.startswith("srolog_") and call(client, token).status_code == 200
    listing = client.get("/auth/tokens").get_data(as_text=True)
    assert "Records system" in listing and token not in listing and token[:11] in listing
    assert db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "token_create"))


@pytest.mark.parametrize(("data", "message"), [
    ({"name": "", "days": "30"}, "Name the token after what will use it."),
    ({"name": "x", "days": "400"}, "Enter a whole number from 1 to 365."),
    ({"name": "x", "days": "soon"}, "Enter a whole number from 1 to 365."),
])  # fmt: skip
def test_a_bad_token_form_keeps_what_was_typed_and_makes_nothing(db, client, make_user, login,
                                                                  data, message):  # fmt: skip
    login(make_user("officer"))
    page = client.post("/auth/tokens", data=data)
    text = page.get_data(as_text=True)
    assert page.status_code == 422 and message in text
    assert f'value="{data["days"]}"' in text  # what was typed is kept
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == 0


def test_nobody_revokes_another_users_token(db, client, make_user, token_for, login):
    token = token_for(make_user("officer"))
    login(make_user("officer"))
    assert client.post(f"/auth/tokens/{row_of(db, token).id}/revoke", data={}).status_code == 404
    assert call(client, token).status_code == 200


def test_flask_create_token_prints_a_working_token(runner, client, make_user):
    make_user("officer", username="deputy")
    result = runner.invoke(args=["create-token", "deputy", "--name", "CAD", "--days", "7"])
    assert result.exit_code == 0, result.output
    assert call(client, result.output.strip()).get_json()["username"] == "deputy"
    refused = runner.invoke(args=["create-token", "nobody", "--name", "CAD"])
    assert refused.exit_code != 0 and "No active user" in refused.output
