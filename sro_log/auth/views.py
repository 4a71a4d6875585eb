from flask import flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, logout_user

from .. import audit, clock
from ..extensions import db
from .access import safe_next
from .blueprint import bp
from .forms import ChangePasswordForm, LoginForm, LogoutForm
from .services import (
    authenticate,
    change_password,
    check_current_password,
    complete_login,
    end_all_sessions,
    is_locked,
    temporary_password_reason,
)
from .sessions import start_session

# One message for every refusal, so it never tells whether a username exists or is locked.
REFUSED = (
    "The username or password is not correct. After several failed attempts an account "
    "is locked for a while."
)


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm(next=request.args.get("next"))
    if form.validate_on_submit():
        user = authenticate(form.username.data, form.password.data)
        db.session.commit()
        if user is not None and user.mfa_secret:
            session.clear()  # nothing is signed in until the second factor is given
            session["mfa_pending"] = {
                "user": user.get_id(),
                "at": clock.now_utc().timestamp(),
                "next": safe_next(form.next.data),
            }
            return redirect(url_for("auth.second_factor"))
        if user is not None:
            complete_login(user, None)
            db.session.commit()
            start_session(user)
            return redirect(safe_next(form.next.data) or url_for("main.index"))
        form.password.errors.append(REFUSED)
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    if LogoutForm().validate_on_submit():
        audit.record("logout", current_user._get_current_object())
        db.session.commit()
        logout_user()
        flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"], endpoint="change_password")
@login_required
def change_password_view():
    user = current_user._get_current_object()
    form = ChangePasswordForm(hints=(user.username, user.full_name, user.email or ""))
    status = 422 if request.method == "POST" else 200
    if form.validate_on_submit():
        if not check_current_password(user, form.current_password.data):
            db.session.commit()
            if is_locked(user):
                return signed_out_by_lockout()
            form.current_password.errors.append("Your current password is not correct.")
        elif form.new_password.data == form.current_password.data:
            form.new_password.errors.append("Choose a password you have not been using.")
        else:
            change_password(user, form.new_password.data, actor=user, action="password_change")
            db.session.commit()
            start_session(user)  # this session goes on, with a new key
            flash(
                "Password changed. You are signed out everywhere else, and your API tokens "
                "are revoked.",
                "success",
            )
            return redirect(url_for("main.index"))
    return render_template(
        "auth/password.html",
        form=form,
        sign_out_form=LogoutForm(),
        temporary=temporary_password_reason(user),
    ), status


@bp.route("/sign-out-everywhere", methods=["POST"])
@login_required
def sign_out_everywhere():
    if LogoutForm().validate_on_submit():
        user = current_user._get_current_object()
        end_all_sessions(user, user)
        db.session.commit()
        logout_user()
        flash("You are signed out on every device, and your API tokens are revoked.", "info")
    return redirect(url_for("auth.login"))


def signed_out_by_lockout():
    """After too many wrong passwords asked again: the account is locked and signed out."""
    logout_user()
    flash(REFUSED, "warning")
    return redirect(url_for("auth.login"))
