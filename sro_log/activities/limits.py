"""The limits the activity forms enforce, read from their own fields, for every document that
states them (the API's schema, the import's column help), so none of them can drift."""

from wtforms.validators import Length, NumberRange

from .forms import ActivityForm
from .kind_forms import FORMS
from .records import RENAMED


def validators(unbound) -> list:
    """The validators a form class's field was declared with (positionally or by name)."""
    if len(unbound.args) > 1:
        return list(unbound.args[1] or ())
    return list(unbound.kwargs.get("validators") or ())


def find(found: list, kind):
    return next((v for v in found if isinstance(v, kind)), None)


def _declared(record_name: str) -> list:
    """The validators of the form field that a record's name stands for, in the first form
    that has it (every form that has a field declares it the same way)."""
    name = RENAMED.get(record_name, record_name)
    form_class = next(f for f in (ActivityForm, *FORMS.values()) if hasattr(f, name))
    return validators(getattr(form_class, name))


def number_range(record_name: str) -> str:
    """'1 to 720': the whole numbers the forms accept in this field."""
    rng = find(_declared(record_name), NumberRange)
    return f"{rng.min:g} to {rng.max:g}"


def max_length(record_name: str) -> int:
    return find(_declared(record_name), Length).max
