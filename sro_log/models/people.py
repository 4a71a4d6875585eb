"""Districts, schools, users (with their second factor) and officers' assignments."""

from datetime import date, datetime

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..catalog import ROLES, SCHOOL_LEVELS
from ..extensions import Model
from .base import UTCDateTime, in_values, utcnow

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


class District(Model):
    __tablename__ = "districts"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    schools: Mapped[list["School"]] = relationship(
        back_populates="district", order_by="School.name"
    )


class School(Model):
    __tablename__ = "schools"
    __table_args__ = (
        sa.UniqueConstraint("district_id", "name", name="uq_schools_district_name"),
        in_values("level", SCHOOL_LEVELS),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(sa.ForeignKey("districts.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    level: Mapped[str] = mapped_column(sa.String(20))
    active: Mapped[bool] = mapped_column(default=True)
    district: Mapped[District] = relationship(back_populates="schools")


class User(UserMixin, Model):
    __tablename__ = "users"
    __table_args__ = (in_values("role", ROLES), sa.Index("ix_users_email", "email", unique=True))
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


class RecoveryCode(Model):
    """A one-time second-factor code, stored as its SHA-256 (the codes are long and random)."""

    __tablename__ = "recovery_codes"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(64))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Assignment(Model):
    __tablename__ = "assignments"
    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    school_id: Mapped[int] = mapped_column(sa.ForeignKey("schools.id"))
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]
    officer: Mapped[User] = relationship()
    school: Mapped[School] = relationship()

    @classmethod
    def covering(cls, first: date, last: date | None = None) -> sa.ColumnElement[bool]:
        """Assignments in force on some day from `first` to `last` (on `first`, without one)."""
        return sa.and_(
            cls.starts_on <= (last or first),
            sa.or_(cls.ends_on.is_(None), cls.ends_on >= first),
        )
