"""The admin manages users: add, edit, deactivate and reactivate, reset a password."""

import re

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sro_log.clock import today_local
from sro_log.models import Assignment, AuditEvent, User
from tests.activities.entryforms import field_error
from tests.auth.signing_in import sign_in
from tests.conftest import BrowserLikeClient
from tests.fuzzing import examples

NEW = {"username": "grace", "full_name": "Dep. Grace Ndiaye", "email": "grace@example.org",
       "role": "officer", "district_id": ""}  # fmt: skip


@pytest.fixture
def admin(make_user, login):
    user = make_user("admin", username="lt.okafor")
    login(user)
    return user


def count(db, model=User) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def events(db, action) -> list[AuditEvent]:
    return db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)).all()


def temporary_password(page: str) -> str:
    return re.search(r'data-testid="temporary-password">([^<]+)<', page).group(1)


def test_a_new_user_gets_a_temporary_password_shown_once_and_must_change_it(app, client, db, admin):
    response = client.post("/admin/users/new", data=NEW)
    assert response.status_code == 200
    password = temporary_password(response.get_data(as_text=True))
    user = db.session.scalar(sa.select(User).where(User.username == "grace"))
    assert user.check_password(password) and user.must_change_password
    assert password not in str(events(db, "user_create")[0].changes)

    browser = BrowserLikeClient(app, app.response_class, use_cookies=True)
    sign_in(browser, "grace", password)
    assert browser.get("/activities/").location == "/auth/password"


BAD_USERS = [
    ("username", "", "Enter a username."),
    ("username", "Grace Smith", "lower-case letters"),
    ("username", "x" * 65, "between 2 and 64"),
    ("full_name", " ", "Enter the person's name."),
    ("email", "not-an-address", "like name@example.org"),
    ("role", "sheriff", "Not a valid choice"),
    ("district_id", "999", "Not a valid choice"),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_USERS)
def test_a_bad_user_is_refused_at_the_field_keeping_what_was_typed(client, db, admin, field,
                                                                   value, message):  # fmt: skip
    before = (count(db), count(db, AuditEvent))
    response = client.post("/admin/users/new", data={**NEW, field: value})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in (field_error(page, field) or ""), field_error(page, field)
    assert (count(db), count(db, AuditEvent)) == before
    if field != "full_name":
        assert 'value="Dep. Grace Ndiaye"' in page


def test_a_partner_needs_a_district_and_a_username_must_be_free(client, db, admin):
    response = client.post("/admin/users/new", data={**NEW, "role": "partner"})
    assert "Choose the partner's district" in field_error(response.get_data(as_text=True),
                                                          "district_id")  # fmt: skip
    response = client.post("/admin/users/new", data={**NEW, "username": "lt.okafor"})
    assert "taken" in field_error(response.get_data(as_text=True), "username")


@settings(max_examples=examples(200), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(changed=st.dictionaries(st.sampled_from(sorted(NEW)),
                               st.one_of(st.text(max_size=70), st.integers().map(str)),
                               min_size=1, max_size=3))  # fmt: skip
def test_arbitrary_user_input_never_errors_and_writes_only_when_valid(client, db, admin,
                                                                      changed):  # fmt: skip
    before = count(db)
    response = client.post("/admin/users/new", data={**NEW, **changed})
    assert response.status_code in (200, 422)
    assert count(db) == before + (response.status_code == 200)


def test_changing_a_role_is_audited_and_ends_that_users_sessions(
    app, client, db, admin, make_user, make_school
):
    dana = make_user("officer", username="dana")
    district = make_school().district_id
    browser = BrowserLikeClient(app, app.response_class, use_cookies=True)
    sign_in(browser, "dana")
    response = client.post(
        f"/admin/users/{dana.id}",
        data={"full_name": dana.full_name, "email": "", "role": "partner", "district_id": district},
    )
    assert response.status_code == 302
    assert events(db, "user_update")[0].changes == {
        "district_id": {"before": None, "after": district},
        "role": {"before": "officer", "after": "partner"},
    }
    assert browser.get("/activities/").status_code == 302


def test_deactivating_ends_sessions_and_sign_in_and_reactivating_restores_them(
    app, client, db, admin, make_user
):
    dana = make_user("officer", username="dana")
    browser = BrowserLikeClient(app, app.response_class, use_cookies=True)
    sign_in(browser, "dana")
    client.post(f"/admin/users/{dana.id}/deactivate", data={})
    assert browser.get("/activities/").status_code == 302
    assert sign_in(browser, "dana").status_code == 200  # refused
    client.post(f"/admin/users/{dana.id}/reactivate", data={})
    assert sign_in(browser, "dana").status_code == 302
    assert [len(events(db, a)) for a in ("user_deactivate", "user_reactivate")] == [1, 1]


def test_an_admin_cannot_deactivate_or_demote_themselves(client, db, admin):
    client.post(f"/admin/users/{admin.id}/deactivate", data={})
    response = client.post(
        f"/admin/users/{admin.id}",
        data={"full_name": "Lt", "email": "", "role": "officer", "district_id": ""},
    )
    assert response.status_code == 422
    db.session.refresh(admin)
    assert admin.active and admin.role == "admin"
    assert events(db, "user_deactivate") == [] and events(db, "user_update") == []


def test_a_password_reset_ends_sessions_and_forces_a_change(app, client, db, admin, make_user):
    dana = make_user("officer", username="dana")
    browser = BrowserLikeClient(app, app.response_class, use_cookies=True)
    sign_in(browser, "dana")
    response = client.post(f"/admin/users/{dana.id}/reset-password", data={})
    password = temporary_password(response.get_data(as_text=True))
    assert browser.get("/activities/").status_code == 302
    sign_in(browser, "dana", password)
    assert browser.get("/").location == "/auth/password"
    event = events(db, "password_reset")[0]
    assert event.actor_id == admin.id and event.object_id == str(dana.id)


@pytest.mark.parametrize("role", ["officer", "supervisor", "partner"])
def test_only_admins_manage_users_or_read_the_audit_trail(client, db, make_user, login, role):
    login(make_user(role))
    for path in ("/admin/users", "/admin/users/new", "/admin/audit", "/admin/audit.csv"):
        assert client.get(path).status_code == 403, path
    assert client.post("/admin/users/new", data=NEW).status_code == 403
    assert count(db) == 1


def test_adding_an_officer_asks_for_their_schools_and_assigns_them_from_today(
    client, db, admin, make_school
):
    north, river = make_school(), make_school(name="Riverbend High", district="Riverbend C-4")
    page = client.get("/admin/users/new").get_data(as_text=True)
    assert "Riverbend High (Riverbend C-4)" in page and "Tick the school" not in page

    refused = client.post("/admin/users/new", data=NEW)
    assert refused.status_code == 422
    assert field_error(refused.get_data(as_text=True), "school_ids") == (
        "Tick the school (or schools) the officer serves."
    )
    assert count(db) == 1 and count(db, Assignment) == 0

    client.post("/admin/users/new", data={**NEW, "school_ids": [str(north.id), str(river.id)]})
    grace = db.session.scalar(sa.select(User).where(User.username == "grace"))
    assigned = db.session.scalars(sa.select(Assignment).where(Assignment.officer_id == grace.id))
    assert {(a.school_id, a.starts_on, a.ends_on) for a in assigned} == {
        (north.id, today_local(), None),
        (river.id, today_local(), None),
    }
    (created,) = events(db, "user_create")
    assert created.changes["school_ids"] == sorted([north.id, river.id])
    assert len(events(db, "admin_create")) == 2


def test_a_supervisor_is_added_without_schools(client, db, admin, make_school):
    school = make_school()
    data = {**NEW, "role": "supervisor", "school_ids": [str(school.id)]}
    assert client.post("/admin/users/new", data=data).status_code == 200
    assert count(db) == 2 and count(db, Assignment) == 0


@pytest.mark.parametrize("typed", ["dana@example.org", " Dana@Example.ORG "])
def test_an_email_address_belongs_to_one_user_whatever_its_case(client, db, admin, make_user,
                                                               typed):  # fmt: skip
    make_user("officer", username="dana", email="dana@example.org")
    before = (count(db), count(db, AuditEvent))
    response = client.post("/admin/users/new", data={**NEW, "email": typed})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Another user has this email address." in field_error(page, "email")
    assert 'value="Dep. Grace Ndiaye"' in page
    assert (count(db), count(db, AuditEvent)) == before


def test_an_email_address_is_stored_in_one_spelling_and_its_change_is_audited(
    client, db, admin, make_user
):
    dana = make_user("officer", username="dana", email="dana@example.org")
    same = {"full_name": dana.full_name, "role": "officer", "district_id": ""}
    response = client.post(f"/admin/users/{dana.id}", data={**same, "email": "DANA@example.org"})
    assert response.status_code == 302 and events(db, "user_update") == []  # her own, unchanged
    response = client.post(f"/admin/users/{dana.id}", data={**same, "email": " D.W@Example.org"})
    assert response.status_code == 302
    db.session.refresh(dana)
    assert dana.email == "d.w@example.org"
    assert events(db, "user_update")[0].changes == {
        "email": {"before": "dana@example.org", "after": "d.w@example.org"}
    }
