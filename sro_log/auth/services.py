"""Authentication services: they flush and audit, the caller commits."""

import functools
import logging
import secrets
from datetime import timedelta
from typing import cast

import sqlalchemy as sa
from flask import current_app

from .. import audit, clock
from ..extensions import db
from ..models import AuditEvent, User, UserSession
from .tokens import revoke_all_tokens

log = logging.getLogger(__name__)


@functools.cache
def _dummy() -> User:
    """Verified against when the username is unknown or locked, so every refusal costs the
    same time as a wrong password and response times do not tell which usernames exist."""
    user = User()
    user.set_password(secrets.token_urlsafe(16))
    return user


def _lock_if_too_many(user: User) -> None:
    user.failed_logins += 1
    if user.failed_logins >= current_app.config["SRO_LOG_LOCKOUT_ATTEMPTS"]:
        minutes = current_app.config["SRO_LOG_LOCKOUT_MINUTES"]
        user.locked_until = clock.now_utc() + timedelta(minutes=minutes)
        user.failed_logins = 0
        audit.record("login_locked", user, {"locked_minutes": minutes}, actor=user)
        log.warning("account %s locked for %s minutes", user.id, minutes)


def authenticate(username: str, password: str) -> User | None:
    """The active, unlocked user with these credentials, or None. Every refusal looks the same
    to the caller; the audit trail tells them apart (unknown user, wrong password, locked).
    Success is audited by complete_login, once any second factor is given too."""
    user = db.session.scalar(sa.select(User).where(User.username == username.strip()))
    now = clock.now_utc()
    if user is None:
        _dummy().check_password(password)
        audit.record("login_failed", None, {"username": username[:64], "reason": "unknown"})
        return None
    if user.locked_until is not None and user.locked_until > now:
        _dummy().check_password(password)
        audit.record(
            "login_failed", user, {"username": username[:64], "reason": "locked"}, actor=user
        )
        return None
    if not user.check_password(password) or not user.active:
        reason = "inactive" if user.active is False else "password"
        audit.record(
            "login_failed", user, {"username": username[:64], "reason": reason}, actor=user
        )
        if user.active:
            _lock_if_too_many(user)
        db.session.flush()
        return None
    if user.password_needs_rehash():
        user.set_password(password)
        audit.record("password_rehash", user, actor=user)
    db.session.flush()
    return user


def complete_login(user: User, second_factor: str | None) -> None:
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = clock.now_utc()
    audit.record(
        "login", user, {"second_factor": second_factor} if second_factor else None, actor=user
    )
    db.session.flush()


def second_factor_failed(user: User) -> None:
    """A wrong code counts toward the lockout like a wrong password."""
    audit.record(
        "login_failed", user, {"username": user.username, "reason": "second_factor"}, actor=user
    )
    _lock_if_too_many(user)
    db.session.flush()


def is_locked(user: User) -> bool:
    return user.locked_until is not None and user.locked_until > clock.now_utc()


def change_password(user: User, new_password: str, actor: User, action: str) -> None:
    """Set a new password; every session and API token of the user ends with the old one (the
    caller starts a new session when it is the user's own change)."""
    user.set_password(new_password)
    user.must_change_password = action == "password_reset"
    ended = _end_sessions(user)
    audit.record(
        action, user, {"session_version": user.session_version, "sessions": ended}, actor=actor
    )
    revoke_all_tokens(user, actor)


def _end_sessions(user: User) -> int:
    """Delete the user's session rows (and step the session version, which a cookie's user id
    carries too); how many there were."""
    user.session_version += 1
    statement = sa.delete(UserSession).where(UserSession.user_id == user.id)
    ended = cast(sa.CursorResult, db.session.execute(statement))  # a DELETE's result
    db.session.flush()
    return ended.rowcount


def end_all_sessions(user: User, actor: User, action: str = "sessions_revoked") -> None:
    """End every session and API token of the user: "sign out everywhere", an admin's "end
    sessions", a deactivation."""
    ended = _end_sessions(user)
    audit.record(
        action, user, {"session_version": user.session_version, "sessions": ended}, actor=actor
    )
    revoke_all_tokens(user, actor)


def end_session(user: User, session_id: str) -> bool:
    """End one of the user's own sessions; whether there was such a session."""
    statement = sa.delete(UserSession).where(
        UserSession.user_id == user.id, UserSession.id == session_id
    )
    ended = cast(sa.CursorResult, db.session.execute(statement))  # a DELETE's result
    if ended.rowcount:
        audit.record("session_end", user, {"session": session_id[:12]}, actor=user)
    return bool(ended.rowcount)


def check_current_password(user: User, password: str) -> bool:
    """The password asked again of a signed-in user (to change it, to make a token, to remove
    the second factor). A wrong one counts toward the lockout like a failed sign-in; when that
    locks the account, every session of it ends, this one too."""
    if user.check_password(password):
        return True
    audit.record("password_check_failed", user, actor=user)
    _lock_if_too_many(user)
    if is_locked(user):
        end_all_sessions(user, user, action="sessions_locked")
    db.session.flush()
    return False


def temporary_password_reason(user: User) -> str | None:
    """Why the user must choose a password now: "reset" when an administrator reset it, "new"
    for the temporary password of a new account, None when they need not."""
    if not user.must_change_password:
        return None
    reset = sa.select(AuditEvent.id).where(
        AuditEvent.action == "password_reset",
        AuditEvent.object_type == "User",
        AuditEvent.object_id == str(user.id),
    )
    return "reset" if db.session.scalar(reset.limit(1)) is not None else "new"
