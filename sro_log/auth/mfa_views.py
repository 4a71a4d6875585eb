"""Second-factor pages: the code after the password, enrolment, and removal."""

from flask import flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required

from .. import clock
from ..extensions import db
from ..formbase import plain_number
from ..models import User
from . import mfa
from .blueprint import bp
from .forms import RemoveSecondFactorForm, SecondFactorForm
from .services import check_current_password, complete_login, is_locked, second_factor_failed
from .sessions import start_session
from .views import REFUSED, signed_out_by_lockout

PENDING_SECONDS = 300  # the password step is good for five minutes


def _pending_user() -> User | None:
    pending = session.get("mfa_pending")
    if not isinstance(pending, dict) or not isinstance(pending.get("at"), int | float):
        return None
    if clock.now_utc().timestamp() - pending["at"] > PENDING_SECONDS:
        return None
    user_pk, _, version = str(pending.get("user", "")).partition(".")
    pk = plain_number(user_pk)
    user = db.session.get(User, pk) if pk is not None else None
    if user is None or not user.active or not user.mfa_secret or is_locked(user):
        return None
    return user if str(user.session_version) == version else None


@bp.route("/second-factor", methods=["GET", "POST"])
def second_factor():
    user = _pending_user()
    if user is None:
        session.pop("mfa_pending", None)
        flash("Please sign in again.", "info")
        return redirect(url_for("auth.login"))
    form = SecondFactorForm()
    if form.validate_on_submit():
        method = (
            "totp"
            if mfa.check_totp(user, form.code.data)
            else "recovery_code"
            if mfa.use_recovery_code(user, form.code.data)
            else None
        )
        if method is not None:
            target = session["mfa_pending"].get("next")
            complete_login(user, method)
            db.session.commit()
            start_session(user)
            if method == "recovery_code":
                flash(f"Recovery code used; {mfa.recovery_codes_left(user)} left.", "warning")
            return redirect(target or url_for("main.index"))
        second_factor_failed(user)
        db.session.commit()
        if is_locked(user):
            session.pop("mfa_pending", None)
            flash(REFUSED, "warning")
            return redirect(url_for("auth.login"))
        form.code.errors.append(
            "That code is not right. Enter the current code from your app, or a recovery code."
        )
    status = 422 if request.method == "POST" else 200
    return render_template("auth/second_factor.html", form=form), status


@bp.route("/mfa", methods=["GET", "POST"])
@login_required
def mfa_settings():
    user = current_user._get_current_object()
    if user.mfa_secret:
        return render_template(
            "auth/mfa.html",
            enrolled=True,
            remove_form=RemoveSecondFactorForm(),
            left=mfa.recovery_codes_left(user),
            required=mfa.mfa_required(user),
        )
    secret = session.get("mfa_new_secret")
    if request.method == "GET" or not secret:
        secret = session["mfa_new_secret"] = mfa.new_secret()
    form = SecondFactorForm()
    if form.validate_on_submit():
        if mfa.check_totp(user, form.code.data, secret=secret):
            codes = mfa.enrol(user, secret)
            db.session.commit()
            session.pop("mfa_new_secret", None)
            return render_template("auth/recovery_codes.html", codes=codes)
        form.code.errors.append(
            "That code is not right. Scan the code again and enter the 6 digits your app shows now."
        )
    status = 422 if request.method == "POST" else 200
    return render_template(
        "auth/mfa.html",
        enrolled=False,
        form=form,
        secret=secret,
        qr=mfa.qr_data_url(user, secret),
        required=mfa.mfa_required(user),
    ), status


@bp.route("/mfa/remove", methods=["POST"])
@login_required
def mfa_remove():
    user = current_user._get_current_object()
    form = RemoveSecondFactorForm()
    if form.validate_on_submit():
        if mfa.mfa_required(user):
            flash("Your role must use a second factor; it cannot be removed.", "warning")
        elif not check_current_password(user, form.current_password.data):
            db.session.commit()
            if is_locked(user):
                return signed_out_by_lockout()
            flash("Your current password is not correct; the second factor is still on.", "warning")
        elif user.mfa_secret:
            mfa.remove(user, actor=user)
            db.session.commit()
            flash("The second factor is off.", "info")
    return redirect(url_for("auth.mfa_settings"))
