"""Signing in and out through the real login form."""

import pytest
import sqlalchemy as sa

from sro_log.models import AuditEvent
from tests.auth.signing_in import actions, sign_in
from tests.conftest import PASSWORD

PROTECTED = [
    "/",
    "/activities/",
    "/activities/list",
    "/activities/new/classroom",
    "/activities/1",
    "/activities/1/edit",
]


def test_an_officer_signs_in_and_lands_on_their_week(client, db, make_user):
    make_user("officer", username="dana")
    response = sign_in(client, "dana")
    assert response.status_code == 302 and response.location == "/"
    assert client.get("/", follow_redirects=True).request.path == "/activities/"
    assert actions(db) == ["login"]


def test_a_wrong_password_is_refused_with_a_message_and_audited(client, db, make_user):
    user = make_user("officer", username="dana")
    response = sign_in(client, "dana", "not-the-password")
    assert response.status_code == 200
    assert "The username or password is not correct." in response.get_data(as_text=True)
    assert 'value="dana"' in response.get_data(as_text=True)
    assert actions(db) == ["login_failed"]
    db.session.refresh(user)
    assert user.failed_logins == 1
    assert client.get("/activities/").status_code == 302


def test_an_unknown_user_gets_the_same_message_as_a_wrong_password(client, db):
    response = sign_in(client, "nobody")
    assert "The username or password is not correct." in response.get_data(as_text=True)
    assert actions(db) == ["login_failed"]


def test_a_deactivated_user_cannot_sign_in(client, make_user):
    make_user("officer", username="gone", active=False)
    assert "not correct" in sign_in(client, "gone").get_data(as_text=True)


@pytest.mark.parametrize("path", PROTECTED)
def test_anonymous_visitors_are_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.location.startswith("/auth/login?next=")


@pytest.mark.parametrize(
    ("next_url", "lands_on"),
    [
        ("/activities/list", "/activities/list"),
        ("/activities/list?kind=patrol", "/activities/list?kind=patrol"),
        ("//evil.example/", "/"),
        ("https://evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("http:/evil.example", "/"),
        ("/\t/evil.example", "/"),
        ("///evil.example", "/"),
        ("https:evil.example", "/"),
        ("\\\\evil.example", "/"),
        ("/%2F%2Fevil.example", "/%2F%2Fevil.example"),  # a path on this site
        ("/activities/\r\nLocation: https://evil.example", "/"),
        ("", "/"),
    ],
)
def test_next_redirects_only_to_this_site(client, make_user, next_url, lands_on):
    make_user("officer", username="dana")
    assert sign_in(client, "dana", next_url=next_url).location == lands_on


def test_a_login_post_without_a_csrf_token_is_refused(client, db, make_user):
    make_user("officer", username="dana")
    response = client.post(
        "/auth/login", data={"username": "dana", "password": PASSWORD}, csrf=False
    )
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)
    refused = db.session.scalars(sa.select(AuditEvent)).one()  # recorded, without the password
    assert refused.action == "login_refused"
    assert refused.changes == {"reason": "csrf", "username": "dana"}


def test_sign_out_needs_a_post_with_a_csrf_token(client, db, make_user):
    make_user("officer", username="dana")
    sign_in(client, "dana")
    assert client.get("/auth/logout").status_code == 405
    assert client.post("/auth/logout", data={}, csrf=False).status_code == 400
    assert client.get("/activities/").status_code == 200

    assert client.post("/auth/logout", data={}).status_code == 302
    assert client.get("/activities/").status_code == 302
    assert actions(db) == ["login", "logout"]


def test_a_new_session_version_ends_existing_sessions(client, db, make_user):
    user = make_user("officer", username="dana")
    sign_in(client, "dana")
    user.session_version += 1
    db.session.commit()
    assert client.get("/activities/").status_code == 302


def test_deactivating_a_user_ends_their_session(client, db, make_user):
    user = make_user("officer", username="dana")
    sign_in(client, "dana")
    user.active = False
    db.session.commit()
    assert client.get("/activities/").status_code == 302


def test_passwords_are_stored_as_argon2id_hashes(make_user):
    user = make_user("officer")
    assert user.password_hash.startswith("$argon2id$")
    assert user.check_password(PASSWORD) and not user.check_password(PASSWORD + "x")


@pytest.mark.parametrize("username", ["a\x00b", "x" * 65, "", "' OR 1=1 --"])
def test_odd_usernames_are_refused_without_an_error(client, username):
    response = sign_in(client, username)
    assert response.status_code == 200
