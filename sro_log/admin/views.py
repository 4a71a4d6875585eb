"""The admin's pages."""

import sqlalchemy as sa
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from .. import audit
from ..auth.access import roles_required
from ..clock import today_local
from ..extensions import db
from ..formbase import Form
from ..models import User
from ..paging import paginate
from ..refusals import commit_or_refuse
from . import users as accounts
from .audit_trail import audit_filter_form, detail_rows, events_csv, select_events, usernames
from .blueprint import bp
from .forms import user_form


@bp.route("/audit")
@roles_required("admin")
def audit_trail():
    form = audit_filter_form(request.args)
    params = form.params()
    page = paginate(select_events(params))
    audit.record("audit_read", None, {"filters": params, "page": page.page})
    db.session.commit()
    return render_template(
        "admin/audit.html",
        form=form,
        page=page,
        names=usernames(),
        action_labels=audit.ACTION_LABELS,
        detail_rows=detail_rows,
    )


@bp.route("/audit.csv")
@roles_required("admin")
def audit_download():
    params = audit_filter_form(request.args).params()
    content, rows, digest = events_csv(params)
    audit.record(
        "audit_export", None, {"filters": params, "rows": rows, "sha256": digest, "format": "csv"}
    )
    db.session.commit()
    return Response(
        content,
        mimetype="text/csv",
        headers={
            "Content-Disposition": f"attachment; filename=sro-log-audit-{today_local()}.csv",
            "Cache-Control": "no-store",
        },
    )


def _user(user_id: int) -> User:
    return db.session.get(User, user_id) or abort(404)


@bp.route("/users")
@roles_required("admin")
def users():
    everyone = db.session.scalars(
        sa.select(User).order_by(User.active.desc(), User.role, User.full_name)
    )
    return render_template(
        "admin/users.html", users=everyone.all(), action_form=Form(), role_label=accounts.role_label
    )


@bp.route("/users/new", methods=["GET", "POST"])
@roles_required("admin")
def new_user():
    form = user_form(request.form if request.method == "POST" else None)
    if form.validate_on_submit() and (
        done := commit_or_refuse(
            lambda: accounts.create_user(form, current_user), refusal_to=form.username.errors
        )
    ):
        user, password = done.value
        return render_template(
            "admin/password_once.html", user=user, password=password, created=True
        )
    status = 422 if request.method == "POST" else 200
    return render_template("admin/user_form.html", form=form, user=None), status


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@roles_required("admin")
def edit_user(user_id):
    user = _user(user_id)
    form = user_form(request.form if request.method == "POST" else None, user)
    if form.validate_on_submit() and commit_or_refuse(
        lambda: accounts.update_user(user, form, current_user),
        f"Saved {user.username}.",
        form.form_errors,
    ):
        return redirect(url_for(".users"))
    status = 422 if request.method == "POST" else 200
    return render_template("admin/user_form.html", form=form, user=user, action_form=Form()), status


@bp.route("/users/<int:user_id>/<any(deactivate, reactivate):change>", methods=["POST"])
@roles_required("admin")
def set_active(user_id, change):
    user = _user(user_id)
    if Form().validate_on_submit():
        commit_or_refuse(
            lambda: accounts.set_active(user, change == "reactivate", current_user),
            f"{user.username} {change}d.",
        )
    return redirect(url_for(".users"))


@bp.route("/users/<int:user_id>/end-sessions", methods=["POST"])
@roles_required("admin")
def end_sessions(user_id):
    user = _user(user_id)
    if Form().validate_on_submit():
        accounts.end_sessions(user, current_user)
        db.session.commit()
        flash(f"Every session and API token of {user.username} is ended.", "success")
    return redirect(url_for(".edit_user", user_id=user.id))


@bp.route("/users/<int:user_id>/reset-password", methods=["POST"])
@roles_required("admin")
def reset_password(user_id):
    user = _user(user_id)
    if not Form().validate_on_submit():
        abort(400)
    password = accounts.reset_password(user, current_user)
    db.session.commit()
    return render_template("admin/password_once.html", user=user, password=password, created=False)
