"""Entries through the API: their JSON form, and creating and changing them through the same
record checks (the pages' forms) and the same services as the pages."""

import sqlalchemy as sa
from flask import abort

from ..activities import services
from ..activities.records import Lookups, RecordInvalid, check_record, keep_of, record_of
from ..extensions import db
from ..formbase import CONTROL_MESSAGE, has_control_characters
from ..models import Activity, User
from ..review.services import correct_activity
from .problems import problem

_STORED = (
    "id",
    "kind",
    "officer_id",
    "status",
    "version",
    "external_ref",
    "review_comment",
    "created_at",
    "updated_at",
    "submitted_at",
    "reviewed_at",
)


def entry_json(activity: Activity, lookups: Lookups, usernames: dict[int, str]) -> dict:
    body = {name: getattr(activity, name) for name in _STORED}
    body["officer"] = usernames.get(activity.officer_id, "")
    body["response_minutes"] = getattr(activity, "response_minutes", None)
    body.update(record_of(activity, lookups.item_codes))
    return body


def usernames_of(officer_ids) -> dict[int, str]:
    ids = set(officer_ids)
    if not ids:
        return {}
    return dict(db.session.execute(sa.select(User.id, User.username).where(User.id.in_(ids))).all())


def _refused(errors: dict):
    abort(problem(422, "Unprocessable Content", "Some fields are not valid.", errors))


def create_entry(officer: User, body: dict) -> int:
    """Check a new entry's record and create it (409 if its external_ref is taken); its id."""
    kind, submit, ref = body.pop("kind"), body.pop("submit", True), body.pop("external_ref", None)
    if has_control_characters(ref):  # PostgreSQL refuses NUL in text: refuse them all, as forms do
        _refused({"external_ref": [CONTROL_MESSAGE]})
    if ref is not None:
        taken = db.session.scalar(sa.select(Activity.id).where(Activity.external_ref == ref))
        if taken is not None:
            abort(
                problem(
                    409,
                    "Conflict",
                    f"Entry {taken} already has this external_ref.",
                    {"external_ref": ["Already used by another entry."]},
                )
            )
    lookups = Lookups.load()
    try:
        data, goal_ids = check_record(kind, body, lookups)
    except RecordInvalid as invalid:
        _refused(invalid.errors)
    try:
        return services.create_activity(
            officer, kind, {**data, "external_ref": ref}, goal_ids, submit
        )
    except services.DuplicateEntryError:  # the same external_ref sent twice at once
        db.session.rollback()
        abort(
            problem(
                409,
                "Conflict",
                "Another request stored this external_ref first.",
                {"external_ref": ["Already used by another entry."]},
            )
        )


def change_entry(activity: Activity, user: User, changes: dict) -> None:
    """Apply the given fields over the entry's record, check the whole, and save it: the officer
    through the officer's update, a supervisor through a correction. Refusals are 409."""
    version, submit = changes.pop("version"), changes.pop("submit", None)
    lookups = Lookups.load()
    record = {**record_of(activity, lookups.item_codes), **changes}
    try:
        data, goal_ids = check_record(activity.kind, record, lookups, keep=keep_of(activity))
    except RecordInvalid as invalid:
        _refused(invalid.errors)
    try:
        if user.id != activity.officer_id:
            correct_activity(activity, data, goal_ids, version, user)
        else:
            keep_status = activity.status == "submitted" if submit is None else submit
            services.update_activity(activity, data, goal_ids, keep_status, version, user)
    except services.EntryError as refusal:
        db.session.rollback()
        abort(problem(409, "Conflict", refusal.message))
