"""The supervisor's "Days not logged": each officer's school days with no entry or too few
hours over a period, with a drill-down to the day's entries and a CSV."""

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask import Response, render_template, request

from .. import audit
from ..auth.access import roles_required
from ..catalog import STAFF
from ..clock import today_local
from ..csvsafe import to_csv
from ..extensions import db
from ..formbase import options
from ..models import User
from ..reports.missing_days import OfficerDays, days_not_logged
from .blueprint import bp
from .forms import SHORT_DAY_HOURS, MissingDaysForm

DEFAULT_DAYS = 14  # two weeks up to yesterday: today is not over
CSV_COLUMNS = ["officer", "date", "weekday", "minutes_logged", "finding"]


@dataclass
class Findings:
    """The page's question (its form, period and threshold) and the answer."""

    form: MissingDaysForm
    first: date
    last: date
    hours: int
    rows: list[OfficerDays]


def _findings() -> Findings:
    """The period asked (two weeks up to yesterday by default, never past today) and each
    officer's findings; a field with an error asks nothing (its default is used)."""
    form = MissingDaysForm(request.args)
    officers = sa.select(User.id, User.full_name).where(User.role == "officer")
    form.officer_id.choices = options(
        db.session.execute(officers.order_by(User.full_name)).all(), blank="Every officer"
    )
    form.validate()

    def valid(field, default):
        return field.data if field.data is not None and not field.errors else default

    yesterday = today_local() - timedelta(days=1)
    dates_ok = not form.date_to.errors  # 'To' before 'From' voids both
    last = min(valid(form.date_to, yesterday) if dates_ok else yesterday, today_local())
    first = valid(form.date_from, last - timedelta(days=DEFAULT_DAYS - 1)) if dates_ok else None
    first = min(first or last - timedelta(days=DEFAULT_DAYS - 1), last)
    hours = valid(form.min_hours, SHORT_DAY_HOURS)
    rows = days_not_logged(first, last, hours * 60, valid(form.officer_id, None))
    return Findings(form, first, last, hours, rows)


@bp.route("/days-not-logged")
@roles_required(*STAFF)
def days_not_logged_page():
    found = _findings()
    return render_template(
        "review/days_not_logged.html",
        found=found,
        form=found.form,
        missing=sum(len(r.not_logged) for r in found.rows),
        short=sum(len(r.short) for r in found.rows),
    )


@bp.route("/days-not-logged.csv")
@roles_required(*STAFF)
def days_not_logged_csv():
    found = _findings()
    lines = []
    for row in found.rows:
        days = [(d, 0, "no entry") for d in row.not_logged]
        days += [(d, m, f"under {found.hours} h") for d, m in row.short]
        for day, minutes, finding in sorted(days):
            lines.append([row.officer, day.isoformat(), f"{day:%A}", minutes, finding])
    text = to_csv(CSV_COLUMNS, lines)
    period = {"from": found.first.isoformat(), "to": found.last.isoformat()}
    changes = {"filters": {**period, "min_hours": found.hours}, "rows": len(lines)}
    audit.record("missing_days_export", None, changes)
    db.session.commit()
    name = f"sro-log-days-not-logged-{found.first}-{found.last}.csv"
    return Response(
        text, mimetype="text/csv", headers={"Content-Disposition": f"attachment; filename={name}"}
    )
