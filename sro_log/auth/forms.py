from wtforms import HiddenField, PasswordField, StringField, SubmitField
from wtforms.validators import (
    DataRequired,
    EqualTo,
    Length,
    Optional,
    ValidationError,
)

from ..formbase import Form, whole_number
from .passwords import MAX_LENGTH, password_problem


class LoginForm(Form):
    username = StringField(
        "Username",
        validators=[DataRequired(), Length(max=64)],
        render_kw={"autocomplete": "username", "autocapitalize": "none"},
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired(), Length(max=MAX_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )
    next = HiddenField()
    sign_in = SubmitField("Sign in")


class LogoutForm(Form):
    sign_out = SubmitField("Sign out")


class NewPasswordForm(Form):
    """A new password, checked against the rule with the user's own names as hints."""

    new_password = PasswordField(
        "New password",
        [DataRequired("Enter a new password.")],
        description="At least 12 characters. A few unrelated words make a strong password.",
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        "New password again",
        [
            DataRequired("Enter the new password again."),
            EqualTo("new_password", "The two passwords are not the same."),
        ],
        render_kw={"autocomplete": "new-password"},
    )

    def __init__(self, *args, hints: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.hints = hints

    def validate_new_password(self, field):
        if field.data and (problem := password_problem(field.data, self.hints)):
            raise ValidationError(problem)


class ChangePasswordForm(NewPasswordForm):
    current_password = PasswordField(
        "Current password",
        [DataRequired("Enter your current password."), Length(max=MAX_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )


class SecondFactorForm(Form):
    code = StringField(
        "Code",
        [DataRequired("Enter the code."), Length(max=40)],
        description="The 6-digit code from your authenticator app, or one of your recovery codes.",
        render_kw={"autocomplete": "one-time-code", "inputmode": "text", "autocapitalize": "none"},
    )


class RemoveSecondFactorForm(Form):
    current_password = PasswordField(
        "Current password",
        [DataRequired("Enter your current password."), Length(max=MAX_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )


class TokenForm(Form):
    password = PasswordField(
        "Your password",
        [Optional(), Length(max=MAX_LENGTH)],
        description="Asked again when you signed in more than a few minutes ago.",
        render_kw={"autocomplete": "current-password"},
    )
    name = StringField(
        "Name",
        [DataRequired(message="Name the token after what will use it."), Length(max=80)],
        description="What will use it, e.g. 'CAD export' or 'records system'.",
    )
    days = whole_number("Valid for (days)", 1, 365, required=True, default=90)
