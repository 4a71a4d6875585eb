"""Pydantic fields derived from the activity forms' own fields and validators, so the API's
schema (and its OpenAPI document) states the very limits the forms enforce."""

from datetime import date, time
from typing import Any, Literal

from pydantic import Field, NaiveDatetime
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Regexp

from ..activities.forms import ActivityForm
from ..activities.limits import find, validators
from ..activities.records import RENAMED, record_fields
from ..formbase import CheckboxListField, OptionalIntSelectField


def _choices(unbound) -> tuple[str, ...]:
    return tuple(str(c.value) for c in unbound.kwargs.get("choices") or () if c.value != "")


def _type_and_limits(form_class: type[ActivityForm], name: str, unbound) -> tuple[Any, dict]:  # noqa: C901  # one branch per WTForms field type
    """The Python type of a form field's value in a record, and its limits as Field arguments."""
    cls, declared = unbound.field_class, validators(unbound)
    limits: dict = {}
    if name in form_class.pick_lists:
        list_name = form_class.pick_lists[name]
        limits["description"] = f"A code of the '{list_name}' pick list (GET /api/v1/pick-lists)."
        return str, limits
    if cls is OptionalIntSelectField:  # the school
        limits["description"] = "A school id (GET /api/v1/schools); empty for off-campus work."
        return int, limits
    if cls is CheckboxListField:
        if name == "goals":
            limits["description"] = "Program goal codes (GET /api/v1/goals)."
            return list[str], limits
        return list[Literal[_choices(unbound)]], limits  # type: ignore[misc]  # the form's codes
    if issubclass(cls, SelectField):
        return Literal[_choices(unbound)], limits
    if issubclass(cls, IntegerField):
        rng = find(declared, NumberRange)
        if rng is not None:
            limits.update(ge=rng.min, le=rng.max)
        return int, limits
    if cls in (StringField, TextAreaField):
        length, pattern = find(declared, Length), find(declared, Regexp)
        if length is not None and length.max >= 0:
            limits["max_length"] = length.max
        if pattern is not None:
            limits["pattern"] = pattern.regex.pattern
        return str, limits
    kinds = {
        DateField: date,
        TimeField: time,
        DateTimeLocalField: NaiveDatetime,
        BooleanField: bool,
    }
    if cls is DateTimeLocalField:
        limits["description"] = "Local wall-clock time of the agency, without an offset."
    return kinds[cls], limits


def form_fields(form_class: type[ActivityForm], *, partial: bool = False) -> dict[str, tuple]:
    """(type, Field) pairs for pydantic.create_model: one per field of the kind's record."""
    fields = {}
    for record_name in record_fields(form_class.kind):
        name = RENAMED.get(record_name, record_name)
        unbound = {name: getattr(form_class, name)}  # the class holds its UnboundFields
        value_type, limits = _type_and_limits(form_class, name, unbound[name])
        description = unbound[name].kwargs.get("description") or limits.pop("description", None)
        limits.pop("description", None)
        label = unbound[name].args[0] if unbound[name].args else record_name
        required = find(validators(unbound[name]), (InputRequired, DataRequired)) is not None
        field = Field(title=label, description=description, **limits)
        if partial or not required:
            default = False if value_type is bool and not partial else None
            value_type = value_type if default is False else value_type | None
            field = Field(default=default, title=label, description=description, **limits)
        fields[record_name] = (value_type, field)
    return fields
