"""The downloadable import template: the columns, and one example row of each kind."""

from ..csvsafe import to_csv
from .columns import COLUMNS

EXAMPLES = [
    {
        "kind": "classroom",
        "topic": "internet_safety",
        "grade_levels": "7;8",
        "students_reached": 28,
        "duration_minutes": 50,
        "goals": "educate;connect",
        "summary": "Internet safety lesson, 7th and 8th grade",
    },
    {
        "kind": "mentoring",
        "mode": "individual",
        "students_count": 1,
        "concern": "attendance",
        "referral": "counsellor",
        "duration_minutes": 20,
        "goals": "connect",
        "summary": "Check-in about attendance",
    },
    {
        "kind": "incident",
        "incident_type": "theft",
        "reported_at": "2025-09-15T10:05",
        "arrived_at": "2025-09-15T10:09",
        "students_involved": 2,
        "action": "report_taken",
        "arrests": 0,
        "weapon_involved": "no",
        "case_number": "25-004117",
        "duration_minutes": 60,
        "goals": "protect;deter",
        "summary": "Phone taken from a locker",
    },
    {
        "kind": "patrol",
        "patrol_type": "arrival_dismissal",
        "duration_minutes": 30,
        "goals": "deter;connect",
        "summary": "Morning arrival",
    },
    {
        "kind": "safety",
        "safety_type": "lockdown_drill",
        "staff_trained": 0,
        "duration_minutes": 30,
        "goals": "protect",
        "summary": "Lockdown drill",
    },
    {
        "kind": "community",
        "event_type": "parent_meeting",
        "attendees": 40,
        "duration_minutes": 60,
        "goals": "connect;deter",
        "summary": "Parent night",
    },
    {
        "kind": "training",
        "course": "Active threat response",
        "duration_minutes": 240,
        "location": "off_campus",
        "summary": "Annual training",
    },
    {
        "kind": "admin",
        "duration_minutes": 45,
        "location": "off_campus",
        "summary": "Court appearance",
    },
]


def template_csv() -> str:
    rows = []
    for number, example in enumerate(EXAMPLES, start=1):
        row = {
            "external_ref": f"example-{number:04d}",
            "officer": "officer-username",
            "district": "Your district",
            "school": "" if example.get("location") else "Your school",
            "status": "approved",
            "occurred_on": "2025-09-15",
            "start_time": "10:00",
            **example,
        }
        rows.append([row.get(column, "") for column in COLUMNS])
    return to_csv(list(COLUMNS), rows)
