from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField

from ..formbase import Form


class ImportForm(Form):
    file = FileField(
        "Spreadsheet (.csv or .xlsx)",
        [
            FileRequired(message="Choose a file."),
            FileAllowed(["csv", "xlsx"], message="Upload a .csv or .xlsx file."),
        ],
        description="The first line (or row) names the columns, as in the template.",
    )
    dry_run = BooleanField("Only check the file (write nothing)", default=True)
