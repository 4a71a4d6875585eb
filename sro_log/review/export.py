"""The supervisor's CSV of exactly the filtered entry list (no notes, no student references)."""

import hashlib

import sqlalchemy as sa

from ..extensions import db
from ..models import Activity, PickListItem, School, User
from ..reports.csvsafe import to_csv
from ..reports.filters import EntryFilter, select_entries

COLUMNS = [
    "id", "occurred_on", "start_time", "duration_minutes", "officer", "school", "kind",
    "location", "status", "goals", "summary", "type", "students", "staff", "arrests",
    "reported_at", "arrived_at", "response_minutes", "action", "attendees", "course",
]  # fmt: skip
_TYPE_COLUMN = ("topic_id", "incident_type_id", "patrol_type_id", "safety_type_id",
                "event_type_id", "concern_id")  # fmt: skip


def _row(entry: Activity, officers: dict, schools: dict, labels: dict) -> list:
    def value(name):
        return getattr(entry, name, None)

    type_id = next((value(c) for c in _TYPE_COLUMN if value(c) is not None), None)
    students = next(
        (
            value(c)
            for c in ("students_reached", "students_count", "students_involved")
            if value(c) is not None
        ),
        None,
    )
    staff = next((value(c) for c in ("staff_present", "staff_involved", "staff_trained")
                  if value(c) is not None), None)  # fmt: skip
    return [
        entry.id, entry.occurred_on.isoformat(),
        entry.start_time.strftime("%H:%M") if entry.start_time else "",
        entry.duration_minutes, officers.get(entry.officer_id, ""),
        schools.get(entry.school_id, ""), entry.kind, entry.location, entry.status,
        ";".join(g.code for g in entry.goals), entry.summary, labels.get(type_id, ""),
        students, staff, value("arrests"),
        value("reported_at").isoformat(timespec="minutes") if value("reported_at") else "",
        value("arrived_at").isoformat(timespec="minutes") if value("arrived_at") else "",
        value("response_minutes") if entry.kind == "incident" else None,
        value("action"), value("attendees"), value("course"),
    ]  # fmt: skip


def entries_csv(f: EntryFilter) -> tuple[str, int, str]:
    """The CSV text of every entry the filter selects, its row count and its SHA-256."""
    officers = dict(db.session.execute(sa.select(User.id, User.username)).all())
    schools = dict(db.session.execute(sa.select(School.id, School.name)).all())
    labels = dict(db.session.execute(sa.select(PickListItem.id, PickListItem.label)).all())
    entries = db.session.scalars(select_entries(f)).all()
    text = to_csv(COLUMNS, (_row(e, officers, schools, labels) for e in entries))
    return text, len(entries), hashlib.sha256(text.encode()).hexdigest()
