"""The supervisor's import page: upload a spreadsheet, read the report, import all or nothing."""

from flask import Blueprint, Response, current_app, render_template
from flask_login import current_user

from ..auth.access import roles_required
from ..catalog import STAFF
from ..extensions import db
from .columns import COLUMNS, EXPORT_ONLY, REQUIRED
from .commands import source_of
from .forms import ImportForm
from .reader import ImportFileError, limits_of, read_table
from .services import import_activities
from .template import template_csv

bp = Blueprint("imports", __name__, url_prefix="/imports")
SHOWN_PROBLEMS = 500


@bp.route("/", methods=["GET", "POST"])
@roles_required(*STAFF)
def upload():
    form, report, file_error = ImportForm(), None, None
    if form.validate_on_submit():
        upload = form.file.data
        data = upload.read()
        upload.close()  # a large upload was spooled to a temporary file
        try:
            table = read_table(upload.filename or "", data, limits_of(current_app.config))
            report = import_activities(
                table, current_user, source_of(upload.filename, data), dry_run=form.dry_run.data
            )
        except ImportFileError as error:
            file_error = error.message
        if report is not None and report.ok and not report.dry_run:
            db.session.commit()
        else:
            db.session.rollback()
    failed = bool(form.errors or file_error or (report and not report.ok))
    return render_template(
        "imports/upload.html",
        form=form,
        report=report,
        file_error=file_error,
        columns=COLUMNS,
        export_only=EXPORT_ONLY,
        required=REQUIRED,
        shown=SHOWN_PROBLEMS,
    ), 422 if failed else 200


@bp.route("/template.csv")
@roles_required(*STAFF)
def template():
    return Response(
        template_csv(),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=sro-log-import-template.csv"},
    )
