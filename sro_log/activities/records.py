"""An entry as a plain record, the shape the API and the import speak, checked by the same forms
as the pages: a record becomes form data, so every rule and message is the page's own.

In a record, pick lists, goals and grade levels are given by code (or, for people typing a
spreadsheet, by label), never by database id; the school is given by id.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from flask import g, has_request_context
from werkzeug.datastructures import MultiDict

from ..catalog import GRADE_LEVELS, PICK_COLUMNS
from ..models import Activity
from ..reference import GoalRecord, ItemRecord, SchoolRecord
from ..refusals import ServiceError
from .forms import COMMON_COLUMNS, ActivityForm
from .kind_forms import FORMS
from .queries import form_choices

# record name -> form field name, where they differ: a pick list's name names its column
RENAMED = PICK_COLUMNS
RECORD_OF_FIELD = {v: k for k, v in RENAMED.items()}
_MESSAGES = {  # WTForms' parse messages, said the way a record is written
    "Not a valid date value.": "Not a date: write it as YYYY-MM-DD.",
    "Not a valid time value.": "Not a time: write it as HH:MM (24-hour).",
    "Not a valid datetime value.": "Not a date and time: write it as YYYY-MM-DDTHH:MM.",
}


def record_name(field_name: str) -> str:
    return RECORD_OF_FIELD.get(field_name, field_name)


def record_fields(kind: str) -> tuple[str, ...]:
    """The record's names for the fields of a kind, common ones first (goals included)."""
    form = FORMS[kind]
    return (*COMMON_COLUMNS, "goals", *(record_name(n) for n in form.detail_fields))


ALL_FIELDS = tuple(dict.fromkeys(name for kind in FORMS for name in record_fields(kind)))


class RecordInvalid(ServiceError):
    """A record the forms refuse: `errors` maps record names to their messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("The record is not valid.")
        self.errors = errors


@dataclass
class Lookups:
    """The reference data a batch of records is checked against, read once."""

    schools: list[SchoolRecord]
    goals: list[GoalRecord]
    items: list[ItemRecord]
    goal_ids: dict[str, int] = field(default_factory=dict)
    item_ids: dict[tuple[str, str], int] = field(default_factory=dict)
    goal_codes: dict[int, str] = field(default_factory=dict)
    item_codes: dict[int, str] = field(default_factory=dict)
    # Each kind's select choices, built once per batch (building them is a tenth of a check).
    choices: dict[str, dict[str, list]] = field(default_factory=dict)

    def offer_choices(self, form: ActivityForm, keep: dict | None) -> None:
        if keep:  # an existing entry may keep its retired choices: built for it alone
            form.set_choices(self.schools, self.goals, self.items, keep)
            return
        named = ("school_id", "goals", *form.pick_lists)
        if form.kind not in self.choices:
            form.set_choices(self.schools, self.goals, self.items)
            self.choices[form.kind] = {name: form[name].choices for name in named}
        for name in named:
            form[name].choices = self.choices[form.kind][name]

    @classmethod
    def load(cls) -> "Lookups":
        """Read once per request (an API call checks a record and then answers with one)."""
        if has_request_context() and "record_lookups" in g:
            return g.record_lookups
        schools, goals, items = form_choices()
        lookups = cls(schools, goals, items)
        for goal in goals:  # codes win over titles that happen to read the same
            lookups.goal_ids.setdefault(goal.title.casefold(), goal.id)
        for goal in goals:
            lookups.goal_ids[goal.code.casefold()] = goal.id
            lookups.goal_codes[goal.id] = goal.code
        for i in items:
            lookups.item_ids.setdefault((i.list_name, i.label.casefold()), i.id)
        for i in items:
            lookups.item_ids[(i.list_name, i.code.casefold())] = i.id
            lookups.item_codes[i.id] = i.code
        if has_request_context():
            g.record_lookups = lookups
        return lookups


def as_text(value) -> str:
    """A value as the text a form reads: ISO dates, 24-hour times, 'y' or '' for yes and no."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "y" if value else ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value).strip()


def _values(value) -> list[str]:
    if isinstance(value, str):
        value = value.replace(",", ";").split(";")
    return [as_text(v) for v in value or () if as_text(v)]


def _form_data(form_class: type[ActivityForm], record: dict, lookups: Lookups, errors: dict):  # noqa: C901  # one branch per kind of value, read in order
    allowed = set(record_fields(form_class.kind))
    data: MultiDict = MultiDict()
    for name, value in record.items():
        empty = value is None or value == "" or value == [] or value is False
        if name not in allowed:
            if not empty:
                errors[name] = [f"Does not apply to {form_class.kind} entries."]
            continue
        if empty:
            continue
        target = RENAMED.get(name, name)
        if name == "goals":
            for code in _values(value):
                goal_id = lookups.goal_ids.get(code.casefold())
                if goal_id is None:
                    errors.setdefault(name, []).append(f"Unknown goal '{code}'.")
                else:
                    data.add(target, str(goal_id))
        elif name == "grade_levels":
            known = {code.casefold(): code for code, _ in GRADE_LEVELS}
            for level in _values(value):
                data.add(target, known.get(level.casefold(), level))
        elif target in form_class.pick_lists:
            list_name = form_class.pick_lists[target]
            item_id = lookups.item_ids.get((list_name, as_text(value).casefold()))
            if item_id is None:
                errors[name] = [f"Unknown {name.replace('_', ' ')} '{as_text(value)}'."]
            else:
                data.add(target, str(item_id))
        else:
            data.add(target, as_text(value))
    return data


def check_record(kind: str, record: dict, lookups: Lookups, keep: dict | None = None):
    """The model data and goal ids of a valid record of `kind`; RecordInvalid otherwise.

    `keep` names values an existing entry already holds (a retired school or pick item), which
    stay acceptable for it, as on the page.
    """
    form_class = FORMS[kind]
    errors: dict[str, list[str]] = {}
    form = form_class(
        formdata=_form_data(form_class, record, lookups, errors), meta={"csrf": False}
    )
    lookups.offer_choices(form, keep)
    if not form.validate():
        for name, messages in form.errors.items():
            if record_name(name) in errors or not messages:
                continue  # our own message for it (an unknown code) says more
            errors[record_name(name)] = [_MESSAGES.get(m, m) for m in messages]
    if errors:
        raise RecordInvalid(errors)
    return form.model_data(), list(form.goals.data or ())


def record_of(activity: Activity, item_names: dict[int, str]) -> dict:
    """The record of a stored entry: the fields of its kind, goals by code, pick-list items by
    the names given (their codes for the API, their labels for people reading a CSV)."""
    record = {}
    for name in record_fields(activity.kind):
        if name == "goals":
            record[name] = [g.code for g in activity.goals]
            continue
        value = getattr(activity, RENAMED.get(name, name))
        if name in RENAMED:
            value = item_names.get(value) if value is not None else None
        elif name == "grade_levels":
            value = value.split(",") if value else []
        record[name] = value
    return record


def keep_of(activity: Activity) -> dict:
    """What an existing entry already uses, so retired choices stay valid for it."""
    keep = {name: getattr(activity, name) for name in FORMS[activity.kind].column_names()}
    keep["goals"] = [g.id for g in activity.goals]
    return keep
