"""The admin's school calendars page: each district's school years and closures, added by hand
or imported from a CSV."""

import sqlalchemy as sa
from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user

from ..auth.access import roles_required
from ..extensions import db
from ..formbase import Form
from ..models import CalendarSpan, District
from ..refusals import commit_or_refuse
from . import calendars, forms
from .blueprint import bp

MAX_BYTES = 1_000_000  # a district's calendar for decades is a few kilobytes


@bp.route("/calendars", methods=["GET", "POST"])
@roles_required("admin")
def school_calendars():
    adding = request.form.get("add") if request.method == "POST" else None
    span_form = forms.with_choices(
        forms.CalendarSpanForm(prefix="span", formdata=request.form if adding == "span" else None)
    )
    # Posted, Flask-WTF reads the file from the request itself; otherwise an empty form.
    import_form = (
        forms.CalendarImportForm(prefix="import")
        if adding == "import"
        else forms.CalendarImportForm(prefix="import", formdata=None)
    )
    report, status = None, 200
    if adding == "span":
        status = 422
        if span_form.validate_on_submit() and commit_or_refuse(
            lambda: calendars.add_span(
                {name: span_form[name].data for name in calendars.SPAN_FIELDS}, current_user
            ),
            f"Added {span_form.label.data.strip()}.",
            span_form.form_errors,
        ):
            return redirect(url_for(".school_calendars"))
    elif adding == "import":
        status = 422
        if import_form.validate_on_submit():
            upload = import_form.file.data
            data = upload.read(MAX_BYTES + 1)
            upload.close()
            if len(data) > MAX_BYTES:
                import_form.file.errors = [f"The file is over {MAX_BYTES // 1000} KB."]
            else:
                report = calendars.import_calendar(data, current_user)
                if report.ok:
                    db.session.commit()
                    status = 200
                else:
                    db.session.rollback()
    districts = db.session.scalars(sa.select(District).order_by(District.name)).all()
    spans = db.session.scalars(
        sa.select(CalendarSpan).order_by(CalendarSpan.starts_on, CalendarSpan.kind.desc())
    ).all()
    return render_template(
        "admin/calendars.html",
        districts=districts,
        spans=spans,
        span_form=span_form,
        import_form=import_form,
        report=report,
        delete_form=Form(),
    ), status


@bp.route("/calendars/<int:span_id>/delete", methods=["POST"])
@roles_required("admin")
def delete_calendar_span(span_id):
    span = db.session.get(CalendarSpan, span_id) or abort(404)
    if Form().validate_on_submit():
        commit_or_refuse(lambda: calendars.delete_span(span, current_user), "Removed.")
    return redirect(url_for(".school_calendars"))
