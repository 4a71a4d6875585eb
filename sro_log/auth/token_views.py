"""The user's own personal access tokens for the API: make one (shown once), revoke one. A
token outlives the session it was made in, so it is made only with the password given in the
last few minutes: a session left open, or taken, cannot mint one."""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, session, url_for
from flask_login import current_user, login_required

from .. import clock
from ..extensions import db
from ..formbase import Form
from ..models import ApiToken
from .blueprint import bp
from .forms import TokenForm
from .services import check_current_password, is_locked
from .session_store import this_session
from .tokens import create_token, revoke_token, tokens_of
from .views import signed_out_by_lockout

PASSWORD_GOOD_FOR = timedelta(minutes=5)


def password_given_lately() -> bool:
    """Whether the password was given in this session (at sign-in, or asked again) within
    PASSWORD_GOOD_FOR."""
    now = clock.now_utc()
    row = this_session().row
    given = [row.created_at if row is not None else now]
    if isinstance(session.get("password_at"), int | float):
        given.append(datetime.fromtimestamp(session["password_at"], UTC))
    return now - max(given) <= PASSWORD_GOOD_FOR


@bp.route("/tokens", methods=["GET", "POST"])
@login_required
def tokens():
    form, new_token = TokenForm(), None
    ask = not password_given_lately()
    if form.validate_on_submit():
        if ask and not form.password.data:
            form.password.errors.append(
                "Enter your password: a token is made only with the "
                "password given in the last five minutes."
            )
        elif ask and not check_current_password(current_user, form.password.data):
            db.session.commit()
            if is_locked(current_user):
                return signed_out_by_lockout()
            form.password.errors.append("Your password is not correct.")
        else:
            session["password_at"] = clock.now_utc().timestamp()
            new_token = create_token(current_user, form.name.data.strip(), form.days.data)
            db.session.commit()
            form, ask = TokenForm(formdata=None), False
    rows = db.session.scalars(tokens_of(current_user)).all()
    return render_template(
        "auth/tokens.html",
        form=form,
        tokens=rows,
        new_token=new_token,
        ask_password=ask,
        revoke_form=Form(),
        now=clock.now_utc(),
    ), 422 if form.errors else 200


@bp.route("/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke(token_id):
    row = db.session.scalar(
        sa.select(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == current_user.id)
    )
    if row is None:
        abort(404)
    if Form().validate_on_submit():
        revoke_token(row, current_user)
        db.session.commit()
        flash(f"The token “{row.name}” is revoked.", "info")
    return redirect(url_for(".tokens"))
