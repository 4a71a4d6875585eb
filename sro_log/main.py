"""The front door: sends each role to its home page."""

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

from .admin.overview import ENDING_DAYS, RECENT_DAYS, overview

bp = Blueprint("main", __name__)


@bp.route("/")
@login_required
def index():
    if current_user.role == "officer":
        return redirect(url_for("activities.home"))
    if current_user.role == "supervisor":
        return redirect(url_for("review.queue"))
    if current_user.role == "partner":
        return redirect(url_for("dashboard.index"))
    return render_template(
        "main/index.html", overview=overview(), recent_days=RECENT_DAYS, ending_days=ENDING_DAYS
    )
