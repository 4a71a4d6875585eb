"""The admin's forms: a user, and the reference data (districts, schools, assignments, goals,
pick-list items), with their choices filled from the database."""

import sqlalchemy as sa
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    Optional,
    Regexp,
    ValidationError,
)

from ..calendars import LABEL_LENGTH
from ..catalog import ROLE_LABELS, SCHOOL_LEVELS
from ..dates import in_calendar, not_before
from ..extensions import db
from ..formbase import CheckboxListField, Form, OptionalIntSelectField, options, whole_number
from ..models import CALENDAR_KINDS, District, School, User
from ..notices.addresses import email_problem, normal_email


class UserForm(Form):
    username = StringField(
        "Username",
        [
            DataRequired("Enter a username."),
            Length(2, 64),
            Regexp(r"^[a-z0-9._-]+$", message="Use lower-case letters, digits, '.', '_' or '-'."),
        ],
        render_kw={"autocapitalize": "none"},
    )
    full_name = StringField(
        "Full name", [DataRequired("Enter the person's name."), Length(max=120)]
    )
    email = StringField("Email", [Optional(), Length(max=254)])
    role = SelectField("Role", choices=options(ROLE_LABELS.items()))
    district_id = OptionalIntSelectField(
        "District", [Optional()], description="Required for a district partner, who sees only it."
    )
    school_ids = CheckboxListField(
        "Schools",
        coerce=int,
        description="For an officer: the schools they serve from today (their forms start at "
        "the school when there is one). Change them later under Assignments.",
    )

    user_id: int | None = None  # the user being changed, who may keep their own address

    def validate_email(self, field):
        if problem := email_problem(normal_email(field.data), self.user_id):
            raise ValidationError(problem)

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        # Optional() ends the district's own validation when empty, so the rule is checked here.
        field = self.district_id
        if self.role.data == "partner" and field.data is None and not field.errors:
            field.errors = [*field.errors, "Choose the partner's district."]
            ok = False
        schools = getattr(self, "school_ids", None)  # a new user's form only
        if schools is not None and self.role.data == "officer" and _none_ticked(schools):
            schools.errors = [*schools.errors, "Tick the school (or schools) the officer serves."]
            ok = False
        return ok


def _none_ticked(field: CheckboxListField) -> bool:
    """Schools to choose from, none ticked, and no other error said about it."""
    return bool(field.choices) and not field.data and not field.errors


def user_form(formdata=None, user: User | None = None) -> UserForm:
    form = UserForm(formdata, obj=user)
    form.user_id = user.id if user is not None else None
    districts = db.session.execute(
        sa.select(District.id, District.name).order_by(District.name)
    ).all()
    form.district_id.choices = options(districts, blank="None")
    if user is not None:
        del form.username  # a username never changes: the audit trail refers to it
        del form.school_ids  # an existing officer's schools are kept under Assignments
    else:
        schools = db.session.execute(
            sa.select(School.id, School.name, District.name)
            .join(District)
            .where(School.active)
            .order_by(District.name, School.name)
        ).all()
        form.school_ids.choices = options((i, f"{name} ({place})") for i, name, place in schools)
    return form


class DistrictForm(Form):
    name = StringField(
        "District name", [DataRequired("Enter the district's name."), Length(max=120)]
    )


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


class CalendarSpanForm(Form):
    district_id = OptionalIntSelectField("District", [InputRequired("Choose the district.")])
    kind = SelectField("Kind", choices=options(CALENDAR_KINDS))
    label = StringField(
        "Name",
        [DataRequired("Name it (e.g. '2026-27' or 'Winter break')."), Length(max=LABEL_LENGTH)],
    )
    starts_on = DateField("First day", [InputRequired("Enter the first day."), in_calendar])
    ends_on = DateField(
        "Last day", [InputRequired("Enter the last day."), in_calendar, not_before("starts_on")]
    )


class CalendarImportForm(Form):
    file = FileField(
        "Calendar (.csv)",
        [FileRequired(message="Choose a file."), FileAllowed(["csv"], "Upload a .csv file.")],
        description="Columns: district, kind (year, holiday or break), label, starts_on, "
        "ends_on; dates as YYYY-MM-DD. Nothing is added unless every line is right.",
    )


class GoalForm(Form):
    title = StringField("Title", [DataRequired("Enter the goal's title."), Length(max=80)])
    description = TextAreaField("Description", [Length(max=2000)])
    position = whole_number("Order", 0, 999, required=True)


class PickItemForm(Form):
    label = StringField("Label", [DataRequired("Enter the label."), Length(max=120)])
    position = whole_number("Order", 0, 999, required=True)


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
    return form
