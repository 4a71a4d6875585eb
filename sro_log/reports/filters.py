"""Which entries a number counts: one filter, used by every summary and every drill-down list."""

from dataclasses import asdict, dataclass, fields, replace
from datetime import date

import sqlalchemy as sa

from ..models import Activity, School, activity_goals

APPROVED = ("approved",)
NO_SCHOOL = 0  # school_id 0 selects off-campus work, which has no school
REVIEWED_OR_PENDING = ("submitted", "approved")


@dataclass(frozen=True)
class EntryFilter:
    date_from: date | None = None
    date_to: date | None = None
    officer_id: int | None = None
    school_id: int | None = None
    district_id: int | None = None
    kind: str | None = None
    statuses: tuple[str, ...] = ()
    goal_id: int | None = None
    incident_type_id: int | None = None
    school_ids: tuple[int, ...] = ()  # a report's chosen schools (empty: every school)

    def period(self) -> tuple[date, date]:
        """The first and last day, which a dashboard, a report or a chart needs set."""
        assert self.date_from is not None and self.date_to is not None, "a period must be set"
        return self.date_from, self.date_to

    def narrowed(self, **changes) -> "EntryFilter":
        return replace(self, **changes)

    def of_kind(self, kind: str) -> "EntryFilter | None":
        """The filter's entries of one kind; None when it selects another kind (none)."""
        if self.kind not in (None, kind):
            return None
        return replace(self, kind=kind)

    def officers_everywhere(self) -> "EntryFilter":
        """The same officers' work of the same period and statuses, at any school and of any
        kind: what an officer's share of hours in and around schools is taken over."""
        return replace(
            self,
            school_id=None,
            district_id=None,
            school_ids=(),
            kind=None,
            goal_id=None,
            incident_type_id=None,
        )

    def query_args(self) -> dict:
        """The filter as entry-list query arguments (for drill-down links)."""
        args = {}
        for name, value in asdict(self).items():
            if name in ("statuses", "school_ids"):
                if value:
                    args[name] = ",".join(str(v) for v in value)
            elif value is not None:
                args[name] = value.isoformat() if isinstance(value, date) else value
        return args


FILTER_FIELDS = tuple(f.name for f in fields(EntryFilter))


def where_clauses(f: EntryFilter) -> list[sa.ColumnElement[bool]]:  # noqa: C901  # one flat condition per optional filter
    """The SQL conditions of a filter; deleted entries are never counted."""
    clauses: list[sa.ColumnElement[bool]] = [Activity.deleted_at.is_(None)]
    if f.date_from:
        clauses.append(Activity.occurred_on >= f.date_from)
    if f.date_to:
        clauses.append(Activity.occurred_on <= f.date_to)
    for name in ("officer_id", "kind"):
        value = getattr(f, name)
        if value is not None:
            clauses.append(getattr(Activity, name) == value)
    if f.school_id == NO_SCHOOL:
        clauses.append(Activity.school_id.is_(None))
    elif f.school_id is not None:
        clauses.append(Activity.school_id == f.school_id)
    if f.school_ids:
        clauses.append(Activity.school_id.in_(f.school_ids))
    if f.statuses:
        clauses.append(Activity.status.in_(f.statuses))
    if f.district_id is not None:
        schools = sa.select(School.id).where(School.district_id == f.district_id)
        clauses.append(Activity.school_id.in_(schools))
    if f.goal_id is not None:
        tagged = sa.select(activity_goals.c.activity_id).where(
            activity_goals.c.goal_id == f.goal_id
        )
        clauses.append(Activity.id.in_(tagged))
    if f.incident_type_id is not None:
        clauses.append(Activity.__table__.c.incident_type_id == f.incident_type_id)
    return clauses


def select_entries(f: EntryFilter) -> sa.Select:
    """The entries a filter selects, newest first."""
    return (
        sa.select(Activity)
        .where(*where_clauses(f))
        .order_by(Activity.occurred_on.desc(), Activity.start_time.desc(), Activity.id.desc())
    )
