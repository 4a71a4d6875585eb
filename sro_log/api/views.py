"""The JSON API under /api/v1: the pages' rules and services, described by /api/v1/openapi.json."""

import math

import sqlalchemy as sa
from flask import Blueprint, Response, g, jsonify, render_template
from pydantic import BaseModel

from ..activities import services
from ..activities.queries import get_activity_for
from ..activities.records import Lookups
from ..catalog import AGENCY, ROLES
from ..extensions import db
from ..models import Activity, District, PickListItem, ProgramGoal, School
from ..reports.filters import EntryFilter, select_entries
from . import schemas
from .access import api_roles, caller, register_authentication
from .entries import change_entry, create_entry, entry_json, usernames_of
from .openapi_page import reference_of
from .problems import problem
from .spec import responses, spec
from .summary import summary_of

bp = Blueprint("api", __name__, url_prefix="/api/v1")
register_authentication(bp)
ENTRY = "/activities/<int:activity_id>"


def _entry(activity) -> BaseModel:
    body = entry_json(activity, Lookups.load(), usernames_of([activity.officer_id]))
    return schemas.Entry.model_validate(body)


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3.1 document of this API."""
    return jsonify(spec.spec)


@bp.get("/docs")
def docs():
    """A readable reference of the API, drawn from the OpenAPI document on the server."""
    return render_template("api/reference.html", doc=spec.spec, ref=reference_of(spec.spec))


@bp.get("/me")
@api_roles(*ROLES)
@spec.validate(resp=responses(200, schemas.Me), tags=["account"])
def me():
    """Who you are, and the token you used."""
    user, token = caller(), g.get("api_token")
    return schemas.Me(
        id=user.id,
        username=user.username,
        full_name=user.full_name,
        role=user.role,
        district_id=user.district_id,
        token=token.name if token else None,
        token_expires_at=token.expires_at if token else None,
    )


@bp.get("/activities")
@api_roles(*AGENCY)
@spec.validate(
    query=schemas.EntryQuery, resp=responses(200, schemas.EntryPage, 403, 422), tags=["activities"]
)
def list_activities(query: schemas.EntryQuery):
    """Entries with the pages' filters, newest first; an officer sees only their own."""
    values = query.model_dump(exclude={"page", "per_page", "status"})
    if caller().role == "officer":
        values.update(officer_id=caller().id, district_id=None)
    f = EntryFilter(statuses=(query.status,) if query.status else (), **values)
    page = db.paginate(
        select_entries(f), page=query.page, per_page=query.per_page, error_out=False, count=True
    )
    lookups, names = Lookups.load(), usernames_of(e.officer_id for e in page.items)
    return schemas.EntryPage(
        items=[schemas.Entry.model_validate(entry_json(e, lookups, names)) for e in page.items],
        page=query.page,
        per_page=query.per_page,
        total=page.total or 0,
        pages=math.ceil((page.total or 0) / query.per_page),
    )


@bp.post("/activities")
@api_roles("officer")
@spec.validate(
    json=schemas.NewEntry,
    resp=responses(201, schemas.Entry, 400, 403, 409, 415, 422),
    tags=["activities"],
)
def create_activity(json: schemas.NewEntry):
    """Log an entry as the calling officer, submitted for review unless `submit` is false."""
    entry_id = create_entry(caller(), json.model_dump())
    db.session.commit()
    return _entry(db.session.get_one(Activity, entry_id)), 201  # the root: the entry of its kind


@bp.get(ENTRY)
@api_roles(*AGENCY)
@spec.validate(resp=responses(200, schemas.Entry, 403, 404), tags=["activities"])
def get_activity(activity_id: int):
    """One entry: an officer's own, or any for a supervisor or admin."""
    return _entry(get_activity_for(caller(), activity_id))


@bp.patch(ENTRY)
@api_roles("officer", "supervisor")
@spec.validate(
    json=schemas.EntryChanges,
    resp=responses(200, schemas.Entry, 400, 403, 404, 409, 415, 422),
    tags=["activities"],
)
def update_activity(activity_id: int, json: schemas.EntryChanges):  # type: ignore[valid-type]
    """Change an entry seen at `version`: the officer's own while not approved, or any as a
    supervisor's correction. A stale version or an approved entry is refused with 409."""
    activity = get_activity_for(caller(), activity_id, edit=True)
    changes: BaseModel = json  # EntryChanges, made from the forms
    change_entry(activity, caller(), changes.model_dump(exclude_unset=True))  # with its version
    db.session.commit()
    return _entry(activity)


@bp.delete(ENTRY)
@api_roles("officer")
@spec.validate(resp=responses(204, None, 403, 404, 409), tags=["activities"])
def delete_activity(activity_id: int):
    """Delete one of your entries that is not approved."""
    activity = get_activity_for(caller(), activity_id, edit=True)
    try:
        services.delete_activity(activity, caller())
    except services.EntryError as refusal:
        return problem(409, "Conflict", refusal.message)
    db.session.commit()
    return Response(status=204)


@bp.get("/goals")
@api_roles(*ROLES)
@spec.validate(resp=responses(200, list[schemas.Goal]), tags=["reference"])
def goals():
    """The program's goals, in the program's order."""
    rows = db.session.scalars(sa.select(ProgramGoal).order_by(ProgramGoal.position))
    return [schemas.Goal.model_validate(g, from_attributes=True) for g in rows]


@bp.get("/schools")
@api_roles(*ROLES)
@spec.validate(resp=responses(200, list[schemas.SchoolOut]), tags=["reference"])
def schools():
    """Every school with its district; retired ones are marked inactive."""
    rows = db.session.execute(
        sa.select(School, District.name).join(District).order_by(District.name, School.name)
    )
    return [
        schemas.SchoolOut(
            id=s.id,
            name=s.name,
            level=s.level,
            district_id=s.district_id,
            district=district,
            active=s.active,
        )
        for s, district in rows
    ]


@bp.get("/pick-lists")
@api_roles(*ROLES)
@spec.validate(resp=responses(200, list[schemas.PickItem]), tags=["reference"])
def pick_lists():
    """Every pick-list item (topics, incident types, concerns, …); entries name them by code."""
    rows = db.session.scalars(
        sa.select(PickListItem).order_by(PickListItem.list_name, PickListItem.position)
    )
    return [
        schemas.PickItem(id=i.id, list=i.list_name, code=i.code, label=i.label, active=i.active)
        for i in rows
    ]


@bp.get("/summary")
@api_roles(*ROLES)
@spec.validate(
    query=schemas.SummaryQuery, resp=responses(200, schemas.Summary, 403, 422), tags=["reporting"]
)
def summary(query: schemas.SummaryQuery):
    """The dashboard's numbers for a period, from the dashboard's own reporting path."""
    return summary_of(caller(), query)
