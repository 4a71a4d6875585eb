"""A period's report for a scope (all schools, one district or chosen schools): the filter, the
cover, the tables and charts. The page, the exports and `flask export-report` all start here."""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import current_app

from ..clock import agency_zone, today_local
from ..extensions import db
from ..models import District, ReportingPeriod, School, User
from ..reports.dashboard import REPORT_CHARTS
from ..reports.filters import APPROVED, REVIEWED_OR_PENDING, EntryFilter
from ..reports.grant_report import GrantReport, build_report, disclose
from ..reports.windows import PartnerWindows, partner_windows, window_of


@dataclass(frozen=True)
class ReportScope:
    district_id: int | None = None
    school_ids: tuple[int, ...] = ()
    include_submitted: bool = False

    @property
    def partners(self) -> bool:
        """The scope a district partner reads: one whole district, approved entries."""
        return self.district_id is not None and not self.school_ids and not self.include_submitted

    def params(self) -> dict:
        return {
            "district_id": self.district_id,
            "school_ids": list(self.school_ids),
            "include_submitted": self.include_submitted,
        }


def report_filter(period: ReportingPeriod, scope: ReportScope) -> EntryFilter:
    return EntryFilter(
        date_from=period.starts_on,
        date_to=period.ends_on,
        statuses=REVIEWED_OR_PENDING if scope.include_submitted else APPROVED,
        district_id=scope.district_id,
        school_ids=tuple(sorted(scope.school_ids)),
    )


def scope_text(scope: ReportScope) -> str:
    parts = []
    if scope.district_id is not None:
        parts.append(f"District: {db.session.get_one(District, scope.district_id).name}")
    if scope.school_ids:
        names = db.session.scalars(
            sa.select(School.name).where(School.id.in_(scope.school_ids)).order_by(School.name)
        )
        parts.append("Schools: " + ", ".join(names))
    return "; ".join(parts) or "All schools, and work off campus"


def cover(
    period: ReportingPeriod, scope: ReportScope, user: User | None, generated_at: datetime
) -> dict:
    grant = period.grant
    return {
        "agency": current_app.config["SRO_LOG_AGENCY_NAME"],
        "grant": grant.name,
        "funder": grant.funder,
        "award_number": grant.award_number,
        "period": period.label,
        "dates": f"{period.starts_on:%-d %B %Y} to {period.ends_on:%-d %B %Y}",
        "due": f"{period.due_on:%-d %B %Y}" if period.due_on else "",
        "scope": scope_text(scope),
        "statuses": "Approved and submitted entries: PROVISIONAL, not yet all reviewed"
        if scope.include_submitted
        else "Approved entries only",
        "generated_at": generated_at.astimezone(agency_zone()).strftime("%-d %B %Y, %H:%M %Z"),
        "generated_by": user.full_name if user is not None else "the command line",
        "threshold": current_app.config["SRO_LOG_SUPPRESSION_THRESHOLD"],
    }


def period_report(
    period: ReportingPeriod,
    scope: ReportScope,
    user: User | None,
    generated_at: datetime,
    with_charts: bool = False,
    with_narrative: bool = True,
) -> GrantReport:
    """The report with its disclosure marks; district partners get it without the supervisor's
    narrative. A district's report of a window its partner may open is decided with the other
    windows the partner may open (reports/windows.py), so the supervisor's file and the
    partner's page withhold the same counts."""
    threshold = current_app.config["SRO_LOG_SUPPRESSION_THRESHOLD"]
    narrative = period.narrative if with_narrative else ""
    about = cover(period, scope, user, generated_at)
    windows = partner_windows(today_local()) if scope.partners else []
    window = window_of(windows, period.starts_on, period.ends_on)
    if window is not None and scope.district_id is not None:  # a partner's scope: a district
        report = PartnerWindows(scope.district_id, threshold, windows).report(window, about)
        report.narrative = narrative
    else:
        report = disclose(build_report(report_filter(period, scope), about, narrative), threshold)
    if with_charts:
        report.charts = {name: draw(report.dashboard) for name, draw in REPORT_CHARTS.items()}
    return report
