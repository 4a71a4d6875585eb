"""The admin's pages for reference data: districts and schools, assignments, goals, pick lists."""

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..auth.access import roles_required
from ..catalog import PICK_LISTS
from ..clock import today_local
from ..extensions import db
from ..formbase import Form
from ..models import Assignment, District, PickListItem, ProgramGoal, School
from . import reference as ref
from .views import bp

admin_only = roles_required("admin")
RETIRABLE = {"districts": District, "schools": School, "goals": ProgramGoal,
             "pick-items": PickListItem}  # fmt: skip


def _get(model, pk):
    return db.session.get(model, pk) or abort(404)


def _saved(message: str, target: str):
    db.session.commit()
    flash(message, "success")
    return redirect(target)


def _refused(form, error):
    db.session.rollback()
    form.form_errors.append(error.args[0])


@bp.route("/schools", methods=["GET", "POST"])
@admin_only
def schools():
    """Districts and their schools; the two add forms post here, told apart by `add`."""
    adding = request.form.get("add") if request.method == "POST" else None
    district_form = ref.DistrictForm(prefix="district", formdata=None if adding != "district"
                                     else request.form)  # fmt: skip
    school_form = ref.with_choices(
        ref.SchoolForm(prefix="school", formdata=None if adding != "school" else request.form)
    )
    form = {"district": district_form, "school": school_form}.get(adding)
    if form is not None and form.validate_on_submit():
        try:
            if adding == "district":
                name = district_form.name.data.strip()
                ref.unique_name(District, name)
                ref.create(District(name=name), ("name",), current_user)
            else:
                name = school_form.name.data.strip()
                ref.unique_name(School, name, district_id=school_form.district_id.data)
                ref.create(School(name=name, district_id=school_form.district_id.data,
                                  level=school_form.level.data),
                           ("name", "district_id", "level"), current_user)  # fmt: skip
            return _saved(f"Added {name}.", url_for(".schools"))
        except ref.AdminError as error:
            _refused(form, error)
    districts = db.session.scalars(sa.select(District).order_by(District.name)).all()
    return render_template(
        "admin/schools.html",
        districts=districts,
        district_form=district_form,
        school_form=school_form,
        toggle=Form(),
    ), 422 if form else 200


def _edit(model, pk, form_class, names, title, back):
    obj = _get(model, pk)
    form = ref.with_choices(form_class(obj=obj))
    if form.validate_on_submit():
        values = {n: form[n].data.strip() if isinstance(form[n].data, str) else form[n].data
                  for n in names}  # fmt: skip
        try:
            if "name" in values:
                scope = {"district_id": values["district_id"]} if model is School else {}
                ref.unique_name(model, values["name"], exclude_id=obj.id, **scope)
            ref.update(obj, values, current_user)
            return _saved("Saved.", back)
        except ref.AdminError as error:
            _refused(form, error)
    status = 422 if request.method == "POST" else 200
    return render_template("admin/edit.html", form=form, obj=obj, title=title, back=back,
                           kind=next(k for k, m in RETIRABLE.items() if m is model),
                           toggle=Form()), status  # fmt: skip


@bp.route("/districts/<int:pk>", methods=["GET", "POST"])
@admin_only
def edit_district(pk):
    return _edit(District, pk, ref.DistrictForm, ("name",), "District", url_for(".schools"))


@bp.route("/schools/<int:pk>", methods=["GET", "POST"])
@admin_only
def edit_school(pk):
    return _edit(School, pk, ref.SchoolForm, ("name", "district_id", "level"), "School",
                 url_for(".schools"))  # fmt: skip


@bp.route("/goals")
@admin_only
def goals():
    rows = db.session.scalars(sa.select(ProgramGoal).order_by(ProgramGoal.position)).all()
    return render_template("admin/goals.html", goals=rows)


@bp.route("/goals/<int:pk>", methods=["GET", "POST"])
@admin_only
def edit_goal(pk):
    return _edit(ProgramGoal, pk, ref.GoalForm, ("title", "description", "position"),
                 "Program goal", url_for(".goals"))  # fmt: skip


@bp.route("/<any(districts, schools, goals, 'pick-items'):kind>/<int:pk>/"
          "<any(retire, restore):change>", methods=["POST"])  # fmt: skip
@admin_only
def set_retired(kind, pk, change):
    obj = _get(RETIRABLE[kind], pk)
    if Form().validate_on_submit():
        ref.update(obj, {"active": change == "restore"}, current_user)
        db.session.commit()
        flash("Restored." if change == "restore" else "Retired: kept for old entries and "
              "reports, no longer offered on forms.", "success")  # fmt: skip
    return redirect(request.referrer if request.referrer and request.referrer.startswith(
        request.host_url) else url_for(".schools"))  # fmt: skip


@bp.route("/assignments", methods=["GET", "POST"])
@admin_only
def assignments():
    form = ref.with_choices(ref.AssignmentForm())
    if form.validate_on_submit():
        assignment = Assignment(
            officer_id=form.officer_id.data,
            school_id=form.school_id.data,
            starts_on=form.starts_on.data,
            ends_on=form.ends_on.data,
        )
        ref.create(assignment, ("officer_id", "school_id", "starts_on", "ends_on"), current_user)
        return _saved("Assignment added.", url_for(".assignments"))
    rows = db.session.scalars(sa.select(Assignment).order_by(
        Assignment.ends_on.is_not(None), Assignment.starts_on.desc())).all()  # fmt: skip
    status = 422 if request.method == "POST" else 200
    return render_template("admin/assignments.html", form=form, assignments=rows,
                           end_form=Form(), today=today_local()), status  # fmt: skip


@bp.route("/assignments/<int:pk>/end", methods=["POST"])
@admin_only
def end_assignment(pk):
    assignment = _get(Assignment, pk)
    if Form().validate_on_submit() and assignment.ends_on is None:
        ref.end_assignment(assignment, today_local(), current_user)
        db.session.commit()
        flash("Assignment ended today.", "success")
    return redirect(url_for(".assignments"))


@bp.route("/pick-lists/<list_name>", methods=["GET", "POST"])
@admin_only
def pick_list(list_name):
    if list_name not in PICK_LISTS:
        abort(404)
    form = ref.PickItemForm()
    if form.validate_on_submit():
        try:
            ref.new_pick_item(list_name, form.label.data.strip(), form.position.data,
                              current_user)  # fmt: skip
            return _saved("Added.", url_for(".pick_list", list_name=list_name))
        except ref.AdminError as error:
            _refused(form, error)
    items = db.session.scalars(
        sa.select(PickListItem)
        .where(PickListItem.list_name == list_name)
        .order_by(PickListItem.position)
    ).all()
    status = 422 if request.method == "POST" else 200
    return render_template("admin/pick_list.html", form=form, items=items, list_name=list_name,
                           lists=PICK_LISTS, toggle=Form()), status  # fmt: skip


@bp.route("/pick-items/<int:pk>", methods=["GET", "POST"])
@admin_only
def edit_pick_item(pk):
    item = _get(PickListItem, pk)
    return _edit(PickListItem, pk, ref.PickItemForm, ("label", "position"), "Pick-list item",
                 url_for(".pick_list", list_name=item.list_name))  # fmt: skip


@bp.route("/pick-items/<int:pk>/delete", methods=["POST"])
@admin_only
def delete_pick_item(pk):
    item = _get(PickListItem, pk)
    if Form().validate_on_submit():
        try:
            ref.delete_pick_item(item, current_user)
            db.session.commit()
            flash("Deleted.", "success")
        except ref.AdminError as error:
            db.session.rollback()
            flash(error.args[0], "warning")
    return redirect(url_for(".pick_list", list_name=item.list_name))
