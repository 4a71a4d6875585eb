"""The program's reference data, kept by the admin: districts and schools, officer
assignments, program goals and pick lists. Nothing in use is ever deleted: it is retired (kept
for old entries and reports, no longer offered on forms). Services flush and audit."""

import re
from datetime import date

import sqlalchemy as sa
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
)

from .. import audit
from ..activities.fields import OptionalIntSelectField, options
from ..catalog import PICK_LISTS, SCHOOL_LEVELS
from ..dates import not_before
from ..extensions import db
from ..formbase import Form
from ..models import Activity, District, PickListItem, School, User
from ..refusals import ServiceError

PICK_COLUMNS = ("topic_id", "concern_id", "referral_id", "incident_type_id", "patrol_type_id",
                "safety_type_id", "event_type_id")  # fmt: skip


class AdminError(ServiceError):
    """A change refused for a reason the admin can act on."""


class DistrictForm(Form):
    name = StringField("District name", [DataRequired("Enter the district's name."),
                                         Length(max=120)])  # fmt: skip


class SchoolForm(Form):
    name = StringField("School name", [DataRequired("Enter the school's name."), Length(max=120)])
    district_id = OptionalIntSelectField("District", [InputRequired("Choose the district.")])
    level = SelectField("Level", choices=options(SCHOOL_LEVELS))


class AssignmentForm(Form):
    officer_id = OptionalIntSelectField("Officer", [InputRequired("Choose the officer.")])
    school_id = OptionalIntSelectField("School", [InputRequired("Choose the school.")])
    starts_on = DateField("From", [InputRequired("Enter the first day.")])
    ends_on = DateField(
        "To", [Optional(), not_before("starts_on")], description="Leave empty while it lasts."
    )


class GoalForm(Form):
    title = StringField("Title", [DataRequired("Enter the goal's title."), Length(max=80)])
    description = TextAreaField("Description", [Length(max=2000)])
    position = IntegerField(
        "Order",
        [InputRequired("Enter a number."), NumberRange(0, 999, "Enter a number from 0 to 999.")],
    )


class PickItemForm(Form):
    label = StringField("Label", [DataRequired("Enter the label."), Length(max=120)])
    position = IntegerField(
        "Order",
        [InputRequired("Enter a number."), NumberRange(0, 999, "Enter a number from 0 to 999.")],
    )


def with_choices(form):
    """Fill the selects of a form from the database (active rows only)."""
    if "district_id" in form:
        rows = db.session.execute(
            sa.select(District.id, District.name).where(District.active).order_by(District.name)
        ).all()
        form.district_id.choices = options(rows, blank="Choose…")
    if "officer_id" in form:
        rows = db.session.execute(
            sa.select(User.id, User.full_name)
            .where(User.role == "officer", User.active)
            .order_by(User.full_name)
        ).all()
        form.officer_id.choices = options(rows, blank="Choose…")
    if "school_id" in form:
        rows = db.session.execute(
            sa.select(School.id, School.name).where(School.active).order_by(School.name)
        ).all()
        form.school_id.choices = options(rows, blank="Choose…")
    return form  # fmt: skip


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
    used = sa.or_(*(table.c[column] == item.id for column in PICK_COLUMNS))
    return db.session.scalar(sa.select(sa.func.count()).select_from(table).where(used)) > 0


def new_pick_item(list_name: str, label: str, position: int, actor: User) -> PickListItem:
    if list_name not in PICK_LISTS:
        raise AdminError("There is no such list.")
    existing = db.session.scalars(sa.select(PickListItem).where(
        PickListItem.list_name == list_name)).all()  # fmt: skip
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
    audit.record("admin_delete", item, snapshot(item, ("list_name", "code", "label")),
                 actor=actor)  # fmt: skip
    db.session.delete(item)
    db.session.flush()


def end_assignment(assignment, day: date, actor: User) -> None:
    update(assignment, {"ends_on": max(day, assignment.starts_on)}, actor)
