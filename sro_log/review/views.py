from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_login import current_user

from .. import audit
from ..activities import queries
from ..activities.filtering import filter_form
from ..activities.formdata import build_form
from ..activities.views import render_detail
from ..auth.access import roles_required
from ..catalog import KINDS, STAFF
from ..clock import today_local
from ..extensions import db
from ..formbase import Form, version_of
from ..models import Activity
from ..paging import paginate
from ..refusals import commit_or_refuse
from ..reports.filters import select_entries
from . import services
from .export import entries_csv
from .forms import ApproveForm, ReturnForm, parse_refs

bp = Blueprint("review", __name__, url_prefix="/review")


@bp.route("/")
@roles_required("supervisor")
def queue():
    form = filter_form(request.args)
    f = form.entry_filter(statuses=("submitted",))
    oldest_first = select_entries(f).order_by(None).order_by(Activity.occurred_on, Activity.id)
    page = paginate(oldest_first)
    return render_template(
        "review/queue.html",
        form=form,
        page=page,
        kinds=KINDS,
        schools=queries.school_names(),
        officers=queries.officer_names(),
        bulk=Form(),
    )


@bp.route("/approve", methods=["POST"])
@roles_required("supervisor")
def approve_many():
    refs = parse_refs(request.form.getlist("entry"))
    if Form().validate_on_submit() and (
        done := commit_or_refuse(lambda: services.approve_activities(refs, current_user))
    ):
        approved, skipped = done.value
        flash(f"Approved {approved} {'entry' if approved == 1 else 'entries'}.", "success")
        if skipped:
            flash(
                f"{skipped} had changed or were no longer waiting, and were left alone.", "warning"
            )
    return redirect(url_for(".queue"))


@bp.route("/<int:activity_id>/approve", methods=["POST"])
@roles_required("supervisor")
def approve(activity_id):
    activity = queries.get_activity_for(current_user, activity_id)
    form = ApproveForm()
    if form.validate_on_submit():
        version = version_of(form.version.data)
        commit_or_refuse(
            lambda: services.approve_activity(activity, current_user, version), "Approved."
        )
    return redirect(url_for("activities.detail", activity_id=activity_id))


@bp.route("/<int:activity_id>/return", methods=["POST"])
@roles_required("supervisor")
def return_entry(activity_id):
    activity = queries.get_activity_for(current_user, activity_id)
    form = ReturnForm()
    if form.validate_on_submit() and commit_or_refuse(
        lambda: services.return_activity(
            activity, current_user, form.comment.data.strip(), version_of(form.version.data)
        ),
        "Returned to the officer with your comment.",
        form.form_errors,
    ):
        return redirect(url_for(".queue"))
    return render_detail(activity, return_form=form), 422


@bp.route("/<int:activity_id>/correct", methods=["GET", "POST"])
@roles_required("supervisor")
def correct(activity_id):
    activity = queries.get_activity_for(current_user, activity_id, edit=True)
    form = build_form(activity.kind, activity.officer, today_local(), activity=activity)
    status = 422 if request.method == "POST" else 200
    if form.validate_on_submit():
        if commit_or_refuse(
            lambda: services.correct_activity(
                activity,
                form.model_data(),
                form.goals.data,
                version_of(form.version.data),
                current_user,
            ),
            "Correction saved; the audit trail keeps the before and after.",
            form.form_errors,
        ):
            return redirect(url_for("activities.detail", activity_id=activity.id))
        status = 409
    return render_template(
        "activities/form.html",
        form=form,
        kind=activity.kind,
        kinds=KINDS,
        activity=activity,
        correcting=True,
    ), status


@bp.route("/entries")
@roles_required(*STAFF)
def entries():
    form = filter_form(request.args)
    page = paginate(select_entries(form.entry_filter()))
    return render_template(
        "review/entries.html",
        form=form,
        page=page,
        kinds=KINDS,
        schools=queries.school_names(),
        officers=queries.officer_names(),
    )


@bp.route("/entries.csv")
@roles_required(*STAFF)
def entries_download():
    form = filter_form(request.args)
    f = form.entry_filter()
    text, rows, digest = entries_csv(f)
    audit.record(
        "entries_export",
        None,
        {"filters": f.query_args(), "rows": rows, "sha256": digest, "format": "csv"},
    )
    db.session.commit()
    return Response(
        text,
        mimetype="text/csv",
        headers={
            "Content-Disposition": f"attachment; filename=sro-log-entries-{today_local()}.csv"
        },
    )
