"""The admin's home page: what needs an admin today, counted, each with the page that does it."""

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa

from ..clock import now_utc, today_local
from ..extensions import db
from ..models import Assignment, AuditEvent, ReportingPeriod, School, User

RECENT_DAYS = 7  # refused sign-ins and changes "this week"
ENDING_DAYS = 30  # reporting periods ending within a month


@dataclass(frozen=True)
class Overview:
    active_users: int
    must_change_password: int
    deactivated: int
    officers_unassigned: list[str]
    schools: int
    periods_ending: list[ReportingPeriod]
    refused_sign_ins: int
    recent_events: int


def _count(stmt) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery())) or 0


def overview() -> Overview:
    today = today_local()
    assigned = sa.select(Assignment.officer_id).where(Assignment.covering(today))
    unassigned = db.session.scalars(
        sa.select(User.full_name)
        .where(User.role == "officer", User.active, User.id.not_in(assigned))
        .order_by(User.full_name)
    ).all()
    since = now_utc() - timedelta(days=RECENT_DAYS)
    refused = ("login_failed", "login_locked", "login_refused")
    return Overview(
        active_users=_count(sa.select(User.id).where(User.active)),
        must_change_password=_count(
            sa.select(User.id).where(User.active, User.must_change_password)
        ),
        deactivated=_count(sa.select(User.id).where(sa.not_(User.active))),
        officers_unassigned=list(unassigned),
        schools=_count(sa.select(School.id)),
        periods_ending=list(
            db.session.scalars(
                sa.select(ReportingPeriod)
                .where(
                    ReportingPeriod.ends_on >= today,
                    ReportingPeriod.ends_on <= today + timedelta(days=ENDING_DAYS),
                )
                .order_by(ReportingPeriod.ends_on)
            )
        ),
        refused_sign_ins=_count(
            sa.select(AuditEvent.id).where(
                AuditEvent.action.in_(refused), AuditEvent.occurred_at >= since
            )
        ),
        recent_events=_count(sa.select(AuditEvent.id).where(AuditEvent.occurred_at >= since)),
    )
