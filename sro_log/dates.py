"""The calendar SRO Log works in: a date in a filter or a form lies from 1 January 1900 to 31
December 2999. Outside it no entry can fall, and the day-to-day arithmetic of a filter (the day
after the last, the month after the last) would run past what a date can hold."""

from datetime import date

from wtforms.validators import ValidationError

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
OUT_OF_RANGE = f"Enter a date from {FIRST_DAY:%-d %B %Y} to {LAST_DAY:%-d %B %Y}."


def in_calendar(form, field) -> None:
    """A WTForms validator: the field's date, if any, lies in the calendar."""
    if field.data is not None and not FIRST_DAY <= field.data <= LAST_DAY:
        raise ValidationError(OUT_OF_RANGE)
