"""The dashboard's numbers as JSON, for the caller's scope: an officer's own work, a district
partner's district (approved entries only, small counts of people withheld)."""

from flask import abort, current_app

from ..clock import today_local
from ..dashboard.forms import MAX_DAYS
from ..dashboard.periods import DEFAULT_PRESET, preset_range
from ..models import User
from ..reports.dashboard import build_dashboard
from ..reports.filters import APPROVED, REVIEWED_OR_PENDING, EntryFilter
from .problems import problem
from .schemas import Summary, SummaryQuery

TABLES = ("goals", "kinds", "schools", "officers", "months", "incident_types")
# Tiles that count people or incidents: withheld from partners when small (DESIGN §5).
PEOPLE_TILES = ("mentoring_contacts", "students_mentored", "incidents", "arrests")
PARTNER_TABLES = ("goals", "months")  # hours and entries only, as on the partner's page


def _period(query: SummaryQuery):
    first, last = query.date_from, query.date_to
    if first is None and last is None:
        return preset_range(DEFAULT_PRESET, today_local())
    errors = {}
    if first is None or last is None:
        errors["date_from" if first is None else "date_to"] = ["Give both dates, or neither."]
    elif last < first:
        errors["date_to"] = ["'date_to' must not be before 'date_from'."]
    elif (last - first).days > MAX_DAYS:
        errors["date_to"] = ["Choose a range of ten years or less."]
    if errors:
        abort(problem(422, "Unprocessable Content", "Some fields are not valid.", errors))
    return first, last


def summary_of(user: User, query: SummaryQuery) -> Summary:
    first, last = _period(query)
    values = query.model_dump(include={"district_id", "school_id", "officer_id", "kind"})
    statuses = REVIEWED_OR_PENDING if query.status == "all" else APPROVED
    partner = user.role == "partner"
    if partner:
        if user.district_id is None:
            abort(403)
        values.update(district_id=user.district_id, officer_id=None, kind=None)
        statuses = APPROVED
    elif user.role == "officer":
        values.update(officer_id=user.id, district_id=None)
    d = build_dashboard(EntryFilter(date_from=first, date_to=last, statuses=statuses, **values))
    tiles, withheld = dict(d.tiles), []
    if partner:
        threshold = current_app.config["SRO_LOG_SUPPRESSION_THRESHOLD"]
        for name in PEOPLE_TILES:
            if 0 < (tiles[name] or 0) < threshold:
                tiles[name], withheld = None, [*withheld, name]
    tables = {
        name: d.records(name) if not partner or name in PARTNER_TABLES else [] for name in TABLES
    }
    if partner:  # hours and entries only
        keep = {"goal_id", "code", "goal", "month", "label", "date_from", "date_to", "entries",
                "minutes", "hours"}  # fmt: skip
        tables = {
            n: [{k: v for k, v in r.items() if k in keep} for r in t] for n, t in tables.items()
        }
    return Summary(date_from=first, date_to=last, statuses=list(statuses), tiles=tiles,
                   withheld=withheld, **tables)  # fmt: skip
