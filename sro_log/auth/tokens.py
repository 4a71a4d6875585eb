"""Personal access tokens: made for a user, shown once, kept as a digest, revoked by them."""

import logging
import secrets
from datetime import timedelta

import sqlalchemy as sa

from .. import audit, clock
from ..extensions import db
from ..models import TOKEN_PREFIX, ApiToken, User, token_digest

log = logging.getLogger(__name__)
MAX_DAYS = 365
# last_used_at is written at most this often, so reads through the API stay reads.
USE_RESOLUTION = timedelta(minutes=1)


def create_token(user: User, name: str, days: int, actor: User | None = None) -> str:
    """Make a token for `user` valid for `days`; return it (the only time it is ever shown)."""
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"a token lasts 1 to {MAX_DAYS} days")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(
        user=user,
        name=name,
        token_hash=token_digest(token),
        hint=token[: len(TOKEN_PREFIX) + 4],
        expires_at=clock.now_utc() + timedelta(days=days),
    )
    db.session.add(row)
    db.session.flush()
    audit.record(
        "token_create", row, {"name": name, "days": days, "user_id": user.id}, actor=actor or user
    )
    log.info("token %s made for user %s", row.id, user.id)
    return token


def revoke_token(row: ApiToken, actor: User) -> None:
    """End a token now; requests with it are refused from then on."""
    if row.revoked_at is None:
        row.revoked_at = clock.now_utc()
        db.session.flush()
        audit.record("token_revoke", row, {"name": row.name}, actor=actor)


def revoke_all_tokens(user: User, actor: User) -> int:
    """End every token of `user` still open (an admin's password reset); how many ended."""
    now = clock.now_utc()
    open_rows = db.session.scalars(
        tokens_of(user).where(ApiToken.revoked_at.is_(None), ApiToken.expires_at > now)
    ).all()
    for row in open_rows:
        revoke_token(row, actor)
    return len(open_rows)


def tokens_of(user: User) -> sa.Select:
    return sa.select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.created_at)


def authenticate_token(token: str) -> ApiToken | None:
    """The usable token row for a presented token, its last use noted; None if unknown,
    expired, revoked or its user deactivated."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    row = db.session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == token_digest(token)))
    now = clock.now_utc()
    if row is None or not row.usable_at(now):
        return None
    if row.last_used_at is None or now - row.last_used_at >= USE_RESOLUTION:
        row.last_used_at = now
        db.session.flush()
    return row
