"""Managing users: the services (they flush and audit; the view commits); the form is in
forms.py."""

import secrets

import sqlalchemy as sa

from .. import audit
from ..auth.services import change_password, end_all_sessions
from ..catalog import ROLE_LABELS
from ..clock import today_local
from ..extensions import db
from ..models import Assignment, User
from ..notices.addresses import normal_email
from ..refusals import ServiceError
from .forms import UserForm
from .reference_data import create

EDITABLE = ("full_name", "email", "role", "district_id")


def temporary_password() -> str:
    """A random password to hand over once; its owner must change it at first sign-in."""
    return "-".join(secrets.token_urlsafe(6) for _ in range(3))


def _values(form: UserForm) -> dict:
    values = {name: form[name].data for name in EDITABLE}
    values["full_name"] = values["full_name"].strip()
    values["email"] = normal_email(values["email"])
    if values["role"] != "partner":
        values["district_id"] = None
    return values


class UserError(ServiceError):
    """A change refused for a reason the admin can act on."""


def create_user(form: UserForm, actor: User) -> tuple[User, str]:
    username = form.username.data.strip()
    if db.session.scalar(sa.select(User.id).where(sa.func.lower(User.username) == username)):
        raise UserError("That username is taken.")
    password = temporary_password()
    values = _values(form)
    user = User(username=username, **values, must_change_password=True)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    schools = sorted(set(form.school_ids.data or ())) if values["role"] == "officer" else []
    audit.record(
        "user_create", user, {"username": username, **values, "school_ids": schools}, actor=actor
    )
    for school_id in schools:  # each a current assignment, audited as the Assignments page does
        create(
            Assignment(officer=user, school_id=school_id, starts_on=today_local()),
            ("officer_id", "school_id", "starts_on", "ends_on"),
            actor,
        )
    return user, password


def update_user(user: User, form: UserForm, actor: User) -> None:
    """Save the changes; a new role or district ends the user's sessions (new privileges)."""
    before = {name: getattr(user, name) for name in EDITABLE}
    after = _values(form)
    if user.id == actor.id and after["role"] != "admin":
        raise UserError("You cannot take away your own administrator role.")
    changes = audit.diff(before, after)
    if not changes:
        return
    for name, value in after.items():
        setattr(user, name, value)
    if "role" in changes or "district_id" in changes:
        user.session_version += 1
    db.session.flush()
    audit.record("user_update", user, changes, actor=actor)


def set_active(user: User, active: bool, actor: User) -> None:
    if user.id == actor.id:
        raise UserError("You cannot deactivate yourself.")
    if user.active == active:
        return
    user.active = active
    if active:  # revoked tokens stay revoked: a reactivated user makes new ones
        user.failed_logins, user.locked_until = 0, None
    db.session.flush()
    audit.record(
        "user_reactivate" if active else "user_deactivate",
        user,
        {"active": {"before": not active, "after": active}},
        actor=actor,
    )
    if not active:
        end_all_sessions(user, actor)  # now, not at the next request's check


def reset_password(user: User, actor: User) -> str:
    """A temporary password; the user's sessions and API tokens end with the old one."""
    password = temporary_password()
    change_password(user, password, actor=actor, action="password_reset")
    user.failed_logins, user.locked_until = 0, None
    return password


def end_sessions(user: User, actor: User) -> None:
    """An admin ends every session and API token of a user."""
    end_all_sessions(user, actor)


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role)
