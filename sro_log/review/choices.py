"""The supervisor's entry filters, with their choices filled from the database."""

import sqlalchemy as sa

from ..activities.fields import options
from ..catalog import KINDS, STATUSES
from ..extensions import db
from ..models import District, PickListItem, ProgramGoal, School, User
from .forms import EntriesFilterForm

STATUS_SETS = (("approved", "Approved only"), ("submitted,approved", "Submitted and approved"))


def filter_form(args) -> EntriesFilterForm:
    """Build and validate the filters from a query string; invalid fields filter nothing."""
    form = EntriesFilterForm(args)
    form.kind.choices = options(((k, label) for k, (label, _) in KINDS.items()), blank="Any kind")
    form.status.choices = options(((s, s.title()) for s in STATUSES), blank="Any status")
    form.statuses.choices = options(STATUS_SETS, blank="Any status")
    rows = lambda stmt: db.session.execute(stmt).all()  # noqa: E731
    form.school_id.choices = options(
        rows(sa.select(School.id, School.name).order_by(School.name)), blank="Any school"
    )
    form.district_id.choices = options(
        rows(sa.select(District.id, District.name).order_by(District.name)), blank="Any district"
    )
    form.officer_id.choices = options(
        rows(
            sa.select(User.id, User.full_name)
            .where(User.role == "officer")
            .order_by(User.full_name)
        ),
        blank="Any officer",
    )
    form.goal_id.choices = options(
        rows(sa.select(ProgramGoal.id, ProgramGoal.title).order_by(ProgramGoal.position)),
        blank="Any goal",
    )
    form.incident_type_id.choices = options(
        rows(
            sa.select(PickListItem.id, PickListItem.label)
            .where(PickListItem.list_name == "incident_type")
            .order_by(PickListItem.position)
        ),
        blank="Any incident type",
    )
    form.validate()
    return form
