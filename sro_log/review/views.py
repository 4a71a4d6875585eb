from flask import Response, flash, redirect, render_template, request, url_for
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
from .blueprint import bp
from .export import entries_csv
from .forms import ApproveForm, ReturnForm, parse_refs
from .queue import (
    Queue,
    as_field,
    current_place,
    entry_url,
    place_of,
    queue_nav,
    queue_url,
    waiting_count,
)


@bp.route("/")
@roles_required("supervisor")
def queue():
    place = place_of(request.args)
    waiting = Queue(place)
    page = paginate(waiting.select())
    if page.page > max(page.pages, 1):  # emptied by the last action: its last page instead
        return redirect(queue_url({**place, "page": max(page.pages, 1)}))
    return render_template(
        "review/queue.html",
        form=waiting.form,
        page=page,
        place=place,
        place_field=as_field(place),
        kinds=KINDS,
        schools=queries.school_names(),
        officers=queries.officer_names(),
        bulk=Form(),
    )


@bp.route("/approve", methods=["POST"])
@roles_required("supervisor")
def approve_many():
    refs = parse_refs(request.form.getlist("entry"))
    if not refs:
        flash("No entries were ticked: tick the ones to approve, then Approve selected.", "warning")
    elif Form().validate_on_submit() and (
        done := commit_or_refuse(lambda: services.approve_activities(refs, current_user))
    ):
        approved, skipped = done.value
        if approved:
            flash(f"Approved {approved} {'entry' if approved == 1 else 'entries'}.", "success")
        if skipped:
            flash(
                f"{skipped} had changed or were no longer waiting, and were left alone.", "warning"
            )
    return redirect(queue_url(current_place()))


def _onward(activity: Activity, done: bool):
    """Where a review action goes: the next waiting entry for "and next", else the queue,
    each with the queue's place."""
    place = current_place()
    if done and request.form.get("then") == "next":
        if following := Queue(place).next_after(activity):
            return redirect(entry_url(following, place))
        flash("Nothing else is waiting in this queue.", "info")
    return redirect(queue_url(place))


@bp.route("/<int:activity_id>/approve", methods=["POST"])
@roles_required("supervisor")
def approve(activity_id):
    activity = queries.get_activity_for(current_user, activity_id)
    form = ApproveForm()
    done = form.validate_on_submit() and commit_or_refuse(
        lambda: services.approve_activity(activity, current_user, version_of(form.version.data)),
        "Approved.",
    )
    return _onward(activity, bool(done))


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
        return _onward(activity, True)
    return render_detail(activity, return_form=form), 422


@bp.app_context_processor
def review_globals() -> dict:
    """For the navigation's count and an entry's review panel (functions: they run only
    where a supervisor's page calls them)."""
    return {"waiting_count": waiting_count, "queue_nav": queue_nav}


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
