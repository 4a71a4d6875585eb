"""One Flask-WTF form per kind of activity; field names are the model's attribute names."""

from datetime import date, timedelta

from wtforms import (BooleanField, DateField, DateTimeLocalField, HiddenField, IntegerField,
                     SelectField, StringField, SubmitField, TextAreaField, TimeField)
from wtforms.validators import (DataRequired, InputRequired, Length, NumberRange, Optional, Regexp,
                                ValidationError)

from ..catalog import GOAL_OPTIONAL_KINDS, GRADE_LEVELS, INCIDENT_ACTIONS, LOCATIONS, MENTORING_MODES
from ..clock import now_local, today_local
from ..formbase import Form
from .fields import CheckboxListField, OptionalIntSelectField, options

EARLIEST_DATE = date(2000, 1, 1)
# The browser's datetime-local format first, so stored values render back into the input.
LOCAL_DATETIME = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
NOTES_HINT = "Never write a student's name here. Use a pseudonym or reference code if needed."


def count(label, low=0, high=500, required=False):
    first = InputRequired(message="Enter a number.") if required else Optional()
    message = f"Enter a whole number from {low} to {high}."
    return IntegerField(label, [first, NumberRange(low, high, message=message)])


def pick(label, required=True):
    first = InputRequired(message="Choose one.") if required else Optional()
    return OptionalIntSelectField(label, [first])


class ActivityForm(Form):
    """The fields common to every kind; subclasses add `detail_fields`."""

    kind = ""
    default_minutes = 60
    detail_fields: tuple[str, ...] = ()
    pick_lists: dict[str, str] = {}

    occurred_on = DateField("Date", [InputRequired(message="Enter the date of the work.")])
    start_time = TimeField("Start time", [Optional()])
    duration_minutes = count("Duration (minutes)", 1, 720, required=True)
    school_id = OptionalIntSelectField("School")
    location = SelectField("Where", choices=options(LOCATIONS), default="in_school")
    goals = CheckboxListField("Program goals", coerce=int)
    summary = StringField("Summary", [DataRequired(message="Write a short summary."), Length(max=200)])
    notes = TextAreaField("Notes", [Optional(), Length(max=4000)], description=NOTES_HINT)
    version = HiddenField()
    submit_entry = SubmitField("Submit")
    save_draft = SubmitField("Save as draft")

    def set_choices(self, schools, goals, pick_items, keep: dict | None = None):
        """Offer active schools, goals and pick-list items, plus whatever the entry already uses."""
        keep = keep or {}
        self.school_id.choices = options(
            ((s.id, f"{s.name} ({s.district.name})") for s in schools
             if s.active or s.id == keep.get("school_id")), blank="No school (off-campus work)")
        kept_goals = set(keep.get("goals") or ())
        self.goals.choices = options((g.id, g.title) for g in goals
                                     if g.active or g.id in kept_goals)
        for field_name, list_name in self.pick_lists.items():
            getattr(self, field_name).choices = options(
                ((i.id, i.label) for i in pick_items
                 if i.list_name == list_name and (i.active or i.id == keep.get(field_name))),
                blank="Choose…")

    def validate_occurred_on(self, field):
        if field.data is None:
            return
        if field.data > today_local():
            raise ValidationError("The date cannot be in the future.")
        if field.data < EARLIEST_DATE:
            raise ValidationError(f"The date cannot be before {EARLIEST_DATE:%d %B %Y}.")

    def validate_school_id(self, field):
        if field.data is None and self.location.data != "off_campus":
            raise ValidationError("Choose the school, or set Where to off campus.")

    def validate_goals(self, field):
        if not field.data and self.kind not in GOAL_OPTIONAL_KINDS:
            raise ValidationError("Tick at least one program goal.")

    @property
    def submitted_for_review(self) -> bool:
        return bool(self.submit_entry.data)

    def model_data(self) -> dict:
        """The typed values for the model's columns (goals excluded: they are a relationship)."""
        names = ("occurred_on", "start_time", "duration_minutes", "school_id", "location",
                 "summary", "notes") + self.detail_fields
        data = {}
        for name in names:
            field = getattr(self, name)
            value = field.model_value() if isinstance(field, CheckboxListField) else field.data
            data[name] = value.strip() or None if isinstance(value, str) else value
        data["summary"] = data["summary"] or ""
        return data


class ClassroomForm(ActivityForm):
    kind = "classroom"
    default_minutes = 50
    detail_fields = ("topic_id", "grade_levels", "students_reached", "staff_present")
    pick_lists = {"topic_id": "topic"}
    topic_id = pick("Topic")
    grade_levels = CheckboxListField("Grade levels", choices=options(GRADE_LEVELS), joined=True)
    students_reached = count("Students reached", 1, 2000, required=True)
    staff_present = count("Staff present", 0, 200)


class MentoringForm(ActivityForm):
    kind = "mentoring"
    default_minutes = 20
    detail_fields = ("mode", "students_count", "student_ref", "concern_id", "referral_id",
                     "follow_up_on")
    pick_lists = {"concern_id": "concern", "referral_id": "referral"}
    mode = SelectField("Mode", choices=options(MENTORING_MODES), default="individual")
    students_count = count("Students", 1, 500, required=True)
    student_ref = StringField("Student reference (optional)", [
        Optional(), Length(max=40),
        Regexp(r"^[A-Za-z0-9_#-]+$", message="Use a short code (letters, digits, - _ #), "
               "never a student's name.")],
        description="A pseudonym or code only. Never a name.")
    concern_id = pick("Concern")
    referral_id = pick("Referral")
    follow_up_on = DateField("Follow-up date (optional)", [Optional()])

    def validate_follow_up_on(self, field):
        if field.data and self.occurred_on.data and field.data < self.occurred_on.data:
            raise ValidationError("The follow-up cannot be before the contact.")
        if field.data and field.data > today_local() + timedelta(days=366):
            raise ValidationError("The follow-up must be within a year.")


class IncidentForm(ActivityForm):
    kind = "incident"
    detail_fields = ("incident_type_id", "reported_at", "arrived_at", "students_involved",
                     "staff_involved", "others_involved", "action", "arrests", "weapon_involved",
                     "injuries", "case_number")
    pick_lists = {"incident_type_id": "incident_type"}
    incident_type_id = pick("Incident type")
    reported_at = DateTimeLocalField("Reported at", [InputRequired(message="Enter when it was reported.")],
                                     format=LOCAL_DATETIME)
    arrived_at = DateTimeLocalField("Arrived at", [Optional()], format=LOCAL_DATETIME)
    students_involved = count("Students involved")
    staff_involved = count("Staff involved")
    others_involved = count("Others involved")
    action = SelectField("Most serious action", choices=options(INCIDENT_ACTIONS, blank="Choose…"),
                         validators=[InputRequired(message="Choose one.")])
    arrests = count("Arrests", 0, 100)
    weapon_involved = BooleanField("Weapon involved")
    injuries = count("People injured", 0, 100)
    case_number = StringField("Agency case number", [
        Optional(), Length(max=40),
        Regexp(r"^[A-Za-z0-9][A-Za-z0-9 /_.-]*$", message="Letters, digits, spaces and - / _ . only.")])

    def validate_reported_at(self, field):
        if field.data is None:
            return
        if field.data > now_local():
            raise ValidationError("The report time cannot be in the future.")
        if self.occurred_on.data and field.data.date() != self.occurred_on.data:
            raise ValidationError("The report time must be on the entry's date.")

    def validate_arrived_at(self, field):
        reported = self.reported_at.data
        if field.data and reported and field.data < reported:
            raise ValidationError("Arrival cannot be before the report time.")
        if field.data and reported and field.data - reported > timedelta(hours=24):
            raise ValidationError("Arrival must be within 24 hours of the report.")

    def validate_arrests(self, field):
        involved = sum(f.data or 0 for f in (self.students_involved, self.staff_involved,
                                              self.others_involved))
        if field.data and field.data > involved:
            raise ValidationError("Arrests cannot exceed the people involved.")
        if self.action.data == "arrest" and not field.data:
            raise ValidationError("The action is an arrest: enter how many.")


class PatrolForm(ActivityForm):
    kind = "patrol"
    default_minutes = 30
    detail_fields = ("patrol_type_id",)
    pick_lists = {"patrol_type_id": "patrol_type"}
    patrol_type_id = pick("Patrol type")


class SafetyForm(ActivityForm):
    kind = "safety"
    default_minutes = 30
    detail_fields = ("safety_type_id", "staff_trained")
    pick_lists = {"safety_type_id": "safety_type"}
    safety_type_id = pick("Safety work")
    staff_trained = count("Staff trained", 0, 1000)


class CommunityForm(ActivityForm):
    kind = "community"
    detail_fields = ("event_type_id", "attendees")
    pick_lists = {"event_type_id": "event_type"}
    event_type_id = pick("Event type")
    attendees = count("Attendees", 1, 10000, required=True)


class TrainingForm(ActivityForm):
    kind = "training"
    default_minutes = 240
    detail_fields = ("course",)
    course = StringField("Course", [DataRequired(message="Name the course."), Length(max=200)])


class AdminDutyForm(ActivityForm):
    kind = "admin"


FORMS = {f.kind: f for f in (ClassroomForm, MentoringForm, IncidentForm, PatrolForm, SafetyForm,
                             CommunityForm, TrainingForm, AdminDutyForm)}


class ListFilterForm(Form):
    """The officer's entry-list filters, read from the query string."""

    class Meta:
        csrf = False

    date_from = DateField("From", [Optional()])
    date_to = DateField("To", [Optional()])
    kind = SelectField("Kind", [Optional()])
    school_id = OptionalIntSelectField("School", [Optional()])
    status = SelectField("Status", [Optional()])

    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError("'To' must not be before 'From'.")


