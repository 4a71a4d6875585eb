"""A believable, fictional county for demos and development: same seed and anchor, same data."""

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from .catalog import KINDS
from .dates import quarter_start
from .demo_texts import DISTRICTS, KIND_WEIGHTS, OFFICERS, RETURN_COMMENTS, STAFF, SUMMARIES
from .extensions import db
from .models import (
    ACTIVITY_CLASSES,
    Assignment,
    CalendarSpan,
    District,
    PickListItem,
    ProgramGoal,
    School,
    User,
)


def school_day(day: date) -> bool:
    summer = (day.month, day.day) >= (6, 1) and (day.month, day.day) < (8, 15)
    winter = (day.month, day.day) >= (12, 22) or (day.month, day.day) <= (1, 2)
    return day.weekday() < 5 and not summer and not winter


def seed_demo(anchor: date, seed: int, password: str, zone: ZoneInfo) -> dict:  # noqa: C901  # the demo program, built step by step
    """Create districts, schools, users, assignments and a year of entries ending on `anchor`."""
    rng = random.Random(seed)
    start = anchor - timedelta(days=364)
    schools = []
    for name, school_names in DISTRICTS.items():
        district = District(name=name)
        db.session.add(district)
        for school_name, level in zip(school_names, ("elementary", "middle", "high"), strict=True):
            schools.append(School(district=district, name=school_name, level=level))
    db.session.add_all(schools)
    users = {}
    for username, full_name, role in STAFF + [(u, n, "officer") for u, n, _ in OFFICERS]:
        user = User(
            username=username,
            full_name=full_name,
            role=role,
            email=f"{username}@example.org",
            district=schools[0].district if role == "partner" else None,
        )
        user.set_password(password)
        users[username] = user
    db.session.add_all(users.values())
    for username, _, covered in OFFICERS:
        for index in covered:
            db.session.add(
                Assignment(
                    officer=users[username],
                    school=schools[index],
                    starts_on=start - timedelta(days=30),
                )
            )
    db.session.flush()

    goals = {g.code: g for g in db.session.scalars(sa.select(ProgramGoal))}
    items: dict[str, list[PickListItem]] = {}
    for item in db.session.scalars(sa.select(PickListItem).order_by(PickListItem.id)):
        items.setdefault(item.list_name, []).append(item)
    maker = _EntryMaker(rng, goals, items, users["supervisor"], anchor, zone)
    count = 0
    day = start
    while day <= anchor:
        for username, _, covered in OFFICERS:
            officer = users[username]
            for entry in maker.day_of(officer, [schools[i] for i in covered], day):
                db.session.add(entry)
                count += 1
        if count and day.weekday() == 4:
            db.session.flush()
        day += timedelta(days=1)
    db.session.flush()
    _demo_calendars({school.district for school in schools}, start, anchor)
    _demo_grants(start, anchor)
    return {
        "districts": len(DISTRICTS),
        "schools": len(schools),
        "users": len(users),
        "entries": count,
        "from": start.isoformat(),
        "to": anchor.isoformat(),
    }


def _demo_calendars(districts, start: date, anchor: date) -> None:
    """Each district's school years (15 August to 31 May) and winter breaks (22 December to
    2 January) from the demo's first day to the next school year: the days school_day keeps."""
    for district in sorted(districts, key=lambda d: d.name):
        for year in range(start.year - 1, anchor.year + 1):
            label = f"{year}-{year + 1 - 2000}"
            year_span = (date(year, 8, 15), date(year + 1, 5, 31))
            winter = (date(year, 12, 22), date(year + 1, 1, 2))
            for kind, name, (first, last) in (
                ("year", label, year_span),
                ("closure", "Winter break", winter),
            ):
                db.session.add(
                    CalendarSpan(
                        district=district, kind=kind, label=name, starts_on=first, ends_on=last
                    )
                )


def _demo_grants(start: date, anchor: date) -> None:
    """Two grants over the demo year, one reporting by calendar quarter, one by COPS half-year."""
    from .grants.services import create_grant  # the grants package builds on these models

    create_grant(
        {
            "name": "Stop School Violence Program",
            "funder": "U.S. Department of Justice, BJA",
            "award_number": "15PBJA-25-GG-00042-STOP",
            "starts_on": quarter_start(start),
            "ends_on": date(anchor.year + 1, 12, 31),
            "cadence": "quarterly",
            "due_days": 30,
        },
        actor=None,
    )
    create_grant(
        {
            "name": "COPS Hiring Program: School Resource Officers",
            "funder": "U.S. Department of Justice, COPS Office",
            "award_number": "15JCOPS-25-GG-01234-UHPWX",
            "starts_on": date(start.year if start.month >= 8 else start.year - 1, 8, 1),
            "ends_on": date(anchor.year + 2, 7, 31),
            "cadence": "cops_half_year",
            "due_days": 30,
        },
        actor=None,
    )


class _EntryMaker:
    def __init__(self, rng, goals, items, supervisor, anchor, zone):
        self.rng, self.goals, self.items = rng, goals, items
        self.supervisor, self.anchor, self.zone = supervisor, anchor, zone

    def day_of(self, officer: User, schools: list[School], day: date):
        rng = self.rng
        if not school_day(day):
            if day.weekday() < 5 and rng.random() < 0.08:
                yield self._entry("training", officer, None, day, time(8, 0))
            return
        clock = datetime.combine(day, time(7, 15))
        school = rng.choice(schools)
        if rng.random() < 0.75:
            yield self._entry(
                "patrol", officer, school, day, clock.time(), patrol="arrival_dismissal"
            )
        for _ in range(rng.choice((2, 2, 3, 3, 3, 4))):
            clock += timedelta(minutes=rng.choice((30, 45, 60, 75)))
            if clock.hour >= 16:
                break
            kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
            yield self._entry(kind, officer, rng.choice(schools), day, clock.time())

    def _pick(self, list_name, code=None):
        options = self.items[list_name]
        if code:
            return next(i for i in options if i.code == code)
        return self.rng.choice(options[:-1] if len(options) > 3 else options)

    def _entry(self, kind, officer, school, day, start, patrol=None):
        rng = self.rng
        cls = ACTIVITY_CLASSES[kind]
        minutes = {
            "classroom": 50,
            "mentoring": rng.choice((15, 20, 30)),
            "patrol": 30,
            "incident": rng.choice((30, 45, 60, 90)),
            "safety": rng.choice((20, 30, 60)),
            "community": rng.choice((60, 90, 120)),
            "training": 480,
            "admin": 60,
        }[kind]
        location = (
            "off_campus"
            if school is None
            else rng.choice(("in_school",) * 6 + ("school_grounds",) * 2 + ("community",))
        )
        fields, label = self._details(kind, day, start, patrol)
        entry = cls(
            officer=officer,
            school=school,
            occurred_on=day,
            start_time=start,
            duration_minutes=minutes,
            location=location,
            summary=SUMMARIES[kind].format(item=label),
            **fields,
        )
        entry.goals = [self.goals[c] for c in KINDS[kind][1]]
        self._status(entry, kind, day, start)
        return entry

    def _details(self, kind, day, start, patrol):
        rng = self.rng
        if kind == "classroom":
            topic = self._pick("topic")
            return {
                "topic_id": topic.id,
                "grade_levels": rng.choice(("6,7", "9,10", "11,12", "4,5")),
                "students_reached": rng.randint(12, 90),
                "staff_present": rng.randint(1, 3),
            }, topic.label
        if kind == "mentoring":
            concern = self._pick("concern")
            referral = (
                self._pick("referral", "none") if rng.random() < 0.7 else self._pick("referral")
            )
            return {
                "mode": rng.choice(("individual",) * 4 + ("group", "parent", "staff")),
                "students_count": rng.choice((1, 1, 1, 2, 3, 5)),
                "concern_id": concern.id,
                "referral_id": referral.id,
                "follow_up_on": day + timedelta(days=7) if rng.random() < 0.3 else None,
            }, concern.label.lower()
        if kind == "incident":
            kind_item = self._pick("incident_type")
            reported = datetime.combine(day, start)
            action = rng.choices(
                (
                    "arrest",
                    "citation",
                    "juvenile_referral",
                    "school_discipline",
                    "report_taken",
                    "warning",
                    "no_action",
                ),
                weights=(4, 6, 10, 25, 25, 20, 10),
            )[0]
            students = rng.randint(1, 4)
            return {
                "incident_type_id": kind_item.id,
                "reported_at": reported,
                "arrived_at": reported + timedelta(minutes=rng.choice((0, 1, 2, 3, 5, 8, 15))),
                "students_involved": students,
                "staff_involved": rng.randint(0, 2),
                "others_involved": 0,
                "action": action,
                "arrests": 1 if action == "arrest" else 0,
                "weapon_involved": kind_item.code == "weapon",
                "injuries": 0,
                "case_number": f"{day:%y}-{rng.randint(10000, 99999)}",
            }, kind_item.label.lower()
        if kind == "patrol":
            item = self._pick("patrol_type", patrol)
            return {"patrol_type_id": item.id}, item.label
        if kind == "safety":
            item = self._pick("safety_type")
            trained = rng.randint(10, 60) if item.code == "staff_training" else None
            return {"safety_type_id": item.id, "staff_trained": trained}, item.label
        if kind == "community":
            item = self._pick("event_type")
            return {"event_type_id": item.id, "attendees": rng.randint(8, 200)}, item.label
        if kind == "training":
            return {
                "course": rng.choice(
                    (
                        "Active-shooter response",
                        "Youth mental-health first aid",
                        "Crisis intervention",
                        "Juvenile law update",
                    )
                )
            }, ""
        return {}, ""

    def _status(self, entry, kind, day, start):
        rng = self.rng
        logged = datetime.combine(day, start, self.zone).astimezone(UTC) + timedelta(hours=1)
        entry.created_at = entry.updated_at = logged
        recent = (self.anchor - day).days < 14
        weights = (15, 70, 10, 5) if recent else (0, 4, 95, 1)
        entry.status = rng.choices(("draft", "submitted", "approved", "returned"), weights)[0]
        if entry.status != "draft":
            entry.submitted_at = logged
        if entry.status in ("approved", "returned"):
            entry.reviewed_by = self.supervisor
            entry.reviewed_at = logged + timedelta(days=1)
        if entry.status == "returned":
            entry.review_comment = rng.choice(RETURN_COMMENTS[kind])
