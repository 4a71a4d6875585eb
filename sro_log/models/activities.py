"""The program's goals and pick lists, and the activities officers log: one table, single-table
inheritance on `kind`, with the columns the reports group by kept in step on every write."""

from datetime import date, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..catalog import LOCATIONS, STATUSES
from ..extensions import Model, db
from .base import UTCDateTime, in_values, utcnow
from .people import School, User


class ProgramGoal(Model):
    __tablename__ = "program_goals"
    __table_args__ = (sa.CheckConstraint("bit BETWEEN 0 AND 62", name="bit_range"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    # This goal's bit in Activity.goal_bits; fixed for the goal's life, unlike its position.
    bit: Mapped[int] = mapped_column(unique=True)
    title: Mapped[str] = mapped_column(sa.String(80))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)


class PickListItem(Model):
    __tablename__ = "pick_list_items"
    __table_args__ = (
        sa.UniqueConstraint("list_name", "code", name="uq_pick_list_items_list_code"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    list_name: Mapped[str] = mapped_column(sa.String(40), index=True)
    code: Mapped[str] = mapped_column(sa.String(60))
    label: Mapped[str] = mapped_column(sa.String(120))
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)


activity_goals = sa.Table(
    "activity_goals",
    db.metadata,
    sa.Column("activity_id", sa.ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("goal_id", sa.ForeignKey("program_goals.id"), primary_key=True, index=True),
)


REPORTING_COLUMNS = (
    "occurred_on",
    "status",
    "kind",
    "school_id",
    "officer_id",
    "location",
    "duration_minutes",
    "deleted_at",
    "students_reached",
    "students_count",
    "arrests",
    "attendees",
    "staff_trained",
    "incident_type_id",
    "response_minutes",
    "goal_bits",
)


def _pick(list_name: str):
    """A nullable foreign key to a pick-list item; RESTRICT keeps used items from being deleted."""
    return mapped_column(
        sa.ForeignKey("pick_list_items.id", ondelete="RESTRICT"),
        nullable=True,
        info={"pick_list": list_name},
    )


class Activity(Model):
    """One piece of an officer's work; the kinds below add their detail columns to this table."""

    __tablename__ = "activities"
    __table_args__ = (
        sa.Index("ix_activities_occurred_on", "occurred_on"),
        sa.Index("ix_activities_officer_occurred_on", "officer_id", "occurred_on"),
        sa.Index("ix_activities_school_occurred_on", "school_id", "occurred_on"),
        in_values("status", STATUSES),
        in_values("location", LOCATIONS),
        sa.CheckConstraint("duration_minutes BETWEEN 1 AND 720", name="duration_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    officer_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    school_id: Mapped[int | None] = mapped_column(sa.ForeignKey("schools.id"))
    occurred_on: Mapped[date]
    start_time: Mapped[time | None]
    duration_minutes: Mapped[int]
    location: Mapped[str] = mapped_column(sa.String(20))
    summary: Mapped[str] = mapped_column(sa.String(200))
    notes: Mapped[str | None] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(sa.String(20), default="draft", index=True)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reviewed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    review_comment: Mapped[str | None] = mapped_column(sa.Text)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The OR of the goals' bits, kept in step with `goals` on every write (see below), so reports
    # total the goals from the one table instead of joining the links.
    goal_bits: Mapped[int] = mapped_column(sa.BigInteger, default=0, server_default="0")
    # The entry's key in the spreadsheet or system it was imported from; importing the same
    # row again finds it here and creates nothing.
    external_ref: Mapped[str | None] = mapped_column(sa.String(80), unique=True)

    officer: Mapped[User] = relationship(foreign_keys=[officer_id])
    reviewed_by: Mapped[User | None] = relationship(foreign_keys=[reviewed_by_id])
    school: Mapped[School | None] = relationship()
    goals: Mapped[list[ProgramGoal]] = relationship(
        secondary=activity_goals, order_by=ProgramGoal.position, lazy="selectin"
    )
    __mapper_args__ = {"polymorphic_on": "kind", "version_id_col": version}

    @property
    def editable_by_officer(self) -> bool:
        return self.deleted_at is None and self.status != "approved"


class Classroom(Activity):
    topic_id: Mapped[int | None] = _pick("topic")
    grade_levels: Mapped[str | None] = mapped_column(sa.String(60))
    students_reached: Mapped[int | None]
    staff_present: Mapped[int | None]
    __mapper_args__ = {"polymorphic_identity": "classroom"}


class Mentoring(Activity):
    mode: Mapped[str | None] = mapped_column(sa.String(20))
    students_count: Mapped[int | None]
    student_ref: Mapped[str | None] = mapped_column(sa.String(40))
    concern_id: Mapped[int | None] = _pick("concern")
    referral_id: Mapped[int | None] = _pick("referral")
    follow_up_on: Mapped[date | None]
    __mapper_args__ = {"polymorphic_identity": "mentoring"}


class Incident(Activity):
    incident_type_id: Mapped[int | None] = _pick("incident_type")
    reported_at: Mapped[datetime | None]  # local wall-clock time, like occurred_on
    arrived_at: Mapped[datetime | None]
    students_involved: Mapped[int | None]
    staff_involved: Mapped[int | None]
    others_involved: Mapped[int | None]
    action: Mapped[str | None] = mapped_column(sa.String(30))
    arrests: Mapped[int | None]
    weapon_involved: Mapped[bool | None]
    injuries: Mapped[int | None]
    case_number: Mapped[str | None] = mapped_column(sa.String(40))
    # Derived from the two times whenever the row is written (see below), so reports can
    # group by it in SQL on every database.
    response_minutes: Mapped[int | None]
    __mapper_args__ = {"polymorphic_identity": "incident"}

    def derive_response_minutes(self) -> None:
        self.response_minutes = response_minutes_between(self.reported_at, self.arrived_at)


def response_minutes_between(reported_at: datetime | None, arrived_at: datetime | None):
    """Whole minutes from an incident's report to the officer's arrival (None without both)."""
    if reported_at is None or arrived_at is None:
        return None
    return int((arrived_at - reported_at).total_seconds() // 60)


@sa.event.listens_for(Activity, "before_insert", propagate=True)
@sa.event.listens_for(Activity, "before_update", propagate=True)
def _derive_goal_bits(_mapper, _connection, activity: Activity) -> None:
    activity.goal_bits = goal_bits_of(activity.goals)


def goal_bits_of(goals) -> int:
    bits = 0
    for goal in goals:
        bits |= 1 << goal.bit
    return bits


@sa.event.listens_for(Incident, "before_insert")
@sa.event.listens_for(Incident, "before_update")
def _derive_response_minutes(_mapper, _connection, incident: Incident) -> None:
    incident.derive_response_minutes()


class Patrol(Activity):
    patrol_type_id: Mapped[int | None] = _pick("patrol_type")
    __mapper_args__ = {"polymorphic_identity": "patrol"}


class Safety(Activity):
    safety_type_id: Mapped[int | None] = _pick("safety_type")
    staff_trained: Mapped[int | None]
    __mapper_args__ = {"polymorphic_identity": "safety"}


class Community(Activity):
    event_type_id: Mapped[int | None] = _pick("event_type")
    attendees: Mapped[int | None]
    __mapper_args__ = {"polymorphic_identity": "community"}


class Training(Activity):
    course: Mapped[str | None] = mapped_column(sa.String(200))
    __mapper_args__ = {"polymorphic_identity": "training"}


class AdminDuty(Activity):
    __mapper_args__ = {"polymorphic_identity": "admin"}


# Covers every column the dashboard groups and sums, so its queries read this narrow index for a
# period instead of the wide rows. Declared here, once the kinds have added their columns.
sa.Index("ix_activities_reporting", *(Activity.__table__.c[name] for name in REPORTING_COLUMNS))

ACTIVITY_CLASSES: dict[str, type[Activity]] = {
    cls.__mapper_args__["polymorphic_identity"]: cls
    for cls in (Classroom, Mentoring, Incident, Patrol, Safety, Community, Training, AdminDuty)
}
