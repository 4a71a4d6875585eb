from flask import Blueprint, Response, abort, render_template, request
from flask_login import current_user

from ..auth.access import roles_required
from ..catalog import KINDS
from ..clock import today_local
from ..reports.dashboard import CHARTS, build_dashboard, chart_svg
from .choices import dashboard_form

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")
VIEWERS = ("officer", "supervisor", "admin")


def _form_and_filter():
    """The form, and its filter: an officer's dashboard is always their own."""
    officer = current_user.role == "officer"
    form = dashboard_form(request.args, officer=officer)
    fixed = {"officer_id": current_user.id, "district_id": None} if officer else {}
    return form, form.entry_filter(today_local(), **fixed)


@bp.route("/")
@roles_required(*VIEWERS)
def index():
    form, f = _form_and_filter()
    officer = current_user.role == "officer"
    return render_template(
        "dashboard/index.html", form=form, d=build_dashboard(f), officer=officer,
        list_endpoint="activities.index" if officer else "review.entries",
        args=request.args.to_dict(), kinds=KINDS,
    )  # fmt: skip


@bp.route("/chart/<name>.svg")
@roles_required(*VIEWERS)
def chart(name):
    if name not in CHARTS:
        abort(404)
    _, f = _form_and_filter()
    return Response(chart_svg(name, f), mimetype="image/svg+xml")
