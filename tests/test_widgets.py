"""The fast field rendering (sro_log/widgets.py) writes the same HTML as WTForms' own widgets:
for every field of every form in the application, and for hostile values and attributes."""

import importlib
import pkgutil
from datetime import date, datetime, time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    HiddenField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.meta import DefaultMeta
from wtforms.validators import InputRequired, Length, NumberRange, Optional

import sro_log
from sro_log import widgets
from sro_log.formbase import CheckboxListField, Form, WholeNumberField, options


def _all_form_classes() -> list[type]:
    for module in pkgutil.walk_packages(sro_log.__path__, "sro_log."):
        importlib.import_module(module.name)
    found, todo = [], [Form]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


FORMS = _all_form_classes()


def stock(field, **kwargs) -> str:
    """The field as WTForms' own rendering writes it."""
    return str(DefaultMeta().render_field(field, kwargs))


def fields_of(form):
    for field in form:
        yield field
        if isinstance(field, CheckboxListField):
            yield from field  # each checkbox is a field of its own


def test_every_application_form_is_known():
    names = {cls.__name__ for cls in FORMS}
    assert {"ActivityForm", "LoginForm", "ListFilterForm"} <= names
    assert len(FORMS) > 25


@pytest.mark.parametrize("form_class", FORMS, ids=lambda c: c.__qualname__)
def test_every_field_of_every_form_renders_as_wtforms_does(app, form_class):
    attrs = {"class": "form-control is-invalid", "aria-describedby": "x-hint x-error"}
    with app.test_request_context("/", method="GET"):
        form = form_class()
        for field in form:
            if hasattr(field, "choices") and not field.choices:
                blank = None if isinstance(field, CheckboxListField) else "Choose…"
                field.choices = options([(1, 'One & "two"'), (2, "<Two>")], blank=blank)
        for field in fields_of(form):
            assert str(field(**attrs)) == stock(field, **attrs), field.name
            assert str(field()) == stock(field), field.name


class Sample(Form):
    class Meta:
        csrf = False

    text = StringField("Text", [InputRequired(), Length(max=40)])
    note = TextAreaField("Note", [Optional(), Length(min=2, max=4000)])
    number = WholeNumberField("Number", [NumberRange(1, 9)])
    day = DateField("Day", [Optional()])
    at = TimeField("At")
    when = DateTimeLocalField("When", format="%Y-%m-%dT%H:%M")
    choice = SelectField("Choice", [InputRequired()])
    ticks = CheckboxListField("Ticks")
    flag = BooleanField("Flag")
    hidden = HiddenField()
    go = SubmitField('Go "now"')


hostile_text = st.text(alphabet=st.sampled_from("ab <>&\"'é\u2028\r\n{}%"), max_size=12)
attribute_values = st.one_of(st.booleans(), hostile_text, st.integers(-5, 5))
attribute_names = st.sampled_from(
    ["class_", "data_limit", "aria_describedby", "rows", "placeholder", "id", "value", "for_"]
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=hostile_text,
    number=st.one_of(st.none(), st.integers(-10, 10)),
    day=st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2999, 12, 31))),
    at=st.one_of(st.none(), st.times()),
    chosen=st.sampled_from(["", "a", "b&c", "<x>"]),
    ticked=st.lists(st.sampled_from(["a", "b&c", "<x>"]), unique=True),
    attrs=st.dictionaries(attribute_names, attribute_values, max_size=4),
)
def test_hostile_values_and_attributes_render_as_wtforms_does(
    app, text, number, day, at, chosen, ticked, attrs
):
    with app.test_request_context("/"):
        form = Sample(
            data={
                "text": text, "note": text, "number": number, "day": day, "at": at,
                "when": datetime.combine(day, at or time()) if day else None,
                "choice": chosen, "ticks": ticked, "flag": bool(text), "hidden": text,
            }
        )  # fmt: skip
        pairs = [("", "Choose…"), ("a", text or "A"), ("b&c", "B & C"), ("<x>", '"X"')]
        form.choice.choices = options(pairs[1:], blank=pairs[0][1])
        form.ticks.choices = options(pairs[1:])
        for field in fields_of(form):
            assert str(field(**attrs)) == stock(field, **attrs), field.name


def test_unknown_widgets_are_left_to_wtforms(app):
    class WithPassword(Form):
        class Meta:
            csrf = False

        secret = __import__("wtforms").PasswordField("Secret")

    with app.test_request_context("/"):
        form = WithPassword(data={"secret": "kept out"})
        assert widgets.fast_renderer(form.secret) is None
        assert (
            str(form.secret())
            == stock(form.secret)
            == ('<input id="secret" name="secret" type="password" value="">')
        )
