"""Form fields rendered fast: the HTML of WTForms' own widgets, written without its attribute
formatter, which builds each attribute through `Markup.format` and made up two fifths of the
entry form's rendering (issue 20: half the CPU per entry).

The Form's Meta hands `render_field` (WTForms' documented hook for "how widget rendering is
done") to `render`. It serves the widget classes named in `_INPUTS` and the plain Select and
TextArea, by their exact class, and leaves any other widget to WTForms. The output is the same
text, attribute for attribute; tests/test_widgets.py holds every field of every form to it.
"""

from datetime import date, time

from markupsafe import Markup, escape
from wtforms import widgets

# The <input> widgets served here; each writes the field flags named in its class's
# `validation_attrs` as attributes, and a date or time's min and max in the field's format.
_INPUTS = (
    widgets.TextInput,
    widgets.HiddenInput,
    widgets.CheckboxInput,
    widgets.SubmitInput,
    widgets.NumberInput,
    widgets.DateInput,
    widgets.TimeInput,
    widgets.DateTimeLocalInput,
)
_DATED = (widgets.DateInput, widgets.TimeInput, widgets.DateTimeLocalInput)


def clean_key(key: str) -> str:
    """An attribute's name as WTForms writes it: `class_` is class, `data_x_y` is data-x-y."""
    key = key.rstrip("_")
    if key.startswith(("data_", "aria_")):
        key = key.replace("_", "-")
    return key


def attributes(values: dict) -> str:
    """HTML attributes in name order: True writes the bare name, False writes nothing."""
    parts = []
    for key, value in sorted((clean_key(k), v) for k, v in values.items()):
        if value is True:
            parts.append(key)
        elif value is not False:
            parts.append(f'{key}="{escape(value)}"')
    return " ".join(parts)


def _flag_values(field, names, kwargs: dict) -> None:
    flags = field.flags
    for name in dir(flags):
        if name in names and name not in kwargs:
            value = getattr(flags, name)
            kwargs[name] = value() if callable(value) else value


def _input(widget, field, kwargs: dict) -> Markup:
    if isinstance(widget, widgets.CheckboxInput) and getattr(field, "checked", field.data):
        kwargs.setdefault("checked", True)
    elif isinstance(widget, widgets.SubmitInput):
        kwargs.setdefault("value", field.label.text)
    elif isinstance(widget, widgets.NumberInput):
        for name in ("step", "min", "max"):
            if getattr(widget, name) is not None:
                kwargs.setdefault(name, getattr(widget, name))
    if isinstance(widget, _DATED) and getattr(field, "format", None) is not None:
        fmt = field.format[0] if isinstance(field.format, list) else field.format
        for name in ("min", "max"):
            value = kwargs.get(name, getattr(field.flags, name, None))
            value = value() if callable(value) else value
            if isinstance(value, date | time):
                kwargs[name] = value.strftime(fmt)
    kwargs.setdefault("id", field.id)
    kwargs.setdefault("type", widget.input_type)
    if "value" not in kwargs:
        kwargs["value"] = field._value()  # WTForms' documented hook for a field's shown value
    _flag_values(field, widget.validation_attrs, kwargs)
    return Markup(f"<input {attributes({'name': field.name, **kwargs})}>")


def _select(field, kwargs: dict) -> Markup:
    kwargs.setdefault("id", field.id)
    _flag_values(field, field.widget.validation_attrs, kwargs)
    html = [f"<select {attributes({'name': field.name, **kwargs})}>"]
    for choice in field.iter_choices():
        value = str(choice.value) if isinstance(choice.value, bool) else choice.value
        option = {"value": value, **(choice.render_kw or {})}
        if choice.selected:
            option["selected"] = True
        label = escape(choice.label or choice.value)
        html.append(f"<option {attributes(option)}>{label}</option>")
    html.append("</select>")
    return Markup("".join(html))


def _textarea(field, kwargs: dict) -> Markup:
    kwargs.setdefault("id", field.id)
    _flag_values(field, field.widget.validation_attrs, kwargs)
    text = escape(field._value())
    return Markup(f"<textarea {attributes({'name': field.name, **kwargs})}>\r\n{text}</textarea>")


def fast_renderer(field):
    """The fast rendering of the field's widget, or None where WTForms renders it itself."""
    widget = field.widget
    kind = type(widget)
    if kind in _INPUTS:
        return lambda kw: _input(widget, field, kw)
    if kind is widgets.Select and not widget.multiple and not field.has_groups():
        return lambda kw: _select(field, kw)
    if kind is widgets.TextArea:
        return lambda kw: _textarea(field, kw)
    return None


def render(field, render_kw: dict) -> Markup:
    """Meta.render_field: the widget's HTML, fast where `fast_renderer` knows the widget."""
    kwargs = {clean_key(k): v for k, v in render_kw.items()}
    other = getattr(field, "render_kw", None)
    if other:
        kwargs = {**{clean_key(k): v for k, v in other.items()}, **kwargs}
    fast = fast_renderer(field)
    return fast(kwargs) if fast is not None else field.widget(field, **kwargs)
