"""The base of every form in SRO Log: the Form class, the field types and choice helpers
that forms of several packages use, and the parsing of a plain number."""

import re

from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, SelectMultipleField, widgets
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, NumberRange, Optional

from .widgets import render

# Control characters other than tab and newlines: PostgreSQL refuses NUL in text, and none of
# them belongs in an activity log.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONTROL_MESSAGE = "Remove the control characters from this field."


def has_control_characters(value) -> bool:
    return isinstance(value, str) and _CONTROL.search(value) is not None


class Form(FlaskForm):
    class Meta:
        def render_field(self, field, render_kw):
            return render(field, render_kw)  # WTForms' HTML, without its slow formatter

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


class WholeNumberField(IntegerField):
    """An IntegerField whose refusal of text that is not a number ("ten", "1e3") says what a
    valid value is, in the same words as its range."""

    def __init__(self, label=None, validators=None, not_a_number="Enter a whole number.", **kw):
        super().__init__(label, validators, **kw)
        self.not_a_number = not_a_number

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as refused:
            raise ValueError(self.not_a_number) from refused


def whole_number(label, low: int, high: int, required: bool = False, **kwargs) -> WholeNumberField:
    """Every number field's one wording: "Enter a whole number from {low} to {high}." for a
    value out of range and for text that is not a number; "Enter a number." when it is
    required and left empty."""
    message = f"Enter a whole number from {low} to {high}."
    first = InputRequired(message="Enter a number.") if required else Optional()
    return WholeNumberField(
        label, [first, NumberRange(low, high, message=message)], not_a_number=message, **kwargs
    )


def optional_int(value):
    """Coerce a select's value to int, with the empty choice meaning None. The text "None" is
    no choice: a required select that took it for the empty one saved a row without it."""
    if value is None or value == "":
        return None
    return int(value)


def options(pairs, blank: str | None = None) -> list[SelectChoice]:
    """(value, label) pairs as select options, with an optional empty first option."""
    first = [SelectChoice("", blank)] if blank is not None else []
    return first + [SelectChoice(value, label) for value, label in pairs]


class OptionalIntSelectField(SelectField):
    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, coerce=optional_int, **kwargs)


class CheckboxListField(SelectMultipleField):
    """A group of checkboxes; with `joined=True` the model keeps the codes as one "a,b,c" string."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()

    def __init__(self, label=None, validators=None, joined=False, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.joined = joined

    def process_data(self, value):
        if self.joined and isinstance(value, str):
            value = [v for v in value.split(",") if v]
        super().process_data(value)

    def model_value(self):
        if self.joined:
            return ",".join(self.data) if self.data else None
        return self.data
