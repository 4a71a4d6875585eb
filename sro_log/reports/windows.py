"""The windows a district partner may open, and their publications decided together.

A partner reads published windows only: the grants' reporting periods and the school years, each
once it has ended. A range of the reader's own choosing would undo any suppression: two ranges
a day apart differ by one day's work, and a one-day range at one school is one officer's day. A
window still open changes from one day to the next in the same way, so it opens when it ends.

Windows can still lie one inside another (a quarter inside its school year). What is left of the
larger one without the smaller is itself a set of entries, so a reader holding both knows its
counts by subtraction. Each window is decided with every published window inside it: its counts
are withheld until no withheld count of any of them, and no small count of what is left over (of
one window without another inside it, or without several that do not overlap), can be worked
out from all of them together (reader.Reader). The smaller windows are decided first and never
change, so a window's marks are the same whichever window a partner opens.

Two windows that overlap without one holding the other (a quarter and a COPS half-year share
January) would tie their counts in ways no decision of one of them can see: what a half-year
counts lies in three quarters, so the quarters bound it. So a partner's windows are a family in
which any two are disjoint or one holds the other: the shortest windows are kept first, and a
longer one that overlaps them without holding them is not offered (with a calendar-quarter grant
and a COPS grant, the quarters and school years are offered, not the COPS half-years). Within
such a family every tie between windows runs through a window holding them, which is decided
with them. Every count of a window is a total over the whole window; a partner's months give
their hours only (report_tables.PARTNER_MONTHS_NOTE), as a month's entries would be one count in
two windows.
"""

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from ..dates import school_year_dates, school_year_label, school_year_of
from ..extensions import db
from ..models import Activity, Grant, ReportingPeriod
from .complements import decide
from .disclosure import Publication, expand
from .filters import APPROVED, EntryFilter
from .grant_report import GrantReport, build_report
from .reader import Reader

NOT_YET_PUBLISHED = (
    "District partners see a reporting period or school year once it has ended: choose one "
    "of the published windows. A range of your own choosing, or one still open, is not offered, "
    "because two ranges that differ by a few days would tell the few days' work between them."
)


@dataclass(frozen=True)
class Window:
    value: str  # the choice's value: "period-<id>" or "school-year-<first year>"
    label: str
    first: date
    last: date

    def holds(self, other: "Window") -> bool:
        """`other` lies inside this window and is not the same dates."""
        inside = self.first <= other.first and other.last <= self.last
        return inside and (self.first, self.last) != (other.first, other.last)

    def overlaps(self, other: "Window") -> bool:
        return self.first <= other.last and other.first <= self.last


def partner_windows(today: date) -> list[Window]:
    """The grant reporting periods and school years that have ended, newest first, as a family
    in which any two windows are disjoint or one holds the other (shorter windows first: a
    period that overlaps a shorter one without holding it is left out); windows with the same
    dates are one window."""
    periods = db.session.execute(
        sa.select(
            ReportingPeriod.id,
            Grant.name,
            ReportingPeriod.label,
            ReportingPeriod.starts_on,
            ReportingPeriod.ends_on,
        )
        .join(Grant)
        .where(ReportingPeriod.ends_on < today)
        .order_by(ReportingPeriod.starts_on.desc(), Grant.name)
    ).all()
    found = [
        Window(f"period-{pid}", f"{grant}: {label}", first, last)
        for pid, grant, label, first, last in periods
    ]
    earliest = db.session.scalar(sa.select(sa.func.min(Activity.occurred_on)))
    if earliest is not None:
        for year in range(school_year_of(earliest), school_year_of(today)):
            first, last = school_year_dates(year)
            found.append(Window(f"school-year-{year}", school_year_label(year), first, last))
    unique: dict[tuple, Window] = {}
    for window in found:
        unique.setdefault((window.first, window.last), window)
    kept: list[Window] = []
    for window in sorted(unique.values(), key=lambda w: (w.last - w.first, w.first)):
        if all(not window.overlaps(k) or window.holds(k) or k.holds(window) for k in kept):
            kept.append(window)
    return sorted(kept, key=lambda w: (w.last, w.first), reverse=True)


def window_named(windows: list[Window], value: str | None) -> Window | None:
    return next((w for w in windows if w.value == value), None)


def window_of(windows: list[Window], first: date, last: date) -> Window | None:
    return next((w for w in windows if (w.first, w.last) == (first, last)), None)


def _disjoint_groups(windows: list[Window]) -> list[list[Window]]:
    """Sets of windows that do not overlap, one grown greedily from each window."""
    ordered = sorted(windows, key=lambda w: (w.first, w.first - w.last))
    groups: dict[frozenset, list[Window]] = {}
    for seed in ordered:
        group = [seed]
        for window in ordered:
            if all(not window.overlaps(g) for g in group):
                group.append(window)
        if len(group) > 1:
            groups.setdefault(frozenset(group), sorted(group, key=lambda w: w.first))
    return list(groups.values())


def _covers(window: Window, group: list[Window]) -> bool:
    day = window.first
    for part in group:
        if part.first != day:
            return False
        day = part.last + timedelta(days=1)
    return day == window.last + timedelta(days=1)


@dataclass
class _Decided:
    report: GrantReport
    publication: Publication
    marks: dict
    key: tuple  # everything the marks were decided from


# Deciding a school year with the windows inside it takes seconds; its marks are a function of
# the counts alone, so they are kept for the next request that finds the same counts (a key of
# every count and window it was decided from: any change to one is a new key, nothing goes
# stale). Each process keeps its own; none is shared or needed.
_KEPT: OrderedDict[tuple, dict] = OrderedDict()
KEEP = 128


def _counts(pub: Publication) -> tuple:
    return tuple((k, q.value, q.private, q.shown) for k, q in pub.quantities.items())


class PartnerWindows:
    """A district's publications of the windows a partner may open, decided together."""

    def __init__(self, district_id: int, threshold: int, windows: list[Window]):
        self.district_id = district_id
        self.threshold = threshold
        self.windows = windows
        self._decided: dict[Window, _Decided] = {}

    def filter(self, window: Window) -> EntryFilter:
        return EntryFilter(
            date_from=window.first,
            date_to=window.last,
            statuses=APPROVED,
            district_id=self.district_id,
        )

    def report(self, window: Window, cover: dict | None = None) -> GrantReport:
        """The window's report with its marks."""
        decided = self._decide(window)
        report = decided.report
        report.cover = cover or {}
        return report.apply(expand(decided.publication, decided.marks), self.threshold)

    def _decide(self, window: Window) -> _Decided:
        if window in self._decided:
            return self._decided[window]
        inner = [w for w in self.windows if window.holds(w)]
        for w in inner:
            self._decide(w)
        report = build_report(self.filter(window), {}, partner=True)
        pub = report.publication()
        key = (
            self.threshold,
            window.first,
            window.last,
            _counts(pub),
            tuple(self._decided[w].key for w in inner),
        )
        if key in _KEPT:
            _KEPT.move_to_end(key)
            decided = self._decided[window] = _Decided(report, pub, _KEPT[key], key)
            return decided
        reader = Reader(self.threshold)
        reader.publish(window.value, pub)
        for w in inner:
            reader.publish(w.value, self._decided[w].publication, self._decided[w].marks)
        for outer in (window, *inner):
            for w in inner:
                if outer.holds(w):
                    reader.contains(outer.value, [w.value])
        for group in _disjoint_groups(inner):
            reader.contains(window.value, [w.value for w in group], exact=_covers(window, group))
        decided = self._decided[window] = _Decided(report, pub, decide(reader), key)
        _KEPT[key] = decided.marks
        while len(_KEPT) > KEEP:
            _KEPT.popitem(last=False)
        return decided
