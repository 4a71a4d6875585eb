"""The dashboard form with its choices filled from the database."""

import sqlalchemy as sa

from ..activities.fields import options
from ..catalog import KINDS
from ..extensions import db
from ..models import District, School, User
from .forms import DashboardForm


def dashboard_form(args, officer: bool) -> DashboardForm:
    form = DashboardForm(args)
    form.kind.choices = options(((k, label) for k, (label, _) in KINDS.items()), blank="All kinds")
    schools = db.session.execute(sa.select(School.id, School.name).order_by(School.name)).all()
    form.school_id.choices = options(schools, blank="All schools")
    if officer:
        del form.district_id, form.officer_id  # an officer's dashboard is theirs alone
    else:
        districts = db.session.execute(sa.select(District.id, District.name)
                                       .order_by(District.name)).all()  # fmt: skip
        officers = db.session.execute(sa.select(User.id, User.full_name)
                                      .where(User.role == "officer")
                                      .order_by(User.full_name)).all()  # fmt: skip
        form.district_id.choices = options(districts, blank="All districts")
        form.officer_id.choices = options(officers, blank="All officers")
    form.validate()
    return form
