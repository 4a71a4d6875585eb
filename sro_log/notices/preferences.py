"""A user's own email settings: their address and the kinds of message they want. The service
flushes and audits; the view commits."""

import sqlalchemy as sa

from .. import audit
from ..extensions import db
from ..models import NotificationOptOut, User
from .due import offered_to


def turned_off(user: User) -> list[str]:
    stmt = sa.select(NotificationOptOut.kind).where(NotificationOptOut.user_id == user.id)
    return sorted(db.session.scalars(stmt))


def save_mail_settings(user: User, address: str | None, wanted: list[str]) -> None:
    """Keep the (checked, normalised) address and turn off each offered kind not wanted."""
    if address != user.email:
        audit.record("user_update", user, audit.diff({"email": user.email}, {"email": address}))
        user.email = address
    offered = [code for code, _ in offered_to(user.role)]
    before = turned_off(user)
    after = sorted(code for code in offered if code not in wanted)
    if after != before:
        db.session.execute(
            sa.delete(NotificationOptOut).where(NotificationOptOut.user_id == user.id)
        )
        db.session.add_all(NotificationOptOut(user_id=user.id, kind=code) for code in after)
        audit.record("mail_preferences", user, audit.diff({"off": before}, {"off": after}))
    db.session.flush()
