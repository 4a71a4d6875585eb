"""Grants, their periods, and each period's report (page, narrative, exports, charts)."""

import sqlalchemy as sa
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask import current_app as app
from flask_login import current_user

from ..auth.access import roles_required
from ..catalog import REPORT_READERS, STAFF
from ..clock import now_utc, today_local
from ..exports.definitions import DEFINITIONS, suppression_rule
from ..extensions import db
from ..formbase import Form, version_of
from ..models import Grant, ReportingPeriod
from ..refusals import commit_or_refuse
from ..reports.dashboard import REPORT_CHARTS, chart_svg
from ..reports.windows import NOT_YET_PUBLISHED, partner_windows, window_of
from . import services
from .choices import report_options
from .exporting import FORMATS, export_report
from .forms import GrantForm, NarrativeForm, PeriodForm
from .reporting import ReportScope, period_report, report_filter

bp = Blueprint("grants", __name__, url_prefix="/grants")


def _partner() -> bool:
    return current_user.role == "partner"


def _scope(options, period: ReportingPeriod) -> ReportScope:
    """The options' scope; a district partner's is always their district, approved entries,
    and only for a period that has ended (reports/windows.py)."""
    if not _partner():
        return options.scope()
    if current_user.district_id is None:
        abort(403)
    if window_of(partner_windows(today_local()), period.starts_on, period.ends_on) is None:
        abort(403, description=NOT_YET_PUBLISHED)
    return ReportScope(district_id=current_user.district_id)


def _grant(grant_id: int) -> Grant:
    return db.session.get(Grant, grant_id) or abort(404)


def _period(period_id: int) -> ReportingPeriod:
    return db.session.get(ReportingPeriod, period_id) or abort(404)


@bp.route("/")
@roles_required(*REPORT_READERS)
def index():
    grants = db.session.scalars(sa.select(Grant).order_by(Grant.starts_on.desc(), Grant.name))
    return render_template("grants/index.html", grants=grants.all())


@bp.route("/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def new():
    form = GrantForm()
    status = 422 if request.method == "POST" else 200
    if form.validate_on_submit():
        values = {name: form[name].data for name in services.GRANT_FIELDS}
        values |= {k: values[k].strip() for k in ("name", "funder", "award_number")}
        if done := commit_or_refuse(
            lambda: services.create_grant(values, current_user),
            refusal_to=form.award_number.errors,
        ):
            grant = done.value
            flash(f"Grant saved with {len(grant.periods)} reporting periods.", "success")
            return redirect(url_for(".detail", grant_id=grant.id))
    return render_template("grants/new.html", form=form), status


@bp.route("/<int:grant_id>")
@roles_required(*REPORT_READERS)
def detail(grant_id):
    return render_template(
        "grants/detail.html", grant=_grant(grant_id), form=PeriodForm(), delete_form=Form()
    )


@bp.route("/<int:grant_id>/periods", methods=["POST"])
@roles_required(*STAFF)
def add_period(grant_id):
    grant = _grant(grant_id)
    form = PeriodForm()
    if form.validate_on_submit() and commit_or_refuse(
        lambda: services.add_period(
            grant,
            form.label.data.strip(),
            form.starts_on.data,
            form.ends_on.data,
            form.due_on.data,
            current_user,
        ),
        "Period added.",
        form.form_errors,
    ):
        return redirect(url_for(".detail", grant_id=grant.id))
    return render_template("grants/detail.html", grant=grant, form=form, delete_form=Form()), 422


@bp.route("/periods/<int:period_id>/delete", methods=["POST"])
@roles_required(*STAFF)
def delete_period(period_id):
    period = _period(period_id)
    grant_id = period.grant_id
    if Form().validate_on_submit():
        commit_or_refuse(lambda: services.delete_period(period, current_user), "Period removed.")
    return redirect(url_for(".detail", grant_id=grant_id))


def _render_report(period, options, narrative_form, status=200):
    partner = _partner()
    report = period_report(
        period, _scope(options, period), current_user, now_utc(), with_narrative=not partner
    )
    return render_template(
        "grants/report.html",
        period=period,
        report=report,
        options=options,
        narrative_form=narrative_form,
        exact=not partner,
        show_narrative=not partner,
        partner=partner,
        formats=FORMATS,
        threshold=app.config["SRO_LOG_SUPPRESSION_THRESHOLD"],
        chart_src=lambda name: url_for(
            ".chart", period_id=period.id, name=name, **request.args.to_dict(flat=False)
        ),
        suppression_rule=suppression_rule(app.config["SRO_LOG_SUPPRESSION_THRESHOLD"]),
        definitions=DEFINITIONS,
        args=request.args.to_dict(flat=False),
    ), status


@bp.route("/periods/<int:period_id>/report")
@roles_required(*REPORT_READERS)
def report(period_id):
    period = _period(period_id)
    form = NarrativeForm(data={"narrative": period.narrative, "version": period.version})
    return _render_report(period, report_options(request.args), form)


@bp.route("/periods/<int:period_id>/narrative", methods=["POST"])
@roles_required("supervisor")
def narrative(period_id):
    period = _period(period_id)
    form = NarrativeForm()
    if form.validate_on_submit():
        if commit_or_refuse(
            lambda: services.save_narrative(
                period, form.narrative.data or "", version_of(form.version.data), current_user
            ),
            "Narrative saved.",
            form.narrative.errors,
        ):
            return redirect(url_for(".report", period_id=period.id, **request.args))
        return _render_report(period, report_options(request.args), form, 409)
    return _render_report(period, report_options(request.args), form, 422)


@bp.route("/periods/<int:period_id>/report.<fmt>")
@roles_required(*REPORT_READERS)
def export(period_id, fmt):
    if fmt not in FORMATS:
        abort(404)
    period = _period(period_id)
    options = report_options(request.args)
    if options.errors:
        abort(400)
    exported = export_report(
        period, _scope(options, period), fmt, current_user, now_utc(), with_narrative=not _partner()
    )
    db.session.commit()
    return Response(
        exported.content,
        mimetype=exported.mimetype,
        headers={
            "Content-Disposition": f"attachment; filename={exported.filename}",
            "Cache-Control": "no-store",
        },
    )


@bp.route("/periods/<int:period_id>/chart/<name>.svg")
@roles_required(*REPORT_READERS)
def chart(period_id, name):
    if name not in REPORT_CHARTS:
        abort(404)
    period = _period(period_id)
    f = report_filter(period, _scope(report_options(request.args), period))
    return Response(chart_svg(name, f), mimetype="image/svg+xml")
