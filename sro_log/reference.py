"""The reference data an entry is made of (schools with their districts, program goals,
pick-list items, the officers' assignments to schools), kept per process as plain records and
read again only when the reference stamp has changed (models/reference.py; triggers change it
with every change to those tables, whoever makes it). An entry form's GET and POST read one
small row instead of four queries and a few hundred ORM objects (issue 20: half the CPU per
entry); on a GET that row comes with the signed-in session's (auth/session_store.py).

The stamp is read in the request's own transaction, before the data: a copy made while a
change commits is tagged with the older stamp, so the next request reads it again; a copy that
holds a change not yet committed is tagged with a stamp that a rollback takes away. Each app
keeps its own copy (the tests make many apps in one process).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import current_app, g, has_request_context

from .callers import changes_nothing
from .extensions import db
from .models import Assignment, District, PickListItem, ProgramGoal, ReferenceStamp, School

_KEY = "sro_log_reference"
_NOT_READ = object()
_STAMP = sa.select(ReferenceStamp.stamp).where(ReferenceStamp.id == 1)  # built once


@dataclass(frozen=True, slots=True)
class SchoolRecord:
    id: int
    name: str
    district_name: str
    active: bool

    @property
    def label(self) -> str:
        return f"{self.name} ({self.district_name})"


@dataclass(frozen=True, slots=True)
class GoalRecord:
    id: int
    code: str
    title: str
    active: bool
    bit: int  # its bit in an entry's goal_bits


@dataclass(frozen=True, slots=True)
class ItemRecord:
    id: int
    list_name: str
    code: str
    label: str
    active: bool


@dataclass(frozen=True, slots=True)
class AssignmentRecord:
    officer_id: int
    school_id: int
    starts_on: date
    ends_on: date | None

    def covers(self, day: date) -> bool:
        """In force on that day: Assignment.covering's rule, for the copy."""
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)


@dataclass(frozen=True)
class Reference:
    schools: tuple[SchoolRecord, ...]  # by name
    goals: tuple[GoalRecord, ...]  # in the program's order
    items: tuple[ItemRecord, ...]  # by list, then the list's order
    assignments: tuple[AssignmentRecord, ...]  # the latest begun first

    def school_on(self, officer_id: int, day: date) -> int | None:
        """The school of the officer's assignment on that day (the latest begun, if several)."""
        for assignment in self.assignments:
            if assignment.officer_id == officer_id and assignment.covers(day):
                return assignment.school_id
        return None

    def items_of(self, lists: Iterable[str] | None) -> list[ItemRecord]:
        """The items of the named pick lists (of every list if None)."""
        if lists is None:
            return list(self.items)
        wanted = set(lists)
        return [i for i in self.items if i.list_name in wanted]


def _load() -> Reference:
    schools = db.session.execute(
        sa.select(School.id, School.name, District.name, School.active)
        .join(District, School.district_id == District.id)
        .order_by(School.name, School.id)
    )
    goals = db.session.execute(
        sa.select(
            ProgramGoal.id, ProgramGoal.code, ProgramGoal.title, ProgramGoal.active, ProgramGoal.bit
        ).order_by(ProgramGoal.position, ProgramGoal.id)
    )
    items = db.session.execute(
        sa.select(
            PickListItem.id,
            PickListItem.list_name,
            PickListItem.code,
            PickListItem.label,
            PickListItem.active,
        ).order_by(PickListItem.list_name, PickListItem.position, PickListItem.id)
    )
    assignments = db.session.execute(
        sa.select(
            Assignment.officer_id, Assignment.school_id, Assignment.starts_on, Assignment.ends_on
        ).order_by(Assignment.starts_on.desc(), Assignment.id.desc())
    )
    return Reference(
        tuple(SchoolRecord(*row) for row in schools),
        tuple(GoalRecord(*row) for row in goals),
        tuple(ItemRecord(*row) for row in items),
        tuple(AssignmentRecord(*row) for row in assignments),
    )


def current_stamp() -> int | None:
    """The stamp the reference data has now (None before anything was written)."""
    return db.session.scalar(_STAMP)


def stamp_of_page() -> int | None:
    """The stamp of the reference data this request's page was made from: the one current()
    read, when it did (one query fewer on an entry form), else the stamp now."""
    return g.reference_stamp if "reference_stamp" in g else current_stamp()


# Read with the signed-in session's row at the start of a GET or HEAD, which change nothing,
# so that stamp is still the one the request's transaction sees when current() first asks.
STAMP_NOW = _STAMP.scalar_subquery().label("reference_stamp")
_READ_EARLY = "reference_stamp_early"


def stamp_read_early(stamp: int | None) -> None:
    """Keep the stamp read with the session's row for this request's first current()."""
    if has_request_context() and changes_nothing():
        setattr(g, _READ_EARLY, stamp)


def current() -> Reference:
    """The reference data as the request's transaction sees it."""
    early = g.pop(_READ_EARLY, _NOT_READ)
    stamp = g.reference_stamp = current_stamp() if early is _NOT_READ else early
    held = current_app.extensions.get(_KEY)
    if stamp is not None and held is not None and held[0] == stamp:
        data = held[1]
    else:
        data = _load()
        if stamp is not None:  # no row yet: nothing has been written, nothing worth keeping
            current_app.extensions[_KEY] = (stamp, data)  # one assignment: safe across threads
    g.reference = data
    return data


def as_read() -> Reference:
    """The copy this request read already (current() if it has read none): for a form's
    defaults and the goals it was offered, without reading the stamp again."""
    return g.reference if "reference" in g else current()
