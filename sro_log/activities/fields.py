"""Small WTForms field types the activity forms need."""

from wtforms import SelectField, SelectMultipleField, widgets
from wtforms.fields.choices import SelectChoice


def optional_int(value):
    """Coerce a select's value to int, with the empty choice meaning None."""
    if value in (None, "", "None"):
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
