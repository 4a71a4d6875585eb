"""The form of each kind of activity: its detail fields and their cross-checks."""

from datetime import timedelta

from wtforms import BooleanField, DateField, DateTimeLocalField, SelectField, StringField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    Optional,
    Regexp,
    ValidationError,
)

from ..catalog import GRADE_LEVELS, INCIDENT_ACTIONS, MENTORING_MODES
from ..clock import now_local, today_local
from ..formbase import CheckboxListField, options
from .forms import EARLIEST_DATE, LOCAL_DATETIME, ActivityForm, count, pick, picks


class ClassroomForm(ActivityForm):
    kind = "classroom"
    default_minutes = 50
    detail_fields = ("topic_id", "grade_levels", "students_reached", "staff_present")
    pick_lists = picks("topic")
    topic_id = pick("Topic")
    grade_levels = CheckboxListField("Grade levels", choices=options(GRADE_LEVELS), joined=True)
    students_reached = count("Students reached", 1, 2000, required=True)
    staff_present = count("Staff present", 0, 200)


class MentoringForm(ActivityForm):
    kind = "mentoring"
    default_minutes = 20
    detail_fields = (
        "mode",
        "students_count",
        "student_ref",
        "concern_id",
        "referral_id",
        "follow_up_on",
    )
    pick_lists = picks("concern", "referral")
    mode = SelectField("Mode", choices=options(MENTORING_MODES), default="individual")
    students_count = count("Students", 1, 500, required=True, default=1)
    student_ref = StringField(
        "Student reference (optional)",
        [
            Optional(),
            Length(max=40),
            Regexp(
                r"^[A-Za-z0-9_#-]+$",
                message="Use a short code (letters, digits, - _ #), never a student's name.",
            ),
        ],
        description="A pseudonym or code only. Never a name.",
    )
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
    detail_fields = (
        "incident_type_id",
        "reported_at",
        "arrived_at",
        "students_involved",
        "staff_involved",
        "others_involved",
        "action",
        "arrests",
        "weapon_involved",
        "injuries",
        "case_number",
    )
    pick_lists = picks("incident_type")
    asks_date = False  # the page asks only for the report time; its day is the entry's date
    # An API or import record may still give the date; it must then be the report's day.
    occurred_on = DateField(
        "Date", [Optional()], description="The day of the report time, when not given."
    )
    incident_type_id = pick("Incident type")
    reported_at = DateTimeLocalField(
        "Reported at", [InputRequired(message="Enter when it was reported.")], format=LOCAL_DATETIME
    )
    arrived_at = DateTimeLocalField("Arrived at", [Optional()], format=LOCAL_DATETIME)
    students_involved = count("Students involved")
    staff_involved = count("Staff involved")
    others_involved = count("Others involved")
    action = SelectField(
        "Most serious action",
        choices=options(INCIDENT_ACTIONS, blank="Choose…"),
        validators=[InputRequired(message="Choose one.")],
    )
    arrests = count("Arrests", 0, 100)
    weapon_involved = BooleanField("Weapon involved")
    injuries = count("People injured", 0, 100)
    case_number = StringField(
        "Agency case number",
        [
            Optional(),
            Length(max=40),
            Regexp(
                r"^[A-Za-z0-9][A-Za-z0-9 /_.-]*$",
                message="Letters, digits, spaces and - / _ . only.",
            ),
        ],
    )

    def validate(self, extra_validators=None) -> bool:
        """Not given, the date is the report time's day (Optional() then skips the date's own
        checks; the report time's say the same: not in the future, not before the first)."""
        if self.occurred_on.data is None and self.reported_at.data is not None:
            self.occurred_on.data = self.reported_at.data.date()
        return super().validate(extra_validators)

    def validate_reported_at(self, field):
        if field.data is None:
            return
        if field.data > now_local():
            raise ValidationError("The report time cannot be in the future.")
        if field.data.date() < EARLIEST_DATE:
            raise ValidationError(f"The report time cannot be before {EARLIEST_DATE:%d %B %Y}.")
        if self.occurred_on.data and field.data.date() != self.occurred_on.data:
            raise ValidationError("The report time must be on the entry's date.")

    def validate_arrived_at(self, field):
        reported = self.reported_at.data
        if field.data and reported and field.data < reported:
            raise ValidationError("Arrival cannot be before the report time.")
        if field.data and reported and field.data - reported > timedelta(hours=24):
            raise ValidationError("Arrival must be within 24 hours of the report.")

    def validate_arrests(self, field):
        involved = sum(
            f.data or 0 for f in (self.students_involved, self.staff_involved, self.others_involved)
        )
        if field.data and field.data > involved:
            raise ValidationError("Arrests cannot exceed the people involved.")
        if self.action.data == "arrest" and not field.data:
            raise ValidationError("The action is an arrest: enter how many.")


class PatrolForm(ActivityForm):
    kind = "patrol"
    default_minutes = 30
    detail_fields = ("patrol_type_id",)
    pick_lists = picks("patrol_type")
    patrol_type_id = pick("Patrol type")


class SafetyForm(ActivityForm):
    kind = "safety"
    default_minutes = 30
    detail_fields = ("safety_type_id", "staff_trained")
    pick_lists = picks("safety_type")
    safety_type_id = pick("Safety work")
    staff_trained = count("Staff trained", 0, 1000)


class CommunityForm(ActivityForm):
    kind = "community"
    detail_fields = ("event_type_id", "attendees")
    pick_lists = picks("event_type")
    event_type_id = pick("Event type")
    attendees = count("Attendees", 1, 10000, required=True)


class TrainingForm(ActivityForm):
    kind = "training"
    default_minutes = 240
    detail_fields = ("course",)
    course = StringField("Course", [DataRequired(message="Name the course."), Length(max=200)])


class AdminDutyForm(ActivityForm):
    kind = "admin"


FORMS = {
    f.kind: f
    for f in (
        ClassroomForm,
        MentoringForm,
        IncidentForm,
        PatrolForm,
        SafetyForm,
        CommunityForm,
        TrainingForm,
        AdminDutyForm,
    )
}
