"""Every table of SRO Log (DESIGN §4), in SQLAlchemy 2.x typed declarative style, one module
per part of the program; import them from here."""

from .activities import (
    ACTIVITY_CLASSES,
    REPORTING_COLUMNS,
    Activity,
    AdminDuty,
    Classroom,
    Community,
    Incident,
    Mentoring,
    Patrol,
    PickListItem,
    ProgramGoal,
    Safety,
    Training,
    activity_goals,
    goal_bits_of,
    response_minutes_between,
)
from .audit_events import AuditEvent
from .base import UTCDateTime, utcnow
from .calendars import CALENDAR_KINDS, CalendarSpan
from .grants import GRANT_CADENCES, Grant, ReportingPeriod
from .notifications import NOTIFICATION_STATUSES, Notification, NotificationOptOut
from .people import Assignment, District, RecoveryCode, School, User
from .reference import REFERENCE_TABLES, ReferenceStamp
from .sessions import UserSession, session_digest
from .tokens import TOKEN_PREFIX, ApiToken, token_digest

__all__ = [
    "ACTIVITY_CLASSES",
    "CALENDAR_KINDS",
    "GRANT_CADENCES",
    "NOTIFICATION_STATUSES",
    "REFERENCE_TABLES",
    "REPORTING_COLUMNS",
    "TOKEN_PREFIX",
    "Activity",
    "AdminDuty",
    "ApiToken",
    "Assignment",
    "AuditEvent",
    "CalendarSpan",
    "Classroom",
    "Community",
    "District",
    "Grant",
    "Incident",
    "Mentoring",
    "Notification",
    "NotificationOptOut",
    "Patrol",
    "PickListItem",
    "ProgramGoal",
    "RecoveryCode",
    "ReferenceStamp",
    "ReportingPeriod",
    "Safety",
    "School",
    "Training",
    "UTCDateTime",
    "User",
    "UserSession",
    "activity_goals",
    "goal_bits_of",
    "response_minutes_between",
    "session_digest",
    "token_digest",
    "utcnow",
]
