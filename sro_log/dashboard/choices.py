"""The dashboard form with its choices filled from the database."""

import sqlalchemy as sa

from ..catalog import KINDS
from ..extensions import db
from ..formbase import options
from ..models import District, Grant, ReportingPeriod, School, User
from ..reports.windows import Window
from .forms import PARTNER_REFUSED, DashboardForm, PartnerDashboardForm
from .periods import PRESETS


def _grant_periods() -> list[tuple[str, str, tuple]]:
    """(choice value, label, (first, last)) for every grant reporting period, newest first."""
    rows = db.session.execute(
        sa.select(
            ReportingPeriod.id,
            Grant.name,
            ReportingPeriod.label,
            ReportingPeriod.starts_on,
            ReportingPeriod.ends_on,
        )
        .join(Grant)
        .order_by(ReportingPeriod.starts_on.desc(), Grant.name)
    ).all()
    return [
        (f"period-{pid}", f"{grant}: {label}", (first, last))
        for pid, grant, label, first, last in rows
    ]


def dashboard_form(args, officer: bool = False) -> DashboardForm:
    """The form for a role: an officer's has no district or officer filter."""
    form = DashboardForm(args)
    periods = _grant_periods()
    form.period.choices = options([*PRESETS, *((value, label) for value, label, _ in periods)])
    form.grant_periods = {value: dates for value, _, dates in periods}
    form.kind.choices = options(((k, label) for k, (label, _) in KINDS.items()), blank="All kinds")
    schools = sa.select(School.id, School.name).order_by(School.name)
    form.school_id.choices = options(db.session.execute(schools).all(), blank="All schools")
    if officer:
        del form.district_id, form.officer_id  # an officer's dashboard is theirs alone
    else:
        districts = db.session.execute(
            sa.select(District.id, District.name).order_by(District.name)
        ).all()
        officers = db.session.execute(
            sa.select(User.id, User.full_name)
            .where(User.role == "officer")
            .order_by(User.full_name)
        ).all()
        form.district_id.choices = options(districts, blank="All districts")
        form.officer_id.choices = options(officers, blank="All officers")
    form.validate()
    return form


def partner_form(args, windows: list[Window]) -> PartnerDashboardForm:
    """A partner's form: the published windows, newest first (the default)."""
    form = PartnerDashboardForm(args)
    form.period.choices = options((w.value, w.label) for w in windows)
    if not args.get("period") and windows:
        form.period.data = windows[0].value
    form.asked = tuple(name for name in PARTNER_REFUSED if args.get(name))
    form.validate()
    return form
