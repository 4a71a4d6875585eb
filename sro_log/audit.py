"""The audit trail: one append-only event for every change a person makes."""

import logging
from datetime import date, datetime, time
from typing import NamedTuple, cast

import sqlalchemy as sa
from flask import has_request_context, request
from flask_login import current_user

from . import clock
from .extensions import db
from .models import AuditEvent, User

log = logging.getLogger(__name__)

# Every action the application records, with the words the audit trail shows for it (the CSV
# keeps the code); the audit page offers them as filters.
ACTION_LABELS = {
    "login": "Signed in",
    "login_failed": "Sign-in failed",
    "login_locked": "Sign-in refused: account locked",
    "logout": "Signed out",
    "session_expired": "Session expired",
    "sessions_revoked": "Sessions ended",
    "session_end": "Session ended",
    "sessions_locked": "Sessions ended: account locked",
    "password_check_failed": "Password check failed",
    "login_refused": "Sign-in refused",
    "password_change": "Password changed",
    "password_reset": "Password reset by an admin",
    "password_rehash": "Password hash upgraded",
    "mfa_enrol": "Second factor set up",
    "mfa_remove": "Second factor removed",
    "activity_create": "Entry created",
    "activity_update": "Entry changed",
    "activity_delete": "Entry deleted",
    "activity_restore": "Entry brought back (undo of a delete)",
    "activity_submit": "Entry submitted for review",
    "activity_approve": "Entry approved",
    "activity_return": "Entry returned to its officer",
    "activity_correct": "Entry corrected by a supervisor",
    "entries_export": "Entries downloaded",
    "missing_days_export": "Days not logged downloaded",
    "report_export": "Grant report downloaded",
    "audit_read": "Audit trail read",
    "audit_export": "Audit trail downloaded",
    "grant_create": "Grant added",
    "period_create": "Reporting period added",
    "period_delete": "Reporting period deleted",
    "period_narrative": "Period narrative saved",
    "user_create": "User added",
    "user_update": "User changed",
    "user_deactivate": "User deactivated",
    "user_reactivate": "User reactivated",
    "seed_demo": "Demo data loaded",
    "admin_create": "Reference data added",
    "admin_update": "Reference data changed",
    "admin_delete": "Reference data deleted",
    "calendar_import": "School calendar imported",
    "token_create": "API token made",
    "token_revoke": "API token revoked",
    "activity_import": "Entry imported",
    "import_run": "Import run",
    "notification_sent": "Email sent",
    "notification_failed": "Email not sent",
    "mail_preferences": "Email preferences changed",
}
ACTIONS = tuple(ACTION_LABELS)
_INSERT = sa.insert(cast(sa.Table, AuditEvent.__table__))  # no ORM object per event


def _jsonable(value):
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return sorted(_jsonable(v) for v in value)
    return value


def diff(before: dict, after: dict) -> dict:
    """The before/after of the fields that changed, and only those."""
    keys = sorted(set(before) | set(after))
    return {
        k: {"before": _jsonable(before.get(k)), "after": _jsonable(after.get(k))}
        for k in keys
        if _jsonable(before.get(k)) != _jsonable(after.get(k))
    }


class Written(NamedTuple):
    """A row written without an ORM object (an entry is, see create_activity): its class's name
    and its id, as an event about an object names them."""

    type_name: str
    id: int


def event(action: str, obj=None, changes: dict | None = None, actor: User | None = None) -> dict:
    """An audit event's row: who did what to which object, from where, with what changes."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user
    object_type = obj.type_name if isinstance(obj, Written) else type(obj).__name__
    return {
        "occurred_at": clock.now_utc(),
        "action": action,
        "actor_id": actor.id if actor is not None else None,
        "object_type": object_type if obj is not None else None,
        "object_id": str(obj.id) if obj is not None and obj.id is not None else None,
        "changes": {k: _jsonable(v) for k, v in changes.items()} if changes else None,
        "remote_addr": request.remote_addr if has_request_context() else None,
    }


def write(events: list[dict]) -> None:
    """Insert audit events in the session's transaction, so the caller's commit makes them
    durable with the change they record, and a rollback takes both away. One INSERT, not the
    ORM's unit of work: an event is never changed, and every request that changes anything
    writes one (the flush of two events was a fifth of an entry's POST, issue 20)."""
    if not events:
        return
    db.session.execute(_INSERT, events)
    for e in events:
        log.info(
            "audit %s %s %s by %s", e["action"], e["object_type"], e["object_id"], e["actor_id"]
        )


def record(action: str, obj=None, changes: dict | None = None, actor: User | None = None) -> None:
    """Write one audit event (see event and write)."""
    write([event(action, obj, changes, actor)])
