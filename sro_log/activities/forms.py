"""The common activity form and the list filters; field names are the model's attribute names."""

from datetime import date
from typing import ClassVar

from wtforms import (
    DateField,
    HiddenField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    Optional,
    Regexp,
    ValidationError,
)

from ..catalog import (
    GOAL_OPTIONAL_KINDS,
    LOCATIONS,
    PICK_COLUMNS,
)
from ..clock import made_on_device, today_local
from ..dates import in_calendar, not_before
from ..formbase import CheckboxListField, Form, OptionalIntSelectField, options, whole_number
from ..reports.filters import FILTER_FIELDS, NO_SCHOOL, EntryFilter

COMMON_COLUMNS = (
    "occurred_on",
    "start_time",
    "duration_minutes",
    "school_id",
    "location",
    "summary",
    "notes",
)
EARLIEST_DATE = date(2000, 1, 1)
# The browser's datetime-local format first, so stored values render back into the input.
LOCAL_DATETIME = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
OFF_CAMPUS_CHOICE = "No school (off-campus work)"
NOTES_HINT = "Never write a student's name here. Use a pseudonym or reference code if needed."
DEVICE_KEY = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
DEVICE_KEY_MESSAGE = "The key the phone gave this entry is not valid."
DEVICE_REF_PREFIX = "device-"  # + the key: the entry's external_ref (at most 80 characters)


def count(label, low=0, high=500, required=False, default=None):
    return whole_number(label, low, high, required=required, default=default)


def pick(label, required=True):
    first = InputRequired(message="Choose one.") if required else Optional()
    return OptionalIntSelectField(label, [first])


def picks(*list_names: str) -> dict[str, str]:
    """A form's pick lists: the field (the entry's column) of each list -> the list."""
    return {PICK_COLUMNS[name]: name for name in list_names}


class ActivityForm(Form):
    """The fields common to every kind; subclasses add `detail_fields`."""

    kind = ""
    default_minutes = 60
    asks_date = True  # the page shows the Date field (an incident's comes from its report time)
    detail_fields: tuple[str, ...] = ()
    pick_lists: ClassVar[dict[str, str]] = {}  # each kind's form declares its own

    occurred_on = DateField("Date", [InputRequired(message="Enter the date of the work.")])
    start_time = TimeField("Start time", [Optional()])
    duration_minutes = count("Duration (minutes)", 1, 720, required=True)
    school_id = OptionalIntSelectField("School")
    location = SelectField("Where", choices=options(LOCATIONS), default="in_school")
    goals = CheckboxListField("Program goals", coerce=int)
    summary = StringField(
        "Summary", [DataRequired(message="Write a short summary."), Length(max=200)]
    )
    notes = TextAreaField("Notes", [Optional(), Length(max=4000)], description=NOTES_HINT)
    version = HiddenField()
    # Set by the phone's offline layer (static/js/offline.js): the entry's key, made on the
    # device, so an entry sent twice is stored once; and when the officer saved it there.
    device_key = HiddenField(
        "Device key", [Optional(), Regexp(DEVICE_KEY, message=DEVICE_KEY_MESSAGE)]
    )
    made_at = HiddenField("Saved on the phone at", [Optional()])
    submit_entry = SubmitField("Submit")
    save_draft = SubmitField("Save as draft")

    def set_choices(self, schools, goals, pick_items, keep: dict | None = None):
        """Offer active schools, goals and pick-list items, plus whatever the entry already uses."""
        keep = keep or {}
        self.school_id.choices = options(
            [
                *((s.id, s.label) for s in schools if s.active or s.id == keep.get("school_id")),
                (NO_SCHOOL, OFF_CAMPUS_CHOICE),
            ],
            blank="Choose the school…",
        )
        kept_goals = set(keep.get("goals") or ())
        self.goals.choices = options(
            (g.id, g.title) for g in goals if g.active or g.id in kept_goals
        )
        for field_name, list_name in self.pick_lists.items():
            getattr(self, field_name).choices = options(
                (
                    (i.id, i.label)
                    for i in pick_items
                    if i.list_name == list_name and (i.active or i.id == keep.get(field_name))
                ),
                blank="Choose…",
            )

    def validate_made_at(self, field):
        if field.data and made_on_device(field.data) is None:
            raise ValidationError("The time the entry was saved on the phone is not valid.")

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        for hidden in (self.device_key, self.made_at):  # no place on the page to show them
            self.form_errors.extend(f"{hidden.label.text}: {e}" for e in hidden.errors)
        return ok

    @property
    def device_ref(self) -> str | None:
        """The entry's external_ref when the phone sent it with its key."""
        return (
            f"{DEVICE_REF_PREFIX}{self.device_key.data.lower()}" if self.device_key.data else None
        )

    def validate_occurred_on(self, field):
        if field.data is None:
            return
        if field.data > today_local():
            raise ValidationError("The date cannot be in the future.")
        if field.data < EARLIEST_DATE:
            raise ValidationError(f"The date cannot be before {EARLIEST_DATE:%d %B %Y}.")

    def validate_school_id(self, field):
        """No school (chosen, or left empty by an older form) is for off-campus work only."""
        if field.data in (None, NO_SCHOOL) and self.location.data != "off_campus":
            raise ValidationError("Choose the school, or set Where to off campus.")

    def validate_goals(self, field):
        if not field.data and self.kind not in GOAL_OPTIONAL_KINDS:
            raise ValidationError("Tick at least one program goal.")

    @classmethod
    def column_names(cls) -> tuple[str, ...]:
        """The model columns this form fills, common ones first."""
        return (*COMMON_COLUMNS, *cls.detail_fields)

    @property
    def submitted_for_review(self) -> bool:
        return bool(self.submit_entry.data)

    def model_data(self) -> dict:
        """The typed values for the model's columns (goals excluded: they are a relationship)."""
        data = {}
        for name in self.column_names():
            field = getattr(self, name)
            value = field.model_value() if isinstance(field, CheckboxListField) else field.data
            data[name] = value.strip() or None if isinstance(value, str) else value
        data["summary"] = data["summary"] or ""
        if data["school_id"] == NO_SCHOOL:
            data["school_id"] = None
        return data


class ListFilterForm(Form):
    """The officer's entry-list filters, read from the query string."""

    class Meta:
        csrf = False

    date_from = DateField("From", [Optional(), in_calendar])
    date_to = DateField("To", [Optional(), in_calendar, not_before("date_from")])
    kind = SelectField("Kind", [Optional()])
    school_id = OptionalIntSelectField("School", [Optional()])
    status = SelectField("Status", [Optional()])
    # Set by the dashboard's drill-down links.
    goal_id = OptionalIntSelectField("Goal", [Optional()])
    incident_type_id = OptionalIntSelectField("Incident type", [Optional()])
    statuses = SelectField("Statuses", [Optional()])

    def entry_filter(self, **fixed) -> EntryFilter:
        """The valid filters as an EntryFilter; a field with an error filters nothing."""
        values = {
            name: field.data if field.data not in ("", None) else None
            for name, field in self._fields.items()
            if name in FILTER_FIELDS and name != "statuses" and not field.errors
        }
        return EntryFilter(**{"statuses": self._statuses(), **values, **fixed})

    def _statuses(self) -> tuple[str, ...]:
        """One status picked in the list, else a set of statuses from a dashboard drill-down."""
        if self.status.data and not self.status.errors:
            return (self.status.data,)
        statuses = self._fields.get("statuses")
        if statuses is not None and statuses.data and not statuses.errors:
            return tuple(statuses.data.split(","))
        return ()


class EntriesFilterForm(ListFilterForm):
    """The supervisor's list: the officer's filters plus officer and district."""

    officer_id = OptionalIntSelectField("Officer", [Optional()])
    district_id = OptionalIntSelectField("District", [Optional()])
