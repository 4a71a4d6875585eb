"""Review services: they change rows, flush and audit; the view commits once."""

import logging

from .. import audit, clock
from ..activities.services import (
    EntryError,
    StaleEntryError,
    apply_changes,
    flush_entry,
    snapshot,
)
from ..extensions import db
from ..models import Activity, User

log = logging.getLogger(__name__)


def _check_reviewable(activity: Activity, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != activity.version:
        raise StaleEntryError()
    if activity.status != "submitted":
        raise EntryError("Only entries waiting for review can be approved or returned.")


def _mark_reviewed(activity: Activity, reviewer: User, status: str, comment: str | None) -> dict:
    before = {"status": activity.status, "review_comment": activity.review_comment}
    activity.status = status
    activity.review_comment = comment
    activity.reviewed_at = clock.now_utc()
    activity.reviewed_by = reviewer
    flush_entry()
    return audit.diff(before, {"status": status, "review_comment": comment})


def approve_activity(activity: Activity, reviewer: User, expected_version: int | None) -> None:
    """Approve a submitted entry seen at `expected_version`; it is then locked for its officer."""
    _check_reviewable(activity, expected_version)
    changes = _mark_reviewed(activity, reviewer, "approved", None)
    audit.record("activity_approve", activity, changes, actor=reviewer)


def approve_activities(refs: list[tuple[int, int]], reviewer: User) -> tuple[int, int]:
    """Approve each (id, version) still waiting unchanged; returns (approved, left alone)."""
    approved = skipped = 0
    for activity_id, version in refs:
        activity = db.session.get(Activity, activity_id)
        if activity is None or activity.deleted_at is not None:
            skipped += 1
            continue
        try:
            approve_activity(activity, reviewer, version)
        except EntryError as refusal:
            if refusal.__cause__ is not None:  # a failed flush: the batch is rolled back whole
                raise
            skipped += 1
        else:
            approved += 1
    log.info("reviewer %s approved %s entries, left %s alone", reviewer.id, approved, skipped)
    return approved, skipped


def return_activity(
    activity: Activity, reviewer: User, comment: str, expected_version: int | None
) -> None:
    """Send a submitted entry back to its officer with the supervisor's comment."""
    _check_reviewable(activity, expected_version)
    changes = _mark_reviewed(activity, reviewer, "returned", comment)
    audit.record("activity_return", activity, changes, actor=reviewer)


def correct_activity(
    activity: Activity, data: dict, goal_ids, expected_version: int | None, reviewer: User
) -> None:
    """A supervisor's correction, in any status; the audit keeps the before and after."""
    if expected_version is not None and expected_version != activity.version:
        raise StaleEntryError()
    before = snapshot(activity)
    apply_changes(activity, data, goal_ids)
    audit.record(
        "activity_correct", activity, audit.diff(before, snapshot(activity)), actor=reviewer
    )
