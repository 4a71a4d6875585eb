"""Activity services: they change rows, flush and audit; the view or CLI commits once."""

import functools
import logging
from datetime import datetime, timedelta
from typing import cast

import sqlalchemy as sa
from sqlalchemy import inspect
from sqlalchemy.orm.exc import StaleDataError

from .. import audit, clock, reference
from ..extensions import db
from ..models import (
    ACTIVITY_CLASSES,
    Activity,
    ProgramGoal,
    User,
    activity_goals,
    goal_bits_of,
    response_minutes_between,
)
from ..refusals import ServiceError

log = logging.getLogger(__name__)

# Bookkeeping columns that change on every save; the audit trail records the fields people change.
_NOT_AUDITED = {"id", "version", "created_at", "updated_at", "kind"}


class EntryError(ServiceError):
    """A change to an entry that cannot be made."""


class StaleEntryError(EntryError):
    message = (
        "Someone changed this entry after you opened it. Your changes were not "
        "saved: reload the entry and make them again."
    )


class LockedEntryError(EntryError):
    message = "This entry is approved and locked. Ask your supervisor to correct it."


class DuplicateEntryError(EntryError):
    """An entry whose external_ref (a phone's key, an import's reference) is already stored."""

    message = "This entry is already saved."


def flush_entry() -> None:
    """Flush the entry's change; when the database's version check finds that another request
    changed the row in between (StaleDataError), that is a StaleEntryError. The session must
    then be rolled back, as after any failed flush."""
    try:
        db.session.flush()
    except StaleDataError as error:
        raise StaleEntryError() from error


def snapshot(activity: Activity) -> dict:
    """The audited fields of an entry, as plain values."""
    mapper = inspect(type(activity))
    values = {
        a.key: getattr(activity, a.key) for a in mapper.column_attrs if a.key not in _NOT_AUDITED
    }
    values["goals"] = sorted(g.code for g in activity.goals)
    return values


_ENTRIES = cast(sa.Table, Activity.__table__)  # a mapped class's table is a Table
_ADD_ENTRY = _ENTRIES.insert().returning(_ENTRIES.c.id)  # built once, as the ORM's are
_LINK_GOALS = activity_goals.insert()


@functools.cache
def _columns_of(kind: str) -> tuple[str, ...]:
    """The columns an entry of this kind has, its own and the common ones, but its id."""
    return tuple(a.key for a in inspect(ACTIVITY_CLASSES[kind]).column_attrs if a.key != "id")


_GOALS = sa.select(ProgramGoal).where(ProgramGoal.id.in_(sa.bindparam("ids", expanding=True)))


def _goals(goal_ids) -> list[ProgramGoal]:
    if not goal_ids:
        return []
    return list(db.session.scalars(_GOALS, {"ids": list(goal_ids)}))


def _status_on_save(status: str | None, submit: bool, now: datetime) -> dict:
    """The status columns that saving an entry (new: status None) sets: a draft, or submitted
    for review, stamped when it goes for review (submitted_at among them: the submit event's
    moment), not again while it waits."""
    if not submit:
        return {"status": "draft"}
    if status == "submitted":
        return {}
    return {"status": "submitted", "submitted_at": now}


def create_activity(  # the entry, and when a phone made it
    officer: User,
    kind: str,
    data: dict,
    goal_ids,
    submit: bool,
    made_on_device_at: datetime | None = None,
) -> int:
    """Create an officer's entry of `kind`, as a draft or submitted for review; return its id.
    An entry saved on a phone while offline says when it was made there; its audit event's time
    is when it arrived. Another entry with the same external_ref (a phone sending one entry twice
    at once) makes it a DuplicateEntryError, after which the session must be rolled back.

    It is the write an officer makes many times a day, so it is three INSERTs (the entry, its
    goals, its audit events) rather than the ORM's unit of work, which was a third of the
    request's CPU (issue 20); the columns the ORM's events keep in step on other writes are
    derived here by the same functions."""
    goals = {goal.id: goal for goal in reference.as_read().goals}  # ids and bits never change
    chosen = [goals[i] for i in dict.fromkeys(goal_ids) if i in goals]
    now = clock.now_utc()
    values = dict.fromkeys(_columns_of(kind))  # every column of the kind: None unless set
    if not data.keys() <= values.keys():
        raise TypeError(f"not fields of a {kind} entry: {sorted(data.keys() - values.keys())}")
    values.update(data, kind=kind, officer_id=officer.id, version=1, created_at=now)
    status = _status_on_save(None, submit, now)
    values.update(status)
    values.update(updated_at=now, goal_bits=goal_bits_of(chosen))
    if "response_minutes" in values:  # an incident
        values["response_minutes"] = response_minutes_between(
            values["reported_at"], values["arrived_at"]
        )
    try:
        entry_id = db.session.execute(_ADD_ENTRY, values).scalar_one()
    except sa.exc.IntegrityError as error:
        if values["external_ref"] is None:
            raise
        raise DuplicateEntryError() from error
    if chosen:
        links = [{"activity_id": entry_id, "goal_id": goal.id} for goal in chosen]
        db.session.execute(_LINK_GOALS, links)
    changes = {k: v for k, v in values.items() if k not in _NOT_AUDITED}
    changes["goals"] = sorted(goal.code for goal in chosen)
    if made_on_device_at is not None:
        changes["made_on_device_at"] = made_on_device_at
    written = audit.Written(ACTIVITY_CLASSES[kind].__name__, entry_id)
    events = [audit.event("activity_create", written, changes, actor=officer)]
    if "submitted_at" in status:
        events.append(audit.event("activity_submit", written, actor=officer))
    audit.write(events)
    log.info("officer %s logged %s %s as %s", officer.id, kind, entry_id, values["status"])
    return entry_id


def update_activity(
    activity: Activity,
    data: dict,
    goal_ids,
    submit: bool,
    expected_version: int | None,
    actor: User,
) -> Activity:
    """Change an entry the officer still may change; refuse a stale or locked one."""
    if activity.status == "approved":
        raise LockedEntryError()
    if expected_version is not None and expected_version != activity.version:
        raise StaleEntryError()
    before = snapshot(activity)
    status = _status_on_save(activity.status, submit, clock.now_utc())
    for column, value in status.items():
        setattr(activity, column, value)
    apply_changes(activity, data, goal_ids)
    audit.record("activity_update", activity, audit.diff(before, snapshot(activity)), actor=actor)
    if "submitted_at" in status:
        audit.record("activity_submit", activity, actor=actor)
    return activity


def apply_changes(activity: Activity, data: dict, goal_ids) -> None:
    """Set the entry's fields and goals and flush; the version moves even if only goals change."""
    with db.session.no_autoflush:  # else the goal query writes the half-changed entry: 2 UPDATEs
        goals = _goals(goal_ids)
    for name, value in data.items():
        setattr(activity, name, value)
    activity.goals = goals
    activity.updated_at = clock.now_utc()  # always an UPDATE, so the version column moves
    flush_entry()


def delete_activity(activity: Activity, actor: User) -> None:
    """Soft-delete an entry that is not approved."""
    if activity.status == "approved":
        raise LockedEntryError()
    activity.deleted_at = clock.now_utc()
    flush_entry()
    audit.record("activity_delete", activity, {"deleted_at": activity.deleted_at}, actor=actor)


UNDO_MINUTES = 10  # how long after a delete its officer may bring the entry back


class TooLateToUndoError(EntryError):
    message = (
        f"An entry can be brought back for {UNDO_MINUTES} minutes after it is deleted; "
        "this one was deleted earlier. Ask your supervisor if it is needed."
    )


def undoable(activity: Activity) -> bool:
    """Whether a deleted entry is still within its officer's undo window."""
    deleted = activity.deleted_at
    return deleted is not None and clock.now_utc() - deleted <= timedelta(minutes=UNDO_MINUTES)


def restore_activity(activity: Activity, actor: User) -> None:
    """Undo a delete, within UNDO_MINUTES: the entry is back as it was, in its status."""
    if activity.deleted_at is None:
        return  # already back (a second tap on Undo): nothing to do, nothing to audit
    if not undoable(activity):
        raise TooLateToUndoError()
    deleted = activity.deleted_at
    activity.deleted_at = None
    flush_entry()
    changes = audit.diff({"deleted_at": deleted}, {"deleted_at": None})
    audit.record("activity_restore", activity, changes, actor=actor)
