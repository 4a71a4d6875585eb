from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask_login import current_user

from ..auth.access import roles_required
from ..catalog import KINDS
from ..clock import today_local
from ..exports.definitions import DEFINITIONS, suppression_rule
from ..reports.dashboard import CHARTS, REPORT_CHARTS, build_dashboard, chart_svg
from ..reports.grant_report import build_report
from .choices import dashboard_form

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")
VIEWERS = ("officer", "supervisor", "admin")


def _form_and_filter():
    """The form, and its filter: an officer's dashboard is always their own, a district
    partner's always their district's schools."""
    role = current_user.role
    if role == "partner":
        if current_user.district_id is None:
            abort(403)
        form = dashboard_form(request.args, district_id=current_user.district_id)
        fixed = {"district_id": current_user.district_id, "officer_id": None, "kind": None}
    else:
        form = dashboard_form(request.args, officer=role == "officer")
        fixed = {"officer_id": current_user.id, "district_id": None} if role == "officer" else {}
    return form, form.entry_filter(today_local(), **fixed)


@bp.route("/")
@roles_required(*VIEWERS, "partner")
def index():
    form, f = _form_and_filter()
    if current_user.role == "partner":
        return _partner_dashboard(form, f)
    officer = current_user.role == "officer"
    return render_template(
        "dashboard/index.html", form=form, d=build_dashboard(f), officer=officer,
        list_endpoint="activities.index" if officer else "review.entries",
        args=request.args.to_dict(), kinds=KINDS,
    )  # fmt: skip


def _partner_dashboard(form, f):
    """The report's tables for the district, small counts withheld, no entry-level links."""
    threshold = current_app.config["SRO_LOG_SUPPRESSION_THRESHOLD"]
    args = request.args.to_dict()
    return render_template(
        "dashboard/partner.html", form=form, report=build_report(f, {}), exact=False,
        threshold=threshold, district=current_user.district,
        chart_src=lambda name: url_for(".chart", name=name, **args),
        suppression_rule=suppression_rule(threshold), definitions=DEFINITIONS,
    )  # fmt: skip


@bp.route("/chart/<name>.svg")
@roles_required(*VIEWERS, "partner")
def chart(name):
    _, f = _form_and_filter()
    if current_user.role == "partner":  # only the charts of hours, never of small counts
        if name not in REPORT_CHARTS:
            abort(404)
        return Response(REPORT_CHARTS[name](build_dashboard(f)), mimetype="image/svg+xml")
    if name not in CHARTS:
        abort(404)
    return Response(chart_svg(name, f), mimetype="image/svg+xml")
