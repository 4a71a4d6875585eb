"""Personal access tokens for the JSON API: only a SHA-256 of each token is kept."""

import hashlib
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from .base import UTCDateTime, utcnow
from .people import User

TOKEN_PREFIX = "srolog_"


def token_digest(token: str) -> str:
    """The stored form of a token. Tokens are 256 random bits, so a plain SHA-256 suffices
    (a slow password hash protects guessable secrets; these are not guessable)."""
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(Model):
    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(80))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    # The first characters of the token, so its owner can tell their tokens apart.
    hint: Mapped[str] = mapped_column(sa.String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    user: Mapped[User] = relationship()

    def usable_at(self, now: datetime) -> bool:
        return self.revoked_at is None and now < self.expires_at and self.user.active
