"""The dashboard's numbers as JSON, for the caller's scope: an officer's own work; a district
partner's district over a published window, the same publication as their dashboard and
reports (reports/windows.py), with what it withholds set to null and named in `withheld`."""

from typing import NoReturn

from flask import abort, current_app

from ..clock import today_local
from ..dashboard.periods import DEFAULT_PRESET, preset_range
from ..dates import MAX_RANGE_DAYS
from ..models import User
from ..reports.dashboard import build_dashboard
from ..reports.filters import APPROVED, REVIEWED_OR_PENDING, EntryFilter
from ..reports.windows import NOT_YET_PUBLISHED, PartnerWindows, partner_windows, window_of
from .problems import problem
from .schemas import Summary, SummaryQuery

TABLES = ("goals", "kinds", "schools", "officers", "months", "incident_types")
PARTNER_TABLES = {"goals": "goal", "months": "label"}  # table -> its row's name: entries, hours
PARTNER_COLUMNS = {
    "goal_id",
    "code",
    "goal",
    "month",
    "label",
    "date_from",
    "date_to",
    "entries",
    "minutes",
    "hours",
}
# Tiles whose cell is in another of the report's tables than the summary.
TILE_CELLS = {"p90_response": ("incident_outcomes", (), "p90")}


def _refuse(errors: dict) -> NoReturn:
    abort(problem(422, "Unprocessable Content", "Some fields are not valid.", errors))


def _period(query: SummaryQuery):
    first, last = query.date_from, query.date_to
    if first is None and last is None:
        return preset_range(DEFAULT_PRESET, today_local())
    errors = {}
    if first is None or last is None:
        errors["date_from" if first is None else "date_to"] = ["Give both dates, or neither."]
    elif last < first:
        errors["date_to"] = ["'date_to' must not be before 'date_from'."]
    elif (last - first).days > MAX_RANGE_DAYS:
        errors["date_to"] = ["Choose a range of ten years or less."]
    if errors:
        _refuse(errors)
    return first, last


def summary_of(user: User, query: SummaryQuery) -> Summary:
    if user.role == "partner":
        return _partner_summary(user, query)
    first, last = _period(query)
    values = query.model_dump(include={"district_id", "school_id", "officer_id", "kind"})
    statuses = REVIEWED_OR_PENDING if query.status == "all" else APPROVED
    if user.role == "officer":
        values.update(officer_id=user.id, district_id=None)
    d = build_dashboard(EntryFilter(date_from=first, date_to=last, statuses=statuses, **values))
    tables = {name: d.records(name) for name in TABLES}
    return Summary.model_validate(
        {
            "date_from": first,
            "date_to": last,
            "statuses": list(statuses),
            "tiles": d.tiles,
            **tables,
        }
    )


def _partner_summary(user: User, query: SummaryQuery) -> Summary:
    """A published window of the partner's district (the newest when no dates are given)."""
    if user.district_id is None:
        abort(403)
    windows = partner_windows(today_local())
    if query.school_id is not None or query.kind is not None:
        field = "school_id" if query.school_id is not None else "kind"
        _refuse(
            {
                field: [
                    "District partners read their whole district over a published window; "
                    "the schools table gives each school's numbers."
                ]
            }
        )
    if query.date_from is None and query.date_to is None:
        window = windows[0] if windows else None
    else:
        first, last = _period(query)
        window = window_of(windows, first, last)
    if window is None:
        _refuse({"date_from": [NOT_YET_PUBLISHED], "date_to": [NOT_YET_PUBLISHED]})
    threshold = current_app.config["SRO_LOG_SUPPRESSION_THRESHOLD"]
    report = PartnerWindows(user.district_id, threshold, windows).report(window)
    marks, d = report.tables["summary"].marks, report.dashboard
    tiles, withheld = dict(d.tiles), list[str]()
    for name in tiles:
        if marks.get(TILE_CELLS.get(name, ("summary", (), name))):
            tiles[name], withheld = None, [*withheld, name]
    tables: dict[str, list] = {name: [] for name in TABLES}
    for table, named in PARTNER_TABLES.items():
        rows = []
        for record in d.records(table):
            row = {k: v for k, v in record.items() if k in PARTNER_COLUMNS}
            if marks.get((table, (str(record[named]),), "entries")):
                row["entries"], withheld = None, [*withheld, f"{table}.{record[named]}.entries"]
            rows.append(row)
        tables[table] = rows
    return Summary.model_validate(
        {
            "date_from": window.first,
            "date_to": window.last,
            "statuses": list(APPROVED),
            "tiles": tiles,
            "withheld": withheld,
            **tables,
        }
    )
