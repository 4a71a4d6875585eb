from wtforms import HiddenField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from ..formbase import Form


class LoginForm(Form):
    username = StringField(
        "Username",
        validators=[DataRequired(), Length(max=64)],
        render_kw={"autocomplete": "username", "autocapitalize": "none"},
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired(), Length(max=256)],
        render_kw={"autocomplete": "current-password"},
    )
    next = HiddenField()
    sign_in = SubmitField("Sign in")


class LogoutForm(Form):
    sign_out = SubmitField("Sign out")
