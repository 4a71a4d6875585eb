"""The user's own sessions: where and since when they are signed in, and ending any of them."""

import sqlalchemy as sa
from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from .. import clock
from ..extensions import db
from ..formbase import Form
from ..models import UserSession
from .blueprint import bp
from .services import end_session
from .session_store import lapsed, this_session


@bp.route("/sessions")
@login_required
def sessions():
    mine = sa.select(UserSession).where(
        UserSession.user_id == current_user.id, sa.not_(lapsed(clock.now_utc()))
    )
    rows = db.session.scalars(mine.order_by(UserSession.last_seen_at.desc())).all()
    row = this_session().row
    this = row.id if row is not None else None
    return render_template("auth/sessions.html", rows=rows, this=this, end_form=Form())


@bp.route("/sessions/<string(length=64):session_id>/end", methods=["POST"])
@login_required
def end_one_session(session_id):
    if Form().validate_on_submit() and end_session(current_user, session_id):
        db.session.commit()
        flash("That session is ended.", "info")
    return redirect(url_for(".sessions"))


@bp.route("/sessions/end-others", methods=["POST"])
@login_required
def end_other_sessions():
    row = this_session().row
    if Form().validate_on_submit() and row is not None:
        mine = sa.select(UserSession.id).where(UserSession.user_id == current_user.id)
        others = db.session.scalars(mine.where(UserSession.id != row.id)).all()
        for other in others:
            end_session(current_user, other)
        db.session.commit()
        flash(f"Ended {len(others)} other session{'s' if len(others) != 1 else ''}.", "info")
    return redirect(url_for(".sessions"))
