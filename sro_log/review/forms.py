import re

from wtforms import HiddenField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..formbase import Form

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
