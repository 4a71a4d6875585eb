"""The user's own Email page: their address, and which kinds of message they want."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from wtforms import StringField
from wtforms.validators import Length, ValidationError

from ..extensions import db
from ..formbase import CheckboxListField, Form
from ..notices.addresses import email_problem, normal_email
from ..notices.due import offered_to
from ..notices.preferences import save_mail_settings, turned_off
from .blueprint import bp


class MailSettingsForm(Form):
    email = StringField("Email address", [Length(max=254)], render_kw={"autocomplete": "email"})
    wanted = CheckboxListField("Email me")

    def validate_email(self, field):
        if problem := email_problem(normal_email(field.data), current_user.id):
            raise ValidationError(problem)


@bp.route("/email", methods=["GET", "POST"])
@login_required
def mail_settings():
    offered = offered_to(current_user.role)
    off = turned_off(current_user)
    form = MailSettingsForm(
        request.form if request.method == "POST" else None,
        data={
            "email": current_user.email or "",
            "wanted": [code for code, _ in offered if code not in off],
        },
    )
    form.wanted.choices = [(code, kind.offer) for code, kind in offered]
    if form.validate_on_submit():
        save_mail_settings(current_user, normal_email(form.email.data), form.wanted.data or [])
        db.session.commit()
        flash("Your email settings are saved.", "success")
        return redirect(url_for(".mail_settings"))
    status = 422 if request.method == "POST" else 200
    return render_template("auth/mail_settings.html", form=form, offered=offered), status
