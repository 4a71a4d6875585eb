"""Grant services: they change rows, flush and audit; the view (or command) commits once."""

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm.exc import StaleDataError

from .. import audit, clock
from ..extensions import db
from ..models import Grant, ReportingPeriod, User
from ..refusals import ServiceError
from .cadence import generate_periods

GRANT_FIELDS = ("name", "funder", "award_number", "starts_on", "ends_on", "cadence", "due_days")


class GrantError(ServiceError):
    """A change to a grant refused for a reason the user can act on."""


def award_number_taken(award_number: str, grant_id: int | None = None) -> bool:
    stmt = sa.select(Grant.id).where(sa.func.lower(Grant.award_number) == award_number.lower())
    return any(found != grant_id for found in db.session.scalars(stmt))


def create_grant(values: dict, actor: User | None) -> Grant:
    """A grant and, unless its periods are entered by hand, every period of its cadence."""
    if award_number_taken(values["award_number"]):
        raise GrantError("Another grant already has this award number.")
    grant = Grant(**{k: values[k] for k in GRANT_FIELDS})
    if grant.cadence != "manual":
        for spec in generate_periods(grant.cadence, grant.starts_on, grant.ends_on, grant.due_days):
            grant.periods.append(
                ReportingPeriod(
                    label=spec.label,
                    starts_on=spec.starts_on,
                    ends_on=spec.ends_on,
                    due_on=spec.due_on,
                )
            )
    db.session.add(grant)
    db.session.flush()
    audit.record(
        "grant_create",
        grant,
        {k: values[k] for k in GRANT_FIELDS} | {"periods": len(grant.periods)},
        actor=actor,
    )
    return grant


def add_period(
    grant: Grant,
    label: str,
    starts_on: date,
    ends_on: date,
    due_on: date | None,
    actor: User | None,
) -> ReportingPeriod:
    if any(p.starts_on == starts_on and p.ends_on == ends_on for p in grant.periods):
        raise GrantError("This grant already has a period with these dates.")
    period = ReportingPeriod(label=label, starts_on=starts_on, ends_on=ends_on, due_on=due_on)
    grant.periods.append(period)
    db.session.flush()
    audit.record(
        "period_create",
        period,
        {
            "grant_id": grant.id,
            "label": label,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "due_on": due_on,
        },
        actor=actor,
    )
    return period


def delete_period(period: ReportingPeriod, actor: User | None) -> None:
    """Remove a period; one with a narrative is kept, so written work is never lost by a click."""
    if period.narrative.strip():
        raise GrantError("This period has a narrative; clear it before removing the period.")
    audit.record(
        "period_delete",
        period,
        {
            "grant_id": period.grant_id,
            "label": period.label,
            "starts_on": period.starts_on,
            "ends_on": period.ends_on,
        },
        actor=actor,
    )
    db.session.delete(period)
    db.session.flush()


class StalePeriodError(GrantError):
    message = (
        "Someone else saved this narrative while you were editing. Your text is below; "
        "copy what you need, reload, and save again."
    )


def save_narrative(
    period: ReportingPeriod, text: str, expected_version: int | None, actor: User
) -> None:
    if expected_version is not None and expected_version != period.version:
        raise StalePeriodError()
    text = text.replace("\r\n", "\n").strip()
    changes = audit.diff({"narrative": period.narrative}, {"narrative": text})
    if not changes:
        return
    period.narrative = text
    period.narrative_updated_at = clock.now_utc()
    period.narrative_updated_by = actor
    try:
        db.session.flush()
    except StaleDataError as error:  # saved by someone else between our read and this write
        raise StalePeriodError() from error
    audit.record("period_narrative", period, changes, actor=actor)
