"""Valid form posts for each kind of entry, and what each should store."""

import html
import re
from datetime import date, datetime, time

import sqlalchemy as sa

from sro_log.catalog import KINDS
from sro_log.models import Activity, AuditEvent
from tests.conftest import goal, item


def form_for(db, kind: str, school, **overrides) -> dict:
    """The fields an officer fills for `kind`, as the browser posts them."""
    data = {
        "occurred_on": "2026-03-10",
        "start_time": "09:15",
        "duration_minutes": "45",
        "school_id": str(school.id),
        "location": "in_school",
        "goals": [str(goal(db, c).id) for c in KINDS[kind][1]],
        "summary": f"A {kind} entry",
        "notes": "",
        "submit_entry": "Submit",
    }
    pick = lambda name, code: str(item(db, name, code).id)  # noqa: E731
    data.update(
        {
            "classroom": lambda: {
                "topic_id": pick("topic", "internet_safety"),
                "grade_levels": ["9", "10"],
                "students_reached": "28",
                "staff_present": "1",
            },
            "mentoring": lambda: {
                "mode": "individual",
                "students_count": "1",
                "student_ref": "S-104",
                "concern_id": pick("concern", "attendance"),
                "referral_id": pick("referral", "counsellor"),
                "follow_up_on": "2026-03-17",
            },
            "incident": lambda: {
                "incident_type_id": pick("incident_type", "theft"),
                "reported_at": "2026-03-10T09:05",
                "arrived_at": "2026-03-10T09:09",
                "students_involved": "2",
                "staff_involved": "1",
                "others_involved": "0",
                "action": "arrest",
                "arrests": "1",
                "weapon_involved": "y",
                "injuries": "0",
                "case_number": "26-01234",
            },
            "patrol": lambda: {"patrol_type_id": pick("patrol_type", "lunch")},
            "safety": lambda: {
                "safety_type_id": pick("safety_type", "staff_training"),
                "staff_trained": "35",
            },
            "community": lambda: {
                "event_type_id": pick("event_type", "parent_meeting"),
                "attendees": "40",
            },
            "training": lambda: {"course": "Crisis intervention"},
            "admin": lambda: {},
        }[kind]()
    )
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def expected_for(db, kind: str, school) -> dict:
    """The typed values the valid post of `kind` must store."""
    common = {
        "occurred_on": date(2026, 3, 10),
        "start_time": time(9, 15),
        "duration_minutes": 45,
        "school_id": school.id,
        "location": "in_school",
        "summary": f"A {kind} entry",
        "notes": None,
    }
    pick = lambda name, code: item(db, name, code).id  # noqa: E731
    details = {
        "classroom": {
            "topic_id": pick("topic", "internet_safety"),
            "grade_levels": "9,10",
            "students_reached": 28,
            "staff_present": 1,
        },
        "mentoring": {
            "mode": "individual",
            "students_count": 1,
            "student_ref": "S-104",
            "concern_id": pick("concern", "attendance"),
            "referral_id": pick("referral", "counsellor"),
            "follow_up_on": date(2026, 3, 17),
        },
        "incident": {
            "incident_type_id": pick("incident_type", "theft"),
            "reported_at": datetime(2026, 3, 10, 9, 5),
            "arrived_at": datetime(2026, 3, 10, 9, 9),
            "students_involved": 2,
            "staff_involved": 1,
            "others_involved": 0,
            "action": "arrest",
            "arrests": 1,
            "weapon_involved": True,
            "injuries": 0,
            "case_number": "26-01234",
            "response_minutes": 4,
        },
        "patrol": {"patrol_type_id": pick("patrol_type", "lunch")},
        "safety": {"safety_type_id": pick("safety_type", "staff_training"), "staff_trained": 35},
        "community": {"event_type_id": pick("event_type", "parent_meeting"), "attendees": 40},
        "training": {"course": "Crisis intervention"},
        "admin": {},
    }[kind]
    return {**common, **details}


def count_rows(db) -> tuple[int, int]:
    """(entries, audit events) in the database."""
    return (
        db.session.scalar(sa.select(sa.func.count()).select_from(Activity)),
        db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)),
    )


def field_error(page: str, field: str) -> str | None:
    """The error message shown at a field, or None."""
    match = re.search(rf'id="{re.escape(field)}-error"[^>]*>([^<]*)<', page)
    return html.unescape(match.group(1)) if match else None
