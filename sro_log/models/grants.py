"""Grants and the reporting periods they owe reports for."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from .base import UTCDateTime, in_values, utcnow
from .people import User

GRANT_CADENCES = (
    ("quarterly", "Calendar quarters (DOJ)"),
    ("cops_half_year", "COPS half-years (Feb–Jul, Aug–Jan)"),
    ("school_year", "School years (Jul–Jun)"),
    ("manual", "Entered by hand"),
)


class Grant(Model):
    __tablename__ = "grants"
    __table_args__ = (
        sa.CheckConstraint("ends_on >= starts_on", name="grant_dates_ordered"),
        in_values("cadence", GRANT_CADENCES),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    funder: Mapped[str] = mapped_column(sa.String(120))
    award_number: Mapped[str] = mapped_column(sa.String(60), unique=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    cadence: Mapped[str] = mapped_column(sa.String(20))
    due_days: Mapped[int] = mapped_column(default=30)  # report due this many days after a period
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    periods: Mapped[list["ReportingPeriod"]] = relationship(
        back_populates="grant", order_by="ReportingPeriod.starts_on", cascade="all, delete-orphan"
    )


class ReportingPeriod(Model):
    """One report the grant owes; the supervisor's narrative for it is saved with it."""

    __tablename__ = "reporting_periods"
    __table_args__ = (
        sa.CheckConstraint("ends_on >= starts_on", name="period_dates_ordered"),
        sa.UniqueConstraint("grant_id", "starts_on", "ends_on", name="uq_period_dates"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    grant_id: Mapped[int] = mapped_column(sa.ForeignKey("grants.id"), index=True)
    label: Mapped[str] = mapped_column(sa.String(80))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    due_on: Mapped[date | None]
    narrative: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    narrative_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    narrative_updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(default=1)
    grant: Mapped[Grant] = relationship(back_populates="periods")
    narrative_updated_by: Mapped[User | None] = relationship()
    __mapper_args__ = {"version_id_col": version}
