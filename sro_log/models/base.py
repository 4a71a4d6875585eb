"""What every table shares: UTC instants, the one clock, and CHECK constraints of codes."""

from datetime import UTC, datetime

import sqlalchemy as sa

from .. import clock


def utcnow() -> datetime:
    return clock.now_utc()  # looked up on each call, so every timestamp follows the one clock


def in_values(column: str, values) -> sa.CheckConstraint:
    codes = [v[0] if isinstance(v, tuple) else v for v in values]
    quoted = ", ".join(f"'{c}'" for c in codes)
    return sa.CheckConstraint(f"{column} IN ({quoted})", name=f"{column}_valid")


class UTCDateTime(sa.TypeDecorator):
    """An instant stored as naive UTC on every backend and returned timezone-aware."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):  # noqa: ARG002  # SQLAlchemy's signature
        if value is not None:
            if value.tzinfo is None:
                raise ValueError("instants must be timezone-aware")
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):  # noqa: ARG002  # SQLAlchemy's signature
        return value.replace(tzinfo=UTC) if value is not None else None
