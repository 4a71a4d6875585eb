"""The base form of every form in SRO Log."""

import re

from flask_wtf import FlaskForm

# Control characters other than tab and newlines: PostgreSQL refuses NUL in text, and none of
# them belongs in an activity log.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONTROL_MESSAGE = "Remove the control characters from this field."


def has_control_characters(value) -> bool:
    return isinstance(value, str) and _CONTROL.search(value) is not None


class Form(FlaskForm):
    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        for field in self:
            if any(has_control_characters(v) for v in field.raw_data or ()):
                field.errors = [*field.errors, CONTROL_MESSAGE]
                ok = False
        return ok


_NUMBER = re.compile(r"[0-9]{1,9}")


def plain_number(value) -> int | None:
    """An ASCII whole number of up to 9 digits, else None. (str.isdigit also accepts "²", which
    int() refuses: never use it on input.)"""
    return int(value) if value and _NUMBER.fullmatch(str(value)) else None


def version_of(value) -> int | None:
    """The entry version a form was opened at (a hidden field), or None if absent or garbled."""
    return plain_number(value)
