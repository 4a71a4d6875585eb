from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from .. import audit
from ..extensions import db
from .access import safe_next
from .forms import LoginForm, LogoutForm
from .services import authenticate

bp = Blueprint("auth", __name__, url_prefix="/auth")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm(next=request.args.get("next"))
    if form.validate_on_submit():
        user = authenticate(form.username.data, form.password.data)
        db.session.commit()
        if user is not None:
            login_user(user)
            return redirect(safe_next(form.next.data) or url_for("main.index"))
        form.password.errors.append("The username or password is not correct.")
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
