"""A small generated county: the data the reporting tests count over (a pytest plugin)."""

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta

import pytest
import sqlalchemy as sa

from sro_log.catalog import KINDS
from sro_log.models import ACTIVITY_CLASSES, PickListItem, ProgramGoal

START, END = date(2026, 1, 26), date(2026, 4, 10)
IN_AROUND = ("in_school", "school_grounds", "community")


@pytest.fixture
def county(db, make_school, make_user):
    """Three officers, four schools in two districts, ~300 entries over three months."""
    rng = random.Random(42)
    schools = [make_school(name="North High"), make_school(name="North Middle", level="middle"),
               make_school(name="River High", district="Riverbend C-4"),
               make_school(name="River Elementary", district="Riverbend C-4",
                           level="elementary")]  # fmt: skip
    officers = [make_user("officer", full_name=n) for n in ("Avery", "Blake", "Casey")]
    goals = db.session.scalars(sa.select(ProgramGoal)).all()
    items = defaultdict(list)
    for item in db.session.scalars(sa.select(PickListItem)):
        items[item.list_name].append(item)
    for _ in range(300):
        kind = rng.choice(list(KINDS))
        day = START + timedelta(days=rng.randrange((END - START).days + 1))
        off_campus = rng.random() < 0.1
        fields = {
            "officer": rng.choice(officers),
            "occurred_on": day,
            "school": None if off_campus else rng.choice(schools),
            "location": "off_campus" if off_campus else rng.choice(IN_AROUND),
            "duration_minutes": rng.choice((15, 20, 30, 45, 50, 60, 90)),
            "status": rng.choice(
                ("approved",) * 5 + ("submitted", "submitted", "draft", "returned")
            ),
            "summary": "generated",
            "deleted_at": datetime.now().astimezone() if rng.random() < 0.03 else None,
        }
        if kind == "classroom":
            fields.update(
                topic_id=rng.choice(items["topic"]).id, students_reached=rng.randint(5, 60)
            )
        elif kind == "mentoring":
            fields.update(
                students_count=rng.randint(1, 4),
                concern_id=items["concern"][0].id,
                referral_id=items["referral"][0].id,
            )
        elif kind == "incident":
            reported = datetime.combine(day, time(9, 0))
            fields.update(
                incident_type_id=rng.choice(items["incident_type"][:5]).id,
                reported_at=reported,
                action="report_taken",
                arrived_at=reported + timedelta(minutes=rng.randint(0, 25))
                if rng.random() < 0.9
                else None,
                arrests=rng.choice((0, 0, 0, 1, 2)),
            )
        entry = ACTIVITY_CLASSES[kind](**fields)
        entry.goals = rng.sample(goals, rng.choice((0, 1, 1, 2)))
        db.session.add(entry)
    db.session.commit()
    return {"schools": schools, "officers": officers, "goals": goals}
