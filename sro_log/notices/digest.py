"""The weekly digest to supervisors and admins: last week's program in numbers (Monday to
Sunday, approved entries, as the dashboard shows that week by default), the review queue as it
stands, and the officers with school days not logged that week.

The week's numbers are the summary of that week's grant report (reports/grant_report.py): the
same path as the dashboard and the exports, and disclosed as an export is, so a small count of
persons reads "<10" and what would give it away is withheld too. A digest is mailed, and mail
is forwarded: it is published as a file is, never with the dashboard's exact counts."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app

from ..clock import agency_zone
from ..dates import week_start
from ..reports.disclosure import PRIMARY, SECONDARY, STATISTIC, shown_as
from ..reports.filters import APPROVED, EntryFilter
from ..reports.grant_report import build_report, disclose
from ..reports.missing_days import days_not_logged
from ..review.queue import waiting_since
from .due import Due, link, receivers, supervisors_morning, to_write_to


@dataclass(frozen=True)
class Tile:
    key: str  # the measure, as the dashboard's tile names it (data-tile)
    label: str
    text: str  # as printed: the number, or its disclosure mark ("<10", "*", "n<10")
    withheld: bool


def marks_legend(threshold: int) -> str:
    """What each disclosure mark in a digest means, in the words of the marks it prints."""
    small, other, few = (shown_as(mark, threshold) for mark in (PRIMARY, SECONDARY, STATISTIC))
    return (
        f"As in the grant report's exports, a count of students or persons from 1 to "
        f"{threshold - 1} reads {small}, a count withheld so that another cannot be worked out "
        f"reads {other}, and a median over fewer than {threshold} incidents reads {few}."
    )


def week_before(today: date) -> tuple[date, date]:
    """Monday and Sunday of the week before the one `today` is in."""
    monday = week_start(today) - timedelta(days=7)
    return monday, monday + timedelta(days=6)


def week_tiles(first: date, last: date, threshold: int) -> list[Tile]:
    """The headline numbers of the week's approved entries, small counts withheld."""
    f = EntryFilter(date_from=first, date_to=last, statuses=APPROVED)
    summary = disclose(build_report(f, cover={}), threshold).tables["summary"]
    ((_, cells),) = summary.rows(threshold)
    return [
        Tile(m.key, m.label, cell.text, cell.mark is not None)
        for m, cell in zip(summary.measures, cells, strict=True)
    ]


def _digest_context(first: date, last: date) -> dict:
    waiting, oldest = waiting_since()
    unlogged = [
        (r.officer, len(r.not_logged)) for r in days_not_logged(first, last) if r.not_logged
    ]
    week = {"date_from": first.isoformat(), "date_to": last.isoformat()}
    threshold = current_app.config["SRO_LOG_SUPPRESSION_THRESHOLD"]
    tiles = week_tiles(first, last, threshold)
    return {
        "first": first,
        "last": last,
        "tiles": tiles,
        "legend": marks_legend(threshold) if any(t.withheld for t in tiles) else "",
        "waiting": waiting,
        "oldest": oldest.astimezone(agency_zone()).date() if oldest else None,
        "unlogged": unlogged,
        "dashboard": link("dashboard.index", period="custom", **week),
        "queue": link("review.queue", sort="oldest"),
        "days_not_logged": link("review.days_not_logged_page", **week),
    }


def weekly_digest(now: datetime) -> Iterable[Due]:
    """Once a week to each supervisor and admin: on Monday, from the supervisors' hour in the
    agency's time zone (a run that could not send at the hour sends later that day)."""
    local = supervisors_morning(now)
    if local is None or local.date() != week_start(local.date()):  # Monday
        return
    first, last = week_before(local.date())
    about = f"week:{first.isoformat()}"
    people = to_write_to("weekly_digest", receivers("weekly_digest", about))
    if not people:  # the report is built only when someone is still to be sent it
        return
    context = _digest_context(first, last)
    subject = f"Week of {first:%-d %B %Y}: the program in numbers"
    for user, address, _, _ in people:
        yield Due(
            "weekly_digest", user, address, about, subject, {**context, "name": user.full_name}
        )
