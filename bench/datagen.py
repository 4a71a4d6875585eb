"""Generate county- and state-scale activity data through the models' own tables.

Rows go in with the Core insert of the models' tables in chunks, so 2,000,000 entries take
minutes, not hours, and memory stays flat. A data set is kept between runs (a SQLite file in
bench/data/, a PostgreSQL database) and regenerated only when its size is not the one asked.
"""

from datetime import UTC, date, datetime, time, timedelta

import numpy as np
import sqlalchemy as sa

from sro_log.catalog import KINDS
from sro_log.extensions import db
from sro_log.models import (
    Activity,
    District,
    PickListItem,
    ProgramGoal,
    School,
    User,
    activity_goals,
)

SCALES = {  # entries, officers, schools, districts
    "county": (250_000, 30, 60, 6),
    "state": (2_000_000, 240, 480, 40),
}
KIND_WEIGHTS = {
    "patrol": 30,
    "mentoring": 25,
    "classroom": 15,
    "incident": 8,
    "safety": 7,
    "admin": 8,
    "community": 5,
    "training": 2,
}
LOCATIONS = np.array(["in_school", "school_grounds", "community", "off_campus"])
CHUNK = 20_000


def school_days(first: date, last: date) -> list[date]:
    days, day = [], first
    while day <= last:
        summer = (6, 10) <= (day.month, day.day) < (8, 15)
        if day.weekday() < 5 and not summer:
            days.append(day)
        day += timedelta(days=1)
    return days


def existing_entries() -> int:
    try:
        return db.session.scalar(sa.select(sa.func.count()).select_from(Activity))
    except sa.exc.DatabaseError:
        db.session.rollback()
        return -1


def generate(scale: str, today: date, seed: int = 1) -> int:
    """Fill an empty, migrated database; returns the number of entries written."""
    entries, n_officers, n_schools, n_districts = SCALES[scale]
    rng = np.random.default_rng(seed)
    conn = db.session.connection()
    conn.execute(
        sa.insert(District.__table__),
        [{"id": i + 1, "name": f"District {i + 1}", "active": True} for i in range(n_districts)],
    )
    conn.execute(
        sa.insert(School.__table__),
        [
            {
                "id": i + 1,
                "district_id": i % n_districts + 1,
                "name": f"School {i + 1}",
                "level": ("elementary", "middle", "high")[i % 3],
                "active": True,
            }
            for i in range(n_schools)
        ],
    )
    now = datetime.now(UTC)
    conn.execute(
        sa.insert(User.__table__),
        [
            {
                "id": i + 1,
                "username": f"bench{i + 1}",
                "full_name": f"Officer {i + 1}",
                "role": "officer",
                "active": True,
                "password_hash": "!",
                "failed_logins": 0,
                "session_version": 1,
                "created_at": now,
            }
            for i in range(n_officers)
        ],
    )
    goals = {g.code: (g.id, g.bit) for g in db.session.scalars(sa.select(ProgramGoal))}
    items: dict[str, list[int]] = {}
    for item in db.session.scalars(sa.select(PickListItem)):
        items.setdefault(item.list_name, []).append(item.id)

    # Five school years: four whole ones and the current one up to today.
    first = date(today.year - (5 if today.month >= 7 else 6), 7, 1)
    days = np.array(school_days(first, today), dtype="datetime64[D]")
    kinds = np.array(list(KIND_WEIGHTS))
    weights = np.array(list(KIND_WEIGHTS.values()), dtype=float)
    written = 0
    while written < entries:
        size = min(CHUNK, entries - written)
        rows, links = _chunk(
            rng,
            size,
            written,
            days,
            kinds,
            weights / weights.sum(),
            n_officers,
            n_schools,
            items,
            goals,
        )
        conn.execute(sa.insert(Activity.__table__), rows)
        conn.execute(sa.insert(activity_goals), links)
        written += size
    if conn.dialect.name == "postgresql":
        for table in ("activities", "districts", "schools", "users"):
            conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
    db.session.commit()
    return written


def _chunk(rng, size, offset, days, kinds, p, n_officers, n_schools, items, goals):
    kind = rng.choice(kinds, size=size, p=p)
    officer = rng.integers(1, n_officers + 1, size=size)
    # each officer covers two neighbouring schools
    school = ((officer - 1) * 2 + rng.integers(0, 2, size=size)) % n_schools + 1
    day = rng.choice(days, size=size)
    place = rng.choice(LOCATIONS, size=size, p=[0.62, 0.18, 0.1, 0.1])
    minutes = rng.choice([15, 20, 30, 45, 50, 60, 90], size=size)
    status = rng.choice(
        ["approved", "submitted", "returned", "draft"], size=size, p=[0.93, 0.04, 0.01, 0.02]
    )
    counts = rng.integers(1, 60, size=size)
    response = rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 10, 15, 20], size=size)
    created = datetime(2026, 1, 1, tzinfo=UTC)
    rows, links = [], []
    for i in range(size):
        k = str(kind[i])
        off_campus = place[i] == "off_campus" or k == "training"
        on = day[i].astype(date)
        row = dict(
            _EMPTY,
            id=offset + i + 1,
            kind=k,
            officer_id=int(officer[i]),
            school_id=None if off_campus else int(school[i]),
            occurred_on=on,
            start_time=time(8 + i % 8, 0),
            duration_minutes=int(minutes[i]),
            location="off_campus" if off_campus else str(place[i]),
            summary=f"{k} work",
            status=str(status[i]),
            version=1,
            created_at=created,
            updated_at=created,
        )
        if k == "classroom":
            row.update(topic_id=items["topic"][i % 10], students_reached=int(counts[i]))
        elif k == "mentoring":
            row.update(
                students_count=int(counts[i] % 4 + 1),
                concern_id=items["concern"][i % 10],
                referral_id=items["referral"][i % 7],
            )
        elif k == "incident":
            reported = datetime.combine(on, time(10, 0))
            row.update(
                incident_type_id=items["incident_type"][i % 18],
                reported_at=reported,
                arrived_at=reported + timedelta(minutes=int(response[i])),
                response_minutes=int(response[i]),
                action="report_taken",
                arrests=int(counts[i] % 9 == 0),
            )
        elif k == "patrol":
            row.update(patrol_type_id=items["patrol_type"][i % 6])
        elif k == "safety":
            row.update(safety_type_id=items["safety_type"][i % 9], staff_trained=int(counts[i]))
        elif k == "community":
            row.update(event_type_id=items["event_type"][i % 4], attendees=int(counts[i]) * 3)
        row["goal_bits"] = sum(1 << goals[code][1] for code in KINDS[k][1])
        rows.append(row)
        links.extend({"activity_id": row["id"], "goal_id": goals[code][0]} for code in KINDS[k][1])
    return rows, links


_EMPTY = {c.name: None for c in Activity.__table__.columns}
