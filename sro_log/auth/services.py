"""Authentication services: they flush and audit, the caller commits."""

import logging

import sqlalchemy as sa

from .. import audit, clock
from ..extensions import db
from ..models import User

log = logging.getLogger(__name__)


def authenticate(username: str, password: str) -> User | None:
    """Return the active user with these credentials, or None; audits both outcomes."""
    user = db.session.scalar(sa.select(User).where(User.username == username.strip()))
    if user is None or not user.active or not user.check_password(password):
        if user is not None:
            user.failed_logins += 1
        audit.record("login_failed", user, {"username": username[:64]}, actor=user)
        db.session.flush()
        log.info("failed login for %s", username[:64])
        return None
    user.failed_logins = 0
    user.last_login_at = clock.now_utc()
    audit.record("login", user, actor=user)
    db.session.flush()
    return user
