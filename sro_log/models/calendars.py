"""Each district's school calendar: its school years, and the days inside them with no school
(holidays and breaks). A school day is a weekday inside a school year and outside every
closure (sro_log/calendars.py)."""

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..calendars import LABEL_LENGTH
from ..extensions import Model
from .people import District

CALENDAR_KINDS = (("year", "School year"), ("closure", "No school (holiday or break)"))


class CalendarSpan(Model):
    """A span of days of a district's calendar: a school year, or a closure within one."""

    __tablename__ = "calendar_spans"
    __table_args__ = (
        sa.CheckConstraint("ends_on >= starts_on", name="calendar_dates_ordered"),
        sa.CheckConstraint("kind IN ('year', 'closure')", name="calendar_kind"),
        sa.UniqueConstraint("district_id", "kind", "starts_on", name="uq_calendar_spans_start"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(sa.ForeignKey("districts.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(10))
    label: Mapped[str] = mapped_column(sa.String(LABEL_LENGTH))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    district: Mapped[District] = relationship()
