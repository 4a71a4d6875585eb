"""Forms of the grants pages: a grant, a period entered by hand, the narrative, report options."""

from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)

from ..dates import MAX_RANGE_DAYS, not_before
from ..formbase import CheckboxListField, Form, OptionalIntSelectField, options, whole_number
from ..models import GRANT_CADENCES

LAST_BEFORE_FIRST = "The last day must not be before the first."
NARRATIVE_MAX = 20_000
REPORT_STATUSES = (
    ("approved", "Approved entries only"),
    ("all", "Approved and submitted (provisional)"),
)


class GrantForm(Form):
    name = StringField("Grant name", [DataRequired("Enter the grant's name."), Length(max=120)])
    funder = StringField(
        "Funder",
        [DataRequired("Enter who funds the grant."), Length(max=120)],
        description="For example: U.S. Department of Justice, COPS Office.",
    )
    award_number = StringField(
        "Award number", [DataRequired("Enter the award number."), Length(max=60)]
    )
    starts_on = DateField("First day", [InputRequired("Enter the grant's first day.")])
    ends_on = DateField(
        "Last day",
        [InputRequired("Enter the grant's last day."), not_before("starts_on", LAST_BEFORE_FIRST)],
    )
    cadence = SelectField(
        "Reporting periods",
        choices=options(GRANT_CADENCES),
        default="quarterly",
        description="Periods are generated from the grant's dates; 'by hand' starts with none.",
    )
    due_days = whole_number(
        "Report due (days after a period ends)",
        0,
        365,
        required=True,
        default=30,
    )

    def validate_ends_on(self, field):
        first = self.starts_on.data
        if field.data and first and (field.data - first).days > MAX_RANGE_DAYS:
            raise ValidationError("A grant may run for ten years at most.")


class PeriodForm(Form):
    label = StringField(
        "Label",
        [DataRequired("Name the period."), Length(max=80)],
        description="For example: Q3 2026 progress report.",
    )
    starts_on = DateField("First day", [InputRequired("Enter the period's first day.")])
    ends_on = DateField(
        "Last day",
        [InputRequired("Enter the period's last day."), not_before("starts_on", LAST_BEFORE_FIRST)],
    )
    due_on = DateField("Report due", [Optional()])


class NarrativeForm(Form):
    narrative = TextAreaField(
        "Narrative for this period",
        [Length(max=NARRATIVE_MAX)],
        description="What the numbers do not say: highlights, changes, challenges. "
        "Printed in every export of this period's report; never name a student.",
    )
    version = HiddenField()


class ReportOptionsForm(Form):
    """Which part of the program a report covers (read from the query string)."""

    class Meta:
        csrf = False

    district_id = OptionalIntSelectField("District", [Optional()])
    school_ids = CheckboxListField("Schools", [Optional()], coerce=int)
    status = SelectField(
        "Entries", [Optional()], choices=options(REPORT_STATUSES), default="approved"
    )
