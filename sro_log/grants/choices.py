"""The report options form with its districts and schools filled from the database."""

import sqlalchemy as sa

from ..extensions import db
from ..formbase import options
from ..models import District, School
from .forms import ReportOptionsForm
from .reporting import ReportScope


class FilledReportOptions(ReportOptionsForm):
    def scope(self) -> ReportScope:
        """The valid choices as a scope; an invalid one is left out (and shown as an error)."""
        district = self.district_id.data if not self.district_id.errors else None
        schools = tuple(self.school_ids.data or ()) if not self.school_ids.errors else ()
        return ReportScope(district, schools, self.status.data == "all")


def report_options(args) -> FilledReportOptions:
    form = FilledReportOptions(args)
    districts = db.session.execute(
        sa.select(District.id, District.name).order_by(District.name)
    ).all()
    schools = db.session.execute(sa.select(School.id, School.name).order_by(School.name)).all()
    form.district_id.choices = options(districts, blank="All districts")
    form.school_ids.choices = options(schools)
    form.validate()
    return form
