import re

from wtforms import DateField, HiddenField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..dates import in_calendar, not_before
from ..formbase import Form, OptionalIntSelectField, whole_number

_REF = re.compile(r"^(\d{1,12}):(\d{1,9})$")


class ReturnForm(Form):
    comment = TextAreaField(
        "Comment for the officer",
        [DataRequired(message="Say what the officer should fix."), Length(max=1000)],
    )
    version = HiddenField()


class ApproveForm(Form):
    version = HiddenField()


def parse_refs(values: list[str]) -> list[tuple[int, int]]:
    """The ticked "id:version" references of the queue; anything else is ignored."""
    refs = []
    for value in values:
        match = _REF.match(value)
        if match:
            refs.append((int(match.group(1)), int(match.group(2))))
    return refs


SHORT_DAY_HOURS = 4  # "Days not logged" lists days with fewer hours than this as short


class MissingDaysForm(Form):
    """The period and threshold of "Days not logged", read from the query string."""

    class Meta:
        csrf = False

    date_from = DateField("From", [Optional(), in_calendar])
    date_to = DateField("To", [Optional(), in_calendar, not_before("date_from")])
    officer_id = OptionalIntSelectField("Officer", [Optional()])
    min_hours = whole_number(
        "Short day: under (hours)",
        0,
        24,
        default=SHORT_DAY_HOURS,
        description="Days with some entries but fewer hours; 0 lists only days with none.",
    )
