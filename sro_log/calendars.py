"""School days, from the districts' calendars (models/calendars.py): which days a district has
school, and which of them each officer served. Pure functions of plain values, no database."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

SCHOOL_WEEKDAYS = 5  # Monday to Friday
LABEL_LENGTH = 80  # a span's name: "2026-27", "Winter break"


@dataclass(frozen=True)
class Span:
    kind: str  # "year" or "closure"
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class Placement:
    """An officer at a school of a district from one day (to another, or still)."""

    officer_id: int
    district_id: int
    starts_on: date
    ends_on: date | None


def _days(first: date, last: date) -> Iterable[date]:
    for offset in range((last - first).days + 1):
        yield first + timedelta(days=offset)


def school_days(spans: Iterable[Span], first: date, last: date) -> set[date]:
    """The weekdays from `first` to `last` inside a school year and outside every closure."""
    spans = list(spans)
    days: set[date] = set()
    for year in (s for s in spans if s.kind == "year"):
        for day in _days(max(year.starts_on, first), min(year.ends_on, last)):
            if day.weekday() < SCHOOL_WEEKDAYS:
                days.add(day)
    for closure in (s for s in spans if s.kind == "closure"):
        days.difference_update(_days(max(closure.starts_on, first), min(closure.ends_on, last)))
    return days


def officer_school_days(
    placements: Iterable[Placement],
    calendars: dict[int, list[Span]],
    first: date,
    last: date,
) -> dict[int, set[date]]:
    """Each officer's school days: the days their schools' districts had school while they
    were placed there (an officer placed mid-period counts from their first day)."""
    by_district: dict[int, set[date]] = {
        district: school_days(spans, first, last) for district, spans in calendars.items()
    }
    served: dict[int, set[date]] = {}
    for p in placements:
        start, end = max(p.starts_on, first), min(p.ends_on or last, last)
        if start > end:
            continue
        days = {d for d in by_district.get(p.district_id, ()) if start <= d <= end}
        served.setdefault(p.officer_id, set()).update(days)
    return served


MAX_YEAR_DAYS = 400  # a school year runs from late summer to early summer: never more
KIND_WORDS = {"year": "year", "closure": "closure", "holiday": "closure", "break": "closure"}


def span_problems(new: Span, label: str, existing: list[tuple[Span, str]]) -> list[str]:
    """Why a span cannot join a district's calendar (`existing`: its spans with their labels),
    or nothing when it can."""
    if new.ends_on < new.starts_on:
        return ["The last day must not be before the first."]
    problems = []
    if new.kind == "year" and (new.ends_on - new.starts_on).days >= MAX_YEAR_DAYS:
        problems.append(f"A school year is at most {MAX_YEAR_DAYS} days.")
    same = [(s, name) for s, name in existing if s.kind == new.kind]
    if any(s.starts_on == new.starts_on for s, _ in same):
        problems.append(f"The district already has a {new.kind} starting on {new.starts_on}.")
    elif new.kind == "year":
        for s, name in same:
            if s.starts_on <= new.ends_on and new.starts_on <= s.ends_on:
                problems.append(f"It overlaps the school year {name}.")
    years = [s for s, _ in existing if s.kind == "year"]
    inside = any(y.starts_on <= new.starts_on and new.ends_on <= y.ends_on for y in years)
    if new.kind == "closure" and not inside:
        problems.append(
            "A closure must fall inside one of the district's school years: add the year first."
        )
    if label and len(label) > LABEL_LENGTH:
        problems.append(f"Use at most {LABEL_LENGTH} characters for the name.")
    return problems
