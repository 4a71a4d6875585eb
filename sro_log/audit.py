"""The audit trail: one append-only event for every change a person makes."""

import logging
from datetime import date, datetime, time

from flask import has_request_context, request
from flask_login import current_user

from .extensions import db
from .models import AuditEvent, User

log = logging.getLogger(__name__)

# Every action the application records; the audit page offers them as filters.
ACTIONS = (
    "login",
    "login_failed",
    "login_locked",
    "logout",
    "session_expired",
    "sessions_revoked",
    "session_end",
    "sessions_locked",
    "password_check_failed",
    "login_refused",
    "password_change",
    "password_reset",
    "password_rehash",
    "mfa_enrol",
    "mfa_remove",
    "activity_create",
    "activity_update",
    "activity_delete",
    "activity_submit",
    "activity_approve",
    "activity_return",
    "activity_correct",
    "entries_export",
    "report_export",
    "audit_read",
    "audit_export",
    "grant_create",
    "period_create",
    "period_delete",
    "period_narrative",
    "user_create",
    "user_update",
    "user_deactivate",
    "user_reactivate",
    "seed_demo",
    "admin_create",
    "admin_update",
    "admin_delete",
    "token_create",
    "token_revoke",
    "activity_import",
    "import_run",
)


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


def record(
    action: str, obj=None, changes: dict | None = None, actor: User | None = None
) -> AuditEvent:
    """Add an audit event to the session (the caller's commit makes it durable with the change)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user
    event = AuditEvent(
        action=action,
        actor_id=actor.id if actor is not None else None,
        object_type=type(obj).__name__ if obj is not None else None,
        object_id=str(obj.id) if obj is not None and obj.id is not None else None,
        changes={k: _jsonable(v) for k, v in changes.items()} if changes else None,
        remote_addr=request.remote_addr if has_request_context() else None,
    )
    db.session.add(event)
    log.info("audit %s %s %s by %s", action, event.object_type, event.object_id, event.actor_id)
    return event
