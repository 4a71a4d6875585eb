"""The reference data an entry is made of (schools with their districts, program goals,
pick-list items), kept per process as plain records and read again only when the reference
stamp has changed (models/reference.py; triggers change it with every change to those tables,
whoever makes it). An entry form's GET and POST read one small row instead of three queries
and a few hundred ORM objects (issue 20: half the CPU per entry).

The stamp is read in the request's own transaction, before the data: a copy made while a
change commits is tagged with the older stamp, so the next request reads it again; a copy that
holds a change not yet committed is tagged with a stamp that a rollback takes away. Each app
keeps its own copy (the tests make many apps in one process).
"""

from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app, g

from .extensions import db
from .models import District, PickListItem, ProgramGoal, ReferenceStamp, School

_KEY = "sro_log_reference"
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


@dataclass(frozen=True, slots=True)
class ItemRecord:
    id: int
    list_name: str
    code: str
    label: str
    active: bool


@dataclass(frozen=True)
class Reference:
    schools: tuple[SchoolRecord, ...]  # by name
    goals: tuple[GoalRecord, ...]  # in the program's order
    items: tuple[ItemRecord, ...]  # by list, then the list's order

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
        sa.select(ProgramGoal.id, ProgramGoal.code, ProgramGoal.title, ProgramGoal.active).order_by(
            ProgramGoal.position, ProgramGoal.id
        )
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
    return Reference(
        tuple(SchoolRecord(*row) for row in schools),
        tuple(GoalRecord(*row) for row in goals),
        tuple(ItemRecord(*row) for row in items),
    )


def current_stamp() -> int | None:
    """The stamp the reference data has now (None before anything was written)."""
    return db.session.scalar(_STAMP)


def stamp_of_page() -> int | None:
    """The stamp of the reference data this request's page was made from: the one current()
    read, when it did (one query fewer on an entry form), else the stamp now."""
    return g.reference_stamp if "reference_stamp" in g else current_stamp()


def current() -> Reference:
    """The reference data as the request's transaction sees it."""
    stamp = g.reference_stamp = current_stamp()
    held = current_app.extensions.get(_KEY)
    if stamp is not None and held is not None and held[0] == stamp:
        return held[1]
    data = _load()
    if stamp is not None:  # no row yet: nothing has been written, nothing worth keeping
        current_app.extensions[_KEY] = (stamp, data)  # one assignment: safe across threads
    return data
