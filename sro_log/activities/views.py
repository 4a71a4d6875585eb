from datetime import date, timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..auth.access import roles_required
from ..catalog import AGENCY, KINDS
from ..clock import made_on_device, today_local
from ..dates import month_start
from ..extensions import db
from ..formbase import Form, version_of
from ..paging import paginate
from ..refusals import commit_or_refuse
from ..reports.filters import select_entries
from . import queries, services
from .filtering import filter_form
from .formdata import build_form
from .forms import EARLIEST_DATE, ListFilterForm
from .unlogged import unlogged_days

bp = Blueprint("activities", __name__, url_prefix="/activities")


@bp.route("/")
@roles_required("officer")
def home():
    today = today_local()
    week = request.args.get("week", type=date.fromisoformat) or today
    if not EARLIEST_DATE <= week <= today + timedelta(days=366):
        week = today
    monday = week - timedelta(days=week.weekday())
    days = queries.week_of(current_user, monday)
    log_on = _day_to_log(request.args.get("on"), today)
    deleted_id = request.args.get("deleted", type=int)
    deleted = queries.just_deleted(current_user, deleted_id) if deleted_id else None
    return render_template(
        "activities/home.html",
        today=today,
        monday=monday,
        kinds=KINDS,
        prev_week=monday - timedelta(days=7),
        next_week=monday + timedelta(days=7),
        days=days,
        deleted=deleted,
        log_on=log_on,
        unlogged=unlogged_days(current_user, today),
        undo_minutes=services.UNDO_MINUTES,
        returned=queries.returned_entries(current_user),
        goal_totals=queries.goal_totals(current_user, month_start(today), today),
    )


def _day_to_log(text: str | None, today: date) -> date | None:
    """A day the officer chose to log (?on=YYYY-MM-DD): a past day of the entry's range."""
    try:
        day = date.fromisoformat(text) if text else None
    except ValueError:
        return None
    return day if day is not None and EARLIEST_DATE <= day <= today else None


def saved_message(activity) -> str:
    """What the officer reads over the entry they just saved."""
    label = KINDS[activity.kind][0]
    sent = "sent for review" if activity.status == "submitted" else "kept as a draft"
    return f"Saved: {label} on {activity.occurred_on:%a %d %b}, {sent}."


@bp.route("/list")
@roles_required("officer")
def index():
    form = filter_form(request.args, ListFilterForm)
    page = paginate(select_entries(form.entry_filter(officer_id=current_user.id)))
    return render_template(
        "activities/list.html", form=form, page=page, kinds=KINDS, schools=queries.school_names()
    )


@bp.route("/new/<kind>", methods=["GET", "POST"])
@roles_required("officer")
def new(kind):
    if kind not in KINDS:
        abort(404)
    copy_id = request.args.get("copy", type=int)
    copy_of = queries.get_activity_for(current_user, copy_id, edit=True) if copy_id else None
    today = today_local()
    day = _day_to_log(request.args.get("on"), today) or today  # from "Days not logged"
    form = build_form(kind, current_user, day, copy_of=copy_of)
    if form.validate_on_submit():
        stored = queries.entry_with_ref(current_user, form.device_ref)
        if stored is not None:  # the phone sent it before: it is stored once
            return _saved(stored.id)
        try:
            entry_id = services.create_activity(
                current_user,
                kind,
                {**form.model_data(), "external_ref": form.device_ref},
                form.goals.data,
                form.submitted_for_review,
                made_on_device(form.made_at.data) if form.made_at.data else None,
            )
        except services.DuplicateEntryError:  # sent twice at once: the other request stored it
            db.session.rollback()
            stored = queries.entry_with_ref(current_user, form.device_ref)
            if stored is None:
                abort(409)
            return _saved(stored.id)
        db.session.commit()
        return _saved(entry_id)
    return render_template(
        "activities/form.html", form=form, kind=kind, kinds=KINDS, activity=None
    ), 422 if request.method == "POST" else 200


def _saved(entry_id: int):
    """To the saved entry, which says so from ?saved=1 rather than a flashed message: a flash
    is a write of the session's row when it is set and another when it is shown."""
    return redirect(url_for("activities.detail", activity_id=entry_id, saved=1))


@bp.route("/<int:activity_id>")
@roles_required(*AGENCY)
def detail(activity_id):
    activity = queries.get_activity_for(current_user, activity_id)
    own = activity.officer_id == current_user.id
    saved = saved_message(activity) if own and request.args.get("saved") == "1" else None
    return render_detail(activity, saved=saved)


def render_detail(activity, **extra):
    """The entry's page; the review views pass their form back with its errors."""
    return render_template(
        "activities/detail.html",
        activity=activity,
        kinds=KINDS,
        labels=queries.pick_labels(),
        **extra,
    )


@bp.route("/<int:activity_id>/edit", methods=["GET", "POST"])
@roles_required("officer")
def edit(activity_id):
    activity = queries.get_activity_for(current_user, activity_id, edit=True)
    if activity.status == "approved":
        flash(services.LockedEntryError.message, "warning")
        return redirect(url_for("activities.detail", activity_id=activity.id))
    form = build_form(activity.kind, current_user, today_local(), activity=activity)
    status = 422 if request.method == "POST" else 200
    if form.validate_on_submit():
        if commit_or_refuse(
            lambda: services.update_activity(
                activity,
                form.model_data(),
                form.goals.data,
                form.submitted_for_review,
                version_of(form.version.data),
                current_user,
            ),
            "Your changes are saved.",
            form.form_errors,
        ):
            return redirect(url_for("activities.detail", activity_id=activity.id))
        status = 409
    return render_template(
        "activities/form.html", form=form, kind=activity.kind, kinds=KINDS, activity=activity
    ), status


@bp.route("/<int:activity_id>/delete", methods=["GET", "POST"])
@roles_required("officer")
def delete(activity_id):
    """Delete asks once (a page of its own, so it works without JavaScript), then offers Undo."""
    activity = queries.get_activity_for(current_user, activity_id, edit=True)
    form = Form()
    if not form.validate_on_submit():
        return render_template(
            "activities/delete.html",
            activity=activity,
            kinds=KINDS,
            form=form,
            undo_minutes=services.UNDO_MINUTES,
        ), 422 if request.method == "POST" else 200
    if not commit_or_refuse(lambda: services.delete_activity(activity, current_user)):
        return redirect(url_for("activities.detail", activity_id=activity.id))
    return redirect(url_for("activities.home", week=activity.occurred_on, deleted=activity.id))


@bp.route("/<int:activity_id>/restore", methods=["POST"])
@roles_required("officer")
def restore(activity_id):
    activity = queries.deleted_entry_for(current_user, activity_id)
    if Form().validate_on_submit() and commit_or_refuse(
        lambda: services.restore_activity(activity, current_user), "The entry is back."
    ):
        return redirect(url_for("activities.detail", activity_id=activity.id))
    return redirect(url_for("activities.home", week=activity.occurred_on))
