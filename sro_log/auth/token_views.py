"""The user's own personal access tokens for the API: make one (shown once), revoke one."""

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from .. import clock
from ..extensions import db
from ..formbase import Form
from ..models import ApiToken
from .forms import TokenForm
from .tokens import create_token, revoke_token, tokens_of
from .views import bp


@bp.route("/tokens", methods=["GET", "POST"])
@login_required
def tokens():
    form, new_token = TokenForm(), None
    if form.validate_on_submit():
        new_token = create_token(current_user, form.name.data.strip(), form.days.data)
        db.session.commit()
        form = TokenForm(formdata=None)
    rows = db.session.scalars(tokens_of(current_user)).all()
    return render_template(
        "auth/tokens.html", form=form, tokens=rows, new_token=new_token,
        revoke_form=Form(), now=clock.now_utc(),
    ), 422 if form.errors else 200  # fmt: skip


@bp.route("/tokens/<int(max=2147483647):token_id>/revoke", methods=["POST"])
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
