"""Email sent by `flask send-notifications` (issue 22): one row per message due to one user
about one thing (an entry's return, a day, a week, a reporting period), so that a second run
sends nothing twice and a failed one is tried again on the next run."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model
from .base import UTCDateTime, in_values, utcnow

NOTIFICATION_STATUSES = ("sent", "failed")


class Notification(Model):
    __tablename__ = "notifications"
    __table_args__ = (
        sa.UniqueConstraint("kind", "user_id", "about"),
        in_values("status", NOTIFICATION_STATUSES),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(30))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    about: Mapped[str] = mapped_column(sa.String(64))  # "entry:12:<review time>", "day:2026-12-07"
    address: Mapped[str] = mapped_column(sa.String(254))  # where it went, or was to go
    subject: Mapped[str] = mapped_column(sa.String(200))
    status: Mapped[str] = mapped_column(sa.String(10))
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(sa.String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class NotificationOptOut(Model):
    """A kind of message a user turned off (every kind is on until turned off)."""

    __tablename__ = "notification_opt_outs"
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(30), primary_key=True)
