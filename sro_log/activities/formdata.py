"""Building activity forms: their choices, their defaults for a new entry, an edit or a copy."""

from datetime import date

from flask import request

from .. import reference
from ..catalog import KINDS
from ..models import Activity, User
from ..reference import GoalRecord
from ..reports.filters import NO_SCHOOL
from .forms import ActivityForm
from .kind_forms import FORMS
from .queries import form_choices

NO_ASSIGNMENT_HINT = (
    "You have no school assigned today: choose where this was (an administrator can assign "
    "your schools so the form starts there)."
)
# What "log another like this" leaves behind: facts of one occasion, not of the kind of work.
_NOT_COPIED = {
    "occurred_on",
    "start_time",
    "notes",
    "student_ref",
    "follow_up_on",
    "reported_at",
    "arrived_at",
    "case_number",
}


def entry_values(activity: Activity, form_class: type[ActivityForm]) -> dict:
    values = {name: getattr(activity, name) for name in form_class.column_names()}
    values["goals"] = [g.id for g in activity.goals]
    if values["school_id"] is None:
        values["school_id"] = NO_SCHOOL  # saved with no school: shown as the choice it was
    return values


def new_entry_defaults(kind: str, officer: User, today: date, goals: list[GoalRecord]) -> dict:
    usual = set(KINDS[kind][1])
    return {
        "occurred_on": today,
        "school_id": reference.as_read().school_on(officer.id, today),
        "location": "in_school",
        "duration_minutes": FORMS[kind].default_minutes,
        "goals": [g.id for g in goals if g.code in usual and g.active],
    }


def build_form(
    kind: str,
    officer: User,
    today: date,
    activity: Activity | None = None,
    copy_of: Activity | None = None,
) -> ActivityForm:
    """The form for a kind: posted data on POST, else the entry's values, a copy's, or defaults."""
    form_class = FORMS[kind]
    schools, goals, items = form_choices(form_class.pick_lists.values())
    keep = entry_values(activity, form_class) if activity is not None else {}
    if request.method == "POST":
        form = form_class()
    elif activity is not None:
        form = form_class(data={**keep, "version": activity.version})
    else:
        data = new_entry_defaults(kind, officer, today, goals)
        if copy_of is not None:
            copied = entry_values(copy_of, form_class)
            data.update({k: v for k, v in copied.items() if k not in _NOT_COPIED})
        form = form_class(data=data)
        if data["school_id"] is None:
            form.school_id.description = NO_ASSIGNMENT_HINT
    form.set_choices(schools, goals, items, keep)
    return form
