from wtforms import DateField, SelectField
from wtforms.validators import Optional, ValidationError

from ..dates import MAX_RANGE_DAYS, in_calendar, not_before
from ..formbase import Form, OptionalIntSelectField, options
from ..reports.filters import APPROVED, REVIEWED_OR_PENDING, EntryFilter
from ..reports.windows import NOT_YET_PUBLISHED
from .periods import DEFAULT_PRESET, PRESETS, preset_range

STATUS_CHOICES = (("approved", "Approved only"), ("all", "Everything submitted"))


class DashboardForm(Form):
    """The dashboard's period and filters, read from the query string."""

    class Meta:
        csrf = False

    period = SelectField("Period", [Optional()], choices=options(PRESETS), default=DEFAULT_PRESET)
    date_from = DateField("From", [Optional(), in_calendar])
    date_to = DateField("To", [Optional(), in_calendar])
    district_id = OptionalIntSelectField("District", [Optional()])
    school_id = OptionalIntSelectField("School", [Optional()])
    officer_id = OptionalIntSelectField("Officer", [Optional()])
    kind = SelectField("Kind", [Optional()])
    status = SelectField(
        "Entries", [Optional()], choices=options(STATUS_CHOICES), default="approved"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "period-<id>" choices for the grants' reporting periods: value -> (first, last day).
        # Each form's own (a dict on the class would be shared by every request's form).
        self.grant_periods: dict[str, tuple] = {}

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.period.data == "custom":
            # Optional() ends validation of an empty field, so a missing date is caught here.
            for field, which in ((self.date_from, "first"), (self.date_to, "last")):
                if field.data is None and not field.errors:
                    field.errors = [*field.errors, f"Enter the {which} day of the range."]
                    ok = False
        return ok

    def validate_date_to(self, field):
        if self.period.data != "custom" or field.data is None:
            return
        not_before("date_from")(self, field)
        if self.date_from.data and (field.data - self.date_from.data).days > MAX_RANGE_DAYS:
            raise ValidationError("Choose a range of ten years or less.")

    def entry_filter(self, today, **fixed) -> EntryFilter:
        """The filter of the valid choices; a bad custom range falls back to the default."""
        preset = self.period.data if not self.period.errors else DEFAULT_PRESET
        custom_ok = not (self.date_from.errors or self.date_to.errors) and all(
            (self.date_from.data, self.date_to.data)
        )
        if preset == "custom" and custom_ok:
            first, last = self.date_from.data, self.date_to.data
        elif preset in self.grant_periods:
            first, last = self.grant_periods[preset]
        else:
            first, last = preset_range(preset if preset != "custom" else DEFAULT_PRESET, today)
        values = {
            name: self[name].data or None
            for name in ("district_id", "school_id", "officer_id", "kind")
            if name in self and not self[name].errors
        }
        everything = "status" in self and self.status.data == "all"
        statuses = REVIEWED_OR_PENDING if everything else APPROVED
        return EntryFilter(date_from=first, date_to=last, statuses=statuses, **{**values, **fixed})


# What a partner may not choose: every range is one of the published windows.
PARTNER_REFUSED = ("date_from", "date_to", "school_id", "district_id", "officer_id", "kind")


class PartnerDashboardForm(Form):
    """A district partner's choice: one of the published windows (reports/windows.py)."""

    class Meta:
        csrf = False

    period = SelectField("Period", [Optional()])
    asked: tuple[str, ...] = ()  # the refused arguments the request carried

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.asked or self.period.errors or self.period.data == "custom":
            self.period.errors = [NOT_YET_PUBLISHED]
            ok = False
        return ok
