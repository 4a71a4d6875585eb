"""The calendar SRO Log works in, written once.

A date in a filter or a form lies from 1 January 1900 to 31 December 2999. Outside it no entry
can fall, and the day-to-day arithmetic of a filter (the day after the last, the month after the
last) would run past what a date can hold.

The windows every part counts in: a week runs Monday to Sunday, a quarter is a calendar quarter,
a school year runs from 1 July to 30 June and is named by its first calendar year. The
dashboard's presets, the grants' generated periods, the partner's published school years and the
charts' month axes all take them from here.
"""

from datetime import date, timedelta

from wtforms.validators import ValidationError

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
OUT_OF_RANGE = f"Enter a date from {FIRST_DAY:%-d %B %Y} to {LAST_DAY:%-d %B %Y}."

# The longest range a filter or a grant may span: ten years, leap days included.
MAX_RANGE_DAYS = 366 * 10
TO_BEFORE_FROM = "'To' must not be before 'From'."

SCHOOL_YEAR_FIRST_MONTH = 7  # July


def in_calendar(form, field) -> None:  # noqa: ARG001  # a WTForms validator's signature
    """A WTForms validator: the field's date, if any, lies in the calendar."""
    if field.data is not None and not FIRST_DAY <= field.data <= LAST_DAY:
        raise ValidationError(OUT_OF_RANGE)


def not_before(first_field: str, message: str = TO_BEFORE_FROM):
    """A WTForms validator for the last day of a range: not before the form's `first_field`
    (either may be empty; their own validators say so)."""

    def check(form, field) -> None:
        first = form[first_field].data
        if field.data is not None and first is not None and field.data < first:
            raise ValidationError(message)

    return check


def week_start(day: date) -> date:
    """The Monday of the week holding `day`."""
    return day - timedelta(days=day.weekday())


def month_start(day: date) -> date:
    return day.replace(day=1)


def months_after(day: date, months: int) -> date:
    """The first day of the month `months` after the month holding `day` (0: its own)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_starts(first: date, last: date) -> list[date]:
    """The first day of every month from the one holding `first` to the one holding `last`."""
    starts, month = [], month_start(first)
    while month <= last:
        starts.append(month)
        month = months_after(month, 1)
    return starts


def quarter_start(day: date) -> date:
    """The first day of the calendar quarter holding `day`."""
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def school_year_of(day: date) -> int:
    """The first calendar year of the school year holding `day`."""
    return day.year if day.month >= SCHOOL_YEAR_FIRST_MONTH else day.year - 1


def school_year_start(day: date) -> date:
    """The first day (1 July) of the school year holding `day`."""
    return date(school_year_of(day), SCHOOL_YEAR_FIRST_MONTH, 1)


def school_year_dates(first_year: int) -> tuple[date, date]:
    """The first and last day of the school year that starts in `first_year`."""
    first = date(first_year, SCHOOL_YEAR_FIRST_MONTH, 1)
    return first, months_after(first, 12) - timedelta(days=1)


def school_year_label(first_year: int) -> str:
    return f"School year {first_year}–{(first_year + 1) % 100:02d}"
