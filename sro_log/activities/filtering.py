"""Entry-list filters with their choices filled from the database (officer and supervisor)."""

import sqlalchemy as sa

from ..catalog import KINDS, STATUSES
from ..extensions import db
from ..formbase import options
from ..models import District, PickListItem, ProgramGoal, School, User
from ..reports.filters import NO_SCHOOL
from .forms import EntriesFilterForm, ListFilterForm

STATUS_SETS = (("approved", "Approved only"), ("submitted,approved", "Submitted and approved"))


def _rows(stmt: sa.Select) -> list:
    return list(db.session.execute(stmt).all())


def filter_form(args, form_class: type[ListFilterForm] = EntriesFilterForm) -> ListFilterForm:
    """Build and validate the filters from a query string; invalid fields filter nothing."""
    form = form_class(args)
    form.kind.choices = options(((k, label) for k, (label, _) in KINDS.items()), blank="Any kind")
    form.status.choices = options(((s, s.title()) for s in STATUSES), blank="Any status")
    form.statuses.choices = options(STATUS_SETS, blank="Any status")
    schools = _rows(sa.select(School.id, School.name).order_by(School.name))
    form.school_id.choices = options(
        [*schools, (NO_SCHOOL, "No school (off campus)")], blank="Any school"
    )
    form.goal_id.choices = options(
        _rows(sa.select(ProgramGoal.id, ProgramGoal.title).order_by(ProgramGoal.position)),
        blank="Any goal",
    )
    incident_types = sa.select(PickListItem.id, PickListItem.label).where(
        PickListItem.list_name == "incident_type"
    )
    form.incident_type_id.choices = options(
        _rows(incident_types.order_by(PickListItem.position)), blank="Any incident type"
    )
    if isinstance(form, EntriesFilterForm):
        form.district_id.choices = options(
            _rows(sa.select(District.id, District.name).order_by(District.name)),
            blank="Any district",
        )
        officers = sa.select(User.id, User.full_name).where(User.role == "officer")
        form.officer_id.choices = options(
            _rows(officers.order_by(User.full_name)), blank="Any officer"
        )
    form.validate()
    return form
