"""The program's reference data, kept by the admin: districts and schools, officer
assignments, program goals and pick lists (their forms are in forms.py). Nothing in use is
ever deleted: it is retired (kept for old entries and reports, no longer offered on forms).
Services flush and audit."""

import re
from datetime import date

import sqlalchemy as sa

from .. import audit
from ..catalog import PICK_COLUMNS, PICK_LISTS
from ..extensions import db
from ..models import Activity, PickListItem, User
from ..refusals import ServiceError


class AdminError(ServiceError):
    """A change refused for a reason the admin can act on."""


def snapshot(obj, names) -> dict:
    return {name: getattr(obj, name) for name in names}


def create(obj, names, actor: User):
    db.session.add(obj)
    db.session.flush()
    audit.record("admin_create", obj, snapshot(obj, names), actor=actor)
    return obj


def update(obj, values: dict, actor: User) -> None:
    changes = audit.diff(snapshot(obj, values), values)
    if not changes:
        return
    for name, value in values.items():
        setattr(obj, name, value)
    db.session.flush()
    audit.record("admin_update", obj, changes, actor=actor)


def unique_name(model, name: str, exclude_id: int | None = None, **scope) -> None:
    stmt = sa.select(model.id).where(sa.func.lower(model.name) == name.lower())
    for column, value in scope.items():
        stmt = stmt.where(getattr(model, column) == value)
    if any(found != exclude_id for found in db.session.scalars(stmt)):
        raise AdminError("That name is already used.")


def item_in_use(item: PickListItem) -> bool:
    table = Activity.__table__
    used = sa.or_(*(table.c[column] == item.id for column in PICK_COLUMNS.values()))
    return (db.session.scalar(sa.select(sa.func.count()).select_from(table).where(used)) or 0) > 0


def new_pick_item(list_name: str, label: str, position: int, actor: User) -> PickListItem:
    if list_name not in PICK_LISTS:
        raise AdminError("There is no such list.")
    existing = db.session.scalars(
        sa.select(PickListItem).where(PickListItem.list_name == list_name)
    ).all()
    if any(i.label.lower() == label.lower() for i in existing):
        raise AdminError("This list already has that label.")
    base = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:50] or "item"
    codes = {i.code for i in existing}
    code, n = base, 2
    while code in codes:
        code, n = f"{base}_{n}", n + 1
    item = PickListItem(list_name=list_name, code=code, label=label, position=position)
    return create(item, ("list_name", "code", "label", "position"), actor)


def delete_pick_item(item: PickListItem, actor: User) -> None:
    if item_in_use(item):
        raise AdminError("Entries use this item, so it cannot be deleted; retire it instead.")
    audit.record("admin_delete", item, snapshot(item, ("list_name", "code", "label")), actor=actor)
    db.session.delete(item)
    db.session.flush()


def end_assignment(assignment, day: date, actor: User) -> None:
    update(assignment, {"ends_on": max(day, assignment.starts_on)}, actor)
