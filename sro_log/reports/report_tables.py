"""The tables of a grant report, declared with their measures: the summary, the goals, the
schools and months, and the officers' time (kind_tables.py holds each kind's own breakdowns).
Which measures are private is said once, on the measure (tables.Measure.private)."""

import pandas as pd

from ..catalog import SCHOOL_TIME_RULE_TEXT, STUDENT_LEVEL_KINDS
from . import detail, query, sections
from .dashboard import KIND_LABELS, Dashboard
from .filters import EntryFilter
from .tables import Measure, Table

# A district partner's windows overlap without one holding the other (a quarter and a COPS
# half-year share January): a month's entries would be one count in both, tying windows that
# are decided apart (windows.py), so a partner's months give their hours only.
PARTNER_MONTHS_NOTE = (
    "Entries by month are left out of a district's reports: a month lies in "
    "several reporting periods, and its count would tie them together."
)


def one_row(values: dict) -> pd.DataFrame:
    return pd.DataFrame([values])


def private(key: str, label: str) -> Measure:
    """A count of students or persons from student-level entries (tables.Measure.private)."""
    return Measure(key, label, private=True)


ENTRIES = Measure("entries", "Entries")
HOURS = Measure("hours", "Hours", unit="hours")
# What the summary and every school's row count, the private ones marked once here.
WORK = (
    ENTRIES,
    HOURS,
    Measure("classroom_sessions", "Classroom sessions"),
    Measure("students_reached", "Students reached"),
    private("mentoring_contacts", "Mentoring contacts"),
    private("students_mentored", "Students mentored"),
    private("incidents", "Incidents"),
    private("arrests", "Arrests"),
)
MEDIAN_LABEL = "Median response (minutes)"
OFFICER_SHARE_NOTE = (
    f"COPS-funded officers should spend at least {SCHOOL_TIME_RULE_TEXT} of their hours in and "
    "around schools (the building, its grounds and the surrounding community). An officer's "
    "share counts all their hours in the period, at any school, whichever schools the report "
    "covers."
)


def summary_tables(d: Dashboard) -> list[Table]:
    measures = [
        *WORK,
        Measure("median_response", MEDIAN_LABEL, unit="minutes", statistic=True),
        Measure("share_in_around", "Hours in and around schools", unit="share"),
    ]
    summary = Table(
        key="summary",
        section="Summary",
        title="The period at a glance",
        dims=[],
        measures=measures,
        frame=one_row({m.key: d.tiles[m.key] for m in measures}),
    )
    goals = Table(
        key="goals",
        section="Program goals",
        title="Work toward each program goal",
        dims=[("goal", "Goal")],
        measures=[ENTRIES, HOURS],
        frame=d.goals[["goal", "entries", "hours"]],
        note="An entry tagged with two goals counts toward both.",
    )
    return [summary, goals]


def goal_kind_table(f: EntryFilter) -> Table:
    frame = sections.goal_kind_table(detail.by_goal_bits_kind(f), query.goals(), KIND_LABELS)
    return Table(
        key="goal_kinds",
        section="Program goals",
        title="The work counted toward each goal",
        dims=[("goal", "Goal"), ("kind", "Kind of work")],
        measures=[ENTRIES, HOURS],
        frame=frame,
        private_row=lambda record: record["kind_code"] in STUDENT_LEVEL_KINDS,
    )


def school_and_month_tables(d: Dashboard, partner: bool) -> list[Table]:
    keys = [m.key for m in WORK]
    schools = sections.with_total_row(
        d.schools[["school", "district", "minutes", *keys]], "school", keys
    )
    months = sections.with_total_row(
        d.months[["label", "entries", "minutes", "hours"]], "label", ["entries", "hours"]
    )
    months["hours"] = months["hours"].astype(float)
    schools["hours"] = schools["hours"].astype(float)
    return [
        Table(
            key="schools",
            section="Schools",
            title="Per school",
            dims=[("school", "School"), ("district", "District")],
            measures=list(WORK),
            frame=schools,
            total_row=True,
        ),
        Table(
            key="months",
            section="Monthly trend",
            title="By month",
            dims=[("label", "Month")],
            measures=[HOURS] if partner else [ENTRIES, HOURS],
            frame=months,
            total_row=True,
            note=PARTNER_MONTHS_NOTE if partner else "",
        ),
    ]


def officer_tables(f: EntryFilter, d: Dashboard) -> list[Table]:
    hours = sections.officer_kind_hours(detail.by_officer_kind(f), query.officers(), KIND_LABELS)
    kinds = [Measure(label, label, unit="hours") for label in KIND_LABELS.values()]
    share = [
        Measure("all_hours", "All their hours", unit="hours"),
        Measure("hours_in_around", "In and around schools", unit="hours"),
        Measure("share_in_around", "Share", unit="share"),
        Measure("under_rule", "Flag", unit="flag"),
    ]
    return [
        Table(
            key="officer_hours",
            section="Officer time",
            title="Hours by kind of work",
            dims=[("officer", "Officer")],
            measures=[*kinds, Measure(sections.TOTAL, "Total", unit="hours")],
            frame=hours,
            total_row=True,
        ),
        Table(
            key="officer_share",
            section="Officer time",
            title=f"Hours in and around schools (the {SCHOOL_TIME_RULE_TEXT} rule)",
            dims=[("officer", "Officer")],
            measures=share,
            frame=d.officers[["officer", *(m.key for m in share)]],
            note=OFFICER_SHARE_NOTE,
        ),
    ]
