from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask_login import current_user

from ..auth.access import roles_required
from ..catalog import KINDS, ROLES
from ..clock import today_local
from ..exports.definitions import DEFINITIONS, suppression_rule
from ..reports.dashboard import CHARTS, REPORT_CHARTS, build_dashboard, chart_svg
from ..reports.windows import PartnerWindows, partner_windows, window_named
from .choices import dashboard_form, partner_form

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")


def _form_and_filter():
    """The form, and its filter: an officer's dashboard is always their own."""
    officer = current_user.role == "officer"
    form = dashboard_form(request.args, officer=officer)
    fixed = {"officer_id": current_user.id, "district_id": None} if officer else {}
    return form, form.entry_filter(today_local(), **fixed)


def _partner_choice():
    """A partner's form, their district's windows, and the window they chose (None when they
    asked for anything but a published window)."""
    if current_user.district_id is None:
        abort(403)
    windows = partner_windows(today_local())
    form = partner_form(request.args, windows)
    window = None if form.period.errors else window_named(windows, form.period.data)
    threshold = current_app.config["SRO_LOG_SUPPRESSION_THRESHOLD"]
    return form, PartnerWindows(current_user.district_id, threshold, windows), window


@bp.route("/")
@roles_required(*ROLES)
def index():
    if current_user.role == "partner":
        return _partner_dashboard()
    form, f = _form_and_filter()
    officer = current_user.role == "officer"
    return render_template(
        "dashboard/index.html",
        form=form,
        d=build_dashboard(f),
        officer=officer,
        list_endpoint="activities.index" if officer else "review.entries",
        args=request.args.to_dict(),
        kinds=KINDS,
    )


def _partner_dashboard():
    """The report's tables for the district and a published window, small counts withheld, no
    entry-level links; anything else asked for is refused at the field."""
    form, published, window = _partner_choice()
    threshold = published.threshold
    report = published.report(window) if window is not None else None
    return render_template(
        "dashboard/partner.html",
        form=form,
        report=report,
        exact=False,
        threshold=threshold,
        district=current_user.district,
        chart_src=lambda name: url_for(".chart", name=name, period=window.value),
        suppression_rule=suppression_rule(threshold),
        definitions=DEFINITIONS,
    ), 200 if window is not None or not form.period.errors else 422


@bp.route("/chart/<name>.svg")
@roles_required(*ROLES)
def chart(name):
    if current_user.role == "partner":  # only the charts of hours, never of small counts
        _, published, window = _partner_choice()
        if name not in REPORT_CHARTS or window is None:
            abort(404)
        return Response(chart_svg(name, published.filter(window)), mimetype="image/svg+xml")
    if name not in CHARTS:
        abort(404)
    _, f = _form_and_filter()
    return Response(chart_svg(name, f), mimetype="image/svg+xml")
