"""Signed-in sessions, kept on the server: the browser's cookie holds only a random key whose
SHA-256 is a row's id, so ending a session (sign-out, timeouts, a password change, an admin) is
deleting its row, and a copy of the cookie is worth nothing after it."""

import hashlib
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model
from .base import UTCDateTime, utcnow


def session_digest(key: str) -> str:
    """A session's row id: keys are 256 random bits, so a plain SHA-256 suffices."""
    return hashlib.sha256(key.encode()).hexdigest()


class UserSession(Model):
    __tablename__ = "user_sessions"
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When the password was last given in this session (sign-in, or asked again).
    authenticated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    address: Mapped[str] = mapped_column(sa.String(64), default="")
    agent: Mapped[str] = mapped_column(sa.String(200), default="")
    data: Mapped[str] = mapped_column(sa.Text, default="{}")  # the session's values, tagged JSON
