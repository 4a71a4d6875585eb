"""Every table of SRO Log (DESIGN §4), in SQLAlchemy 2.x typed declarative style."""

from datetime import UTC, date, datetime, time

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from . import clock
from .catalog import LOCATIONS, ROLES, SCHOOL_LEVELS, STATUSES
from .extensions import db

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


def utcnow() -> datetime:
    return clock.now_utc()  # looked up on each call, so every timestamp follows the one clock


def _in(column: str, values) -> sa.CheckConstraint:
    codes = [v[0] if isinstance(v, tuple) else v for v in values]
    quoted = ", ".join(f"'{c}'" for c in codes)
    return sa.CheckConstraint(f"{column} IN ({quoted})", name=f"{column}_valid")


class UTCDateTime(sa.TypeDecorator):
    """An instant stored as naive UTC on every backend and returned timezone-aware."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None:
            if value.tzinfo is None:
                raise ValueError("instants must be timezone-aware")
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        return value.replace(tzinfo=UTC) if value is not None else None


class District(db.Model):
    __tablename__ = "districts"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    schools: Mapped[list["School"]] = relationship(
        back_populates="district", order_by="School.name"
    )


class School(db.Model):
    __tablename__ = "schools"
    __table_args__ = (
        sa.UniqueConstraint("district_id", "name", name="uq_schools_district_name"),
        _in("level", SCHOOL_LEVELS),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(sa.ForeignKey("districts.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    level: Mapped[str] = mapped_column(sa.String(20))
    active: Mapped[bool] = mapped_column(default=True)
    district: Mapped[District] = relationship(back_populates="schools")


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (_in("role", ROLES),)
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(64), unique=True)
    full_name: Mapped[str] = mapped_column(sa.String(120))
    email: Mapped[str | None] = mapped_column(sa.String(254))
    role: Mapped[str] = mapped_column(sa.String(20))
    district_id: Mapped[int | None] = mapped_column(sa.ForeignKey("districts.id"))
    active: Mapped[bool] = mapped_column(default=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    session_version: Mapped[int] = mapped_column(default=1)
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    mfa_secret: Mapped[str | None] = mapped_column(sa.String(64))
    mfa_last_step: Mapped[int | None]  # the last TOTP time step used: a code works once
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    district: Mapped[District | None] = relationship()

    def set_password(self, password: str) -> None:
        self.password_hash = _hasher.hash(password)
        self.password_changed_at = utcnow()

    def password_needs_rehash(self) -> bool:
        """True when the hash was made with older (weaker) parameters than today's."""
        try:
            return _hasher.check_needs_rehash(self.password_hash)
        except InvalidHashError:
            return True

    def check_password(self, password: str) -> bool:
        try:
            return _hasher.verify(self.password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def get_id(self) -> str:
        # The session version rides in the login cookie, so bumping it ends every session.
        return f"{self.id}.{self.session_version}"

    @property
    def is_active(self) -> bool:
        return self.active


class RecoveryCode(db.Model):
    """A one-time second-factor code, stored as its SHA-256 (the codes are long and random)."""

    __tablename__ = "recovery_codes"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(64))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Assignment(db.Model):
    __tablename__ = "assignments"
    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    school_id: Mapped[int] = mapped_column(sa.ForeignKey("schools.id"))
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]
    officer: Mapped[User] = relationship()
    school: Mapped[School] = relationship()


class ProgramGoal(db.Model):
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


class PickListItem(db.Model):
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
    "occurred_on", "status", "kind", "school_id", "officer_id", "location", "duration_minutes",
    "deleted_at", "students_reached", "students_count", "arrests", "attendees", "staff_trained",
    "incident_type_id", "response_minutes", "goal_bits",
)  # fmt: skip


def _pick(list_name: str):
    """A nullable foreign key to a pick-list item; RESTRICT keeps used items from being deleted."""
    return mapped_column(
        sa.ForeignKey("pick_list_items.id", ondelete="RESTRICT"),
        nullable=True,
        info={"pick_list": list_name},
    )


class Activity(db.Model):
    """One piece of an officer's work; the kinds below add their detail columns to this table."""

    __tablename__ = "activities"
    __table_args__ = (
        sa.Index("ix_activities_occurred_on", "occurred_on"),
        sa.Index("ix_activities_officer_occurred_on", "officer_id", "occurred_on"),
        sa.Index("ix_activities_school_occurred_on", "school_id", "occurred_on"),
        _in("status", STATUSES),
        _in("location", LOCATIONS),
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
        if self.reported_at is None or self.arrived_at is None:
            self.response_minutes = None
        else:
            self.response_minutes = int((self.arrived_at - self.reported_at).total_seconds() // 60)


@sa.event.listens_for(Activity, "before_insert", propagate=True)
@sa.event.listens_for(Activity, "before_update", propagate=True)
def _derive_goal_bits(mapper, connection, activity: Activity) -> None:
    activity.goal_bits = goal_bits_of(activity.goals)


def goal_bits_of(goals) -> int:
    bits = 0
    for goal in goals:
        bits |= 1 << goal.bit
    return bits


@sa.event.listens_for(Incident, "before_insert")
@sa.event.listens_for(Incident, "before_update")
def _derive_response_minutes(mapper, connection, incident: Incident) -> None:
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


GRANT_CADENCES = (
    ("quarterly", "Calendar quarters (DOJ)"),
    ("cops_half_year", "COPS half-years (Feb–Jul, Aug–Jan)"),
    ("school_year", "School years (Jul–Jun)"),
    ("manual", "Entered by hand"),
)


class Grant(db.Model):
    __tablename__ = "grants"
    __table_args__ = (
        sa.CheckConstraint("ends_on >= starts_on", name="grant_dates_ordered"),
        _in("cadence", GRANT_CADENCES),
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


class ReportingPeriod(db.Model):
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


class AuditEvent(db.Model):
    """Append-only: the application has no code path that updates or deletes one."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(sa.String(60), index=True)
    object_type: Mapped[str | None] = mapped_column(sa.String(40))
    object_id: Mapped[str | None] = mapped_column(sa.String(40))
    changes: Mapped[dict | None] = mapped_column(sa.JSON)
    remote_addr: Mapped[str | None] = mapped_column(sa.String(64))
    actor: Mapped[User | None] = relationship()


@sa.event.listens_for(AuditEvent, "before_update")
@sa.event.listens_for(AuditEvent, "before_delete")
def _audit_is_append_only(mapper, connection, event: AuditEvent) -> None:
    raise PermissionError("audit events are append-only")
