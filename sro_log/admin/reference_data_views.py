"""The admin's pages for reference data: districts and schools, assignments, goals, pick lists."""

import sqlalchemy as sa
from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user

from ..auth.access import roles_required
from ..catalog import PICK_LISTS
from ..clock import today_local
from ..extensions import db
from ..formbase import Form
from ..models import Assignment, District, PickListItem, ProgramGoal, School
from ..refusals import commit_or_refuse
from . import forms
from . import reference_data as ref
from .blueprint import bp

admin_only = roles_required("admin")
RETIRABLE = {
    "districts": District,
    "schools": School,
    "goals": ProgramGoal,
    "pick-items": PickListItem,
}


def _get(model, pk):
    return db.session.get(model, pk) or abort(404)


@bp.route("/schools", methods=["GET", "POST"])
@admin_only
def schools():
    """Districts and their schools; the two add forms post here, told apart by `add`."""
    adding = request.form.get("add") if request.method == "POST" else None
    district_form = forms.DistrictForm(
        prefix="district", formdata=None if adding != "district" else request.form
    )
    school_form = forms.with_choices(
        forms.SchoolForm(prefix="school", formdata=None if adding != "school" else request.form)
    )
    form = {"district": district_form, "school": school_form}.get(adding)
    if form is not None and form.validate_on_submit():
        name = form.name.data.strip()
        add = _add_district if adding == "district" else _add_school
        if commit_or_refuse(lambda: add(form), f"Added {name}.", form.form_errors):
            return redirect(url_for(".schools"))
    districts = db.session.scalars(sa.select(District).order_by(District.name)).all()
    return render_template(
        "admin/schools.html",
        districts=districts,
        district_form=district_form,
        school_form=school_form,
        toggle=Form(),
    ), 422 if form else 200


def _add_district(form) -> None:
    name = form.name.data.strip()
    ref.unique_name(District, name)
    ref.create(District(name=name), ("name",), current_user)


def _add_school(form) -> None:
    name = form.name.data.strip()
    ref.unique_name(School, name, district_id=form.district_id.data)
    school = School(name=name, district_id=form.district_id.data, level=form.level.data)
    ref.create(school, ("name", "district_id", "level"), current_user)


def _update(obj, values: dict) -> None:
    if "name" in values:
        scope = {"district_id": values["district_id"]} if isinstance(obj, School) else {}
        ref.unique_name(type(obj), values["name"], exclude_id=obj.id, **scope)
    ref.update(obj, values, current_user)


def _edit(model, pk, form_class, names, title, back):
    obj = _get(model, pk)
    form = forms.with_choices(form_class(obj=obj))
    if form.validate_on_submit():
        values = {
            n: form[n].data.strip() if isinstance(form[n].data, str) else form[n].data
            for n in names
        }
        if commit_or_refuse(lambda: _update(obj, values), "Saved.", form.form_errors):
            return redirect(back)
    status = 422 if request.method == "POST" else 200
    return render_template(
        "admin/edit.html",
        form=form,
        obj=obj,
        title=title,
        back=back,
        kind=next(k for k, m in RETIRABLE.items() if m is model),
        toggle=Form(),
    ), status


@bp.route("/districts/<int:pk>", methods=["GET", "POST"])
@admin_only
def edit_district(pk):
    return _edit(District, pk, forms.DistrictForm, ("name",), "District", url_for(".schools"))


@bp.route("/schools/<int:pk>", methods=["GET", "POST"])
@admin_only
def edit_school(pk):
    return _edit(
        School,
        pk,
        forms.SchoolForm,
        ("name", "district_id", "level"),
        "School",
        url_for(".schools"),
    )


@bp.route("/goals")
@admin_only
def goals():
    rows = db.session.scalars(sa.select(ProgramGoal).order_by(ProgramGoal.position)).all()
    return render_template("admin/goals.html", goals=rows)


@bp.route("/goals/<int:pk>", methods=["GET", "POST"])
@admin_only
def edit_goal(pk):
    return _edit(
        ProgramGoal,
        pk,
        forms.GoalForm,
        ("title", "description", "position"),
        "Program goal",
        url_for(".goals"),
    )


@bp.route(
    "/<any(districts, schools, goals, 'pick-items'):kind>/<int:pk>/<any(retire, restore):change>",
    methods=["POST"],
)
@admin_only
def set_retired(kind, pk, change):
    obj = _get(RETIRABLE[kind], pk)
    said = (
        "Restored."
        if change == "restore"
        else "Retired: kept for old entries and reports, no longer offered on forms."
    )
    if Form().validate_on_submit():
        commit_or_refuse(
            lambda: ref.update(obj, {"active": change == "restore"}, current_user), said
        )
    return redirect(
        request.referrer
        if request.referrer and request.referrer.startswith(request.host_url)
        else url_for(".schools")
    )


@bp.route("/assignments", methods=["GET", "POST"])
@admin_only
def assignments():
    form = forms.with_choices(forms.AssignmentForm())
    names = ("officer_id", "school_id", "starts_on", "ends_on")
    if form.validate_on_submit() and commit_or_refuse(
        lambda: ref.create(Assignment(**{n: form[n].data for n in names}), names, current_user),
        "Assignment added.",
        form.form_errors,
    ):
        return redirect(url_for(".assignments"))
    rows = db.session.scalars(
        sa.select(Assignment).order_by(Assignment.ends_on.is_not(None), Assignment.starts_on.desc())
    ).all()
    status = 422 if request.method == "POST" else 200
    return render_template(
        "admin/assignments.html", form=form, assignments=rows, end_form=Form(), today=today_local()
    ), status


@bp.route("/assignments/<int:pk>/end", methods=["POST"])
@admin_only
def end_assignment(pk):
    assignment = _get(Assignment, pk)
    if Form().validate_on_submit() and assignment.ends_on is None:
        commit_or_refuse(
            lambda: ref.end_assignment(assignment, today_local(), current_user),
            "Assignment ended today.",
        )
    return redirect(url_for(".assignments"))


@bp.route("/pick-lists/<list_name>", methods=["GET", "POST"])
@admin_only
def pick_list(list_name):
    if list_name not in PICK_LISTS:
        abort(404)
    form = forms.PickItemForm()
    label = (form.label.data or "").strip()
    if form.validate_on_submit() and commit_or_refuse(
        lambda: ref.new_pick_item(list_name, label, form.position.data, current_user),
        "Added.",
        form.form_errors,
    ):
        return redirect(url_for(".pick_list", list_name=list_name))
    items = db.session.scalars(
        sa.select(PickListItem)
        .where(PickListItem.list_name == list_name)
        .order_by(PickListItem.position)
    ).all()
    status = 422 if request.method == "POST" else 200
    return render_template(
        "admin/pick_list.html",
        form=form,
        items=items,
        list_name=list_name,
        lists=PICK_LISTS,
        toggle=Form(),
    ), status


@bp.route("/pick-items/<int:pk>", methods=["GET", "POST"])
@admin_only
def edit_pick_item(pk):
    item = _get(PickListItem, pk)
    return _edit(
        PickListItem,
        pk,
        forms.PickItemForm,
        ("label", "position"),
        "Pick-list item",
        url_for(".pick_list", list_name=item.list_name),
    )


@bp.route("/pick-items/<int:pk>/delete", methods=["POST"])
@admin_only
def delete_pick_item(pk):
    item = _get(PickListItem, pk)
    if Form().validate_on_submit():
        commit_or_refuse(lambda: ref.delete_pick_item(item, current_user), "Deleted.")
    return redirect(url_for(".pick_list", list_name=item.list_name))
