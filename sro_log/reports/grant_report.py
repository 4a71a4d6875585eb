"""The grant report of a period: the dashboard's numbers plus each kind's own breakdowns, as
tables that every renderer shares (DESIGN §5: one path from the database to every number)."""

from dataclasses import dataclass, field

import pandas as pd

from ..catalog import INCIDENT_ACTIONS, LOCATIONS, STUDENT_LEVEL_KINDS
from . import detail, links, query, sections
from .complements import withhold
from .dashboard import KIND_LABELS, Dashboard, build_dashboard
from .disclosure import STATISTIC, Publication, expand, too_few_for_statistics
from .filters import EntryFilter
from .tables import Measure, Table

M = Measure
ENTRIES, HOURS = M("entries", "Entries"), M("hours", "Hours", "hours")
# A district partner's windows overlap without one holding the other (a quarter and a COPS
# half-year share January): a month's entries would be one count in both, tying windows that
# are decided apart (windows.py), so a partner's months give their hours only.
PARTNER_MONTHS_NOTE = (
    "Entries by month are left out of a district's reports: a month lies in "
    "several reporting periods, and its count would tie them together."
)


@dataclass
class GrantReport:
    filter: EntryFilter
    cover: dict
    dashboard: Dashboard
    tables: dict[str, Table]
    narrative: str = ""
    charts: dict[str, bytes] = field(default_factory=dict)

    @property
    def provisional(self) -> bool:
        return "submitted" in self.filter.statuses

    @property
    def empty(self) -> bool:
        return self.dashboard.tiles["entries"] == 0

    @property
    def row_count(self) -> int:
        """The table rows the report holds (what an export's audit event counts)."""
        return sum(len(t.frame) for t in self.tables.values())

    @property
    def persons_timed(self) -> int:
        """The incidents the response statistics are taken over."""
        return int(self.dashboard.response["incidents_timed"])

    def publication(self) -> Publication:
        """The report's counts and their ties, as a reader of it knows them."""
        return links.publication(self.tables, self.dashboard.kinds)

    def apply(self, marks: dict, threshold: int) -> "GrantReport":
        """Give every table the publication's marks (by cell key), and withhold the response
        statistics when too few incidents were timed."""
        marks = dict(marks)
        if too_few_for_statistics(self.persons_timed, threshold):
            for table in self.tables.values():
                for m in table.measures:
                    if m.statistic:
                        marks.update(
                            {
                                (table.key, table.row_key(r), m.key): STATISTIC
                                for r in table.records()
                            }
                        )
        for table in self.tables.values():
            table.marks = marks
        return self

    def sections(self) -> dict[str, list[Table]]:
        grouped: dict[str, list[Table]] = {}
        for table in self.tables.values():
            grouped.setdefault(table.section, []).append(table)
        return grouped


def _one_row(values: dict) -> pd.DataFrame:
    return pd.DataFrame([values])


def _categories(list_name: str) -> list[tuple]:
    items = query.pick_labels(list_name)
    return list(zip(items["item_id"], items["label"], items["code"], strict=True))


def _fixed(pairs) -> list[tuple]:
    """A fixed list's categories: its code is its key."""
    return [(code, label, code) for code, label in pairs]


def _summary_tables(d: Dashboard) -> list[Table]:
    t = d.tiles
    summary = Table(
        "summary",
        "Summary",
        "The period at a glance",
        [],
        [
            ENTRIES,
            HOURS,
            M("classroom_sessions", "Classroom sessions"),
            M("students_reached", "Students reached"),
            M("mentoring_contacts", "Mentoring contacts", private=True),
            M("students_mentored", "Students mentored", private=True),
            M("incidents", "Incidents", private=True),
            M("arrests", "Arrests", private=True),
            M("median_response", "Median response (minutes)", "minutes", statistic=True),
            M("share_in_around", "Hours in and around schools", "share"),
        ],
        _one_row(
            {
                k: t[k]
                for k in (
                    "entries",
                    "hours",
                    "classroom_sessions",
                    "students_reached",
                    "mentoring_contacts",
                    "students_mentored",
                    "incidents",
                    "arrests",
                    "median_response",
                    "share_in_around",
                )
            }
        ),
    )
    goals = Table(
        "goals",
        "Program goals",
        "Work toward each program goal",
        [("goal", "Goal")],
        [ENTRIES, HOURS],
        d.goals[["goal", "entries", "hours"]],
        note="An entry tagged with two goals counts toward both.",
    )
    return [summary, goals]


def _goal_kind_table(f: EntryFilter) -> Table:
    frame = sections.goal_kind_table(detail.by_goal_bits_kind(f), query.goals(), KIND_LABELS)
    return Table(
        "goal_kinds",
        "Program goals",
        "The work counted toward each goal",
        [("goal", "Goal"), ("kind", "Kind of work")],
        [ENTRIES, HOURS],
        frame,
        private_row=lambda record: record["kind_code"] in STUDENT_LEVEL_KINDS,
    )


def _school_and_month_tables(d: Dashboard, partner: bool) -> list[Table]:
    measures = [
        ENTRIES,
        HOURS,
        M("classroom_sessions", "Classroom sessions"),
        M("students_reached", "Students reached"),
        M("mentoring_contacts", "Mentoring contacts", private=True),
        M("students_mentored", "Students mentored", private=True),
        M("incidents", "Incidents", private=True),
        M("arrests", "Arrests", private=True),
    ]
    keys = [m.key for m in measures]
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
            "schools",
            "Schools",
            "Per school",
            [("school", "School"), ("district", "District")],
            measures,
            schools,
            total_row=True,
        ),
        Table(
            "months",
            "Monthly trend",
            "By month",
            [("label", "Month")],
            [HOURS] if partner else [ENTRIES, HOURS],
            months,
            total_row=True,
            note=PARTNER_MONTHS_NOTE if partner else "",
        ),
    ]


def _by_category(key, section, title, heading, measures, grouped, categories) -> Table:
    """A table of one kind's categories (every one of its list, then a total row)."""
    frame = sections.category_table(grouped, categories, [m.key for m in measures])
    return Table(key, section, title, [("category", heading)], measures, frame, total_row=True)


def _private(key: str, label: str) -> Measure:
    return M(key, label, private=True)


def _kind_tables(f: EntryFilter, d: Dashboard) -> list[Table]:
    actions = detail.incidents_by_action(f)
    by_action = actions.set_index("key")["entries"]
    safety = detail.safety_by_type(f)
    incidents, arrests = _private("entries", "Incidents"), _private("arrests", "Arrests")
    outcomes = {
        "arrests": d.tiles["arrests"],
        "citations": int(by_action.get("citation", 0)),
        "juvenile_referrals": int(by_action.get("juvenile_referral", 0)),
        **d.response,
    }
    return [
        _by_category("topics", "Classroom instruction", "Sessions and students reached by topic",
                     "Topic", [M("entries", "Sessions"), M("students_reached", "Students reached")],
                     detail.classroom_by_topic(f), _categories("topic")),
        _by_category("referrals", "Mentoring", "Mentoring contacts by referral", "Referred to",
                     [_private("entries", "Contacts"), _private("students", "Students"),
                      _private("follow_ups", "Follow-ups set")],
                     detail.mentoring_by_referral(f), _categories("referral")),
        Table("incident_outcomes", "Incidents", "Outcomes and response", [], [
            _private("arrests", "Arrests"), _private("citations", "Citations"),
            _private("juvenile_referrals", "Juvenile referrals"),
            _private("incidents_timed", "Incidents with response times"),
            M("median", "Median response (minutes)", "minutes", statistic=True),
            M("p90", "90th-percentile response (minutes)", "minutes", statistic=True),
        ], _one_row(outcomes),
              note="Citations and juvenile referrals count incidents with that action."),
        _by_category("incident_types", "Incidents", "By type", "Type", [incidents, arrests],
                     detail.by_kind_key(f, "incident", "incident_type_id"),
                     _categories("incident_type")),
        _by_category("incident_locations", "Incidents", "By location", "Location",
                     [incidents, arrests], detail.incidents_by_location(f), _fixed(LOCATIONS)),
        _by_category("incident_actions", "Incidents", "By action taken", "Action",
                     [incidents, arrests, _private("students_involved", "Students involved")],
                     actions, _fixed(INCIDENT_ACTIONS)),
        Table("safety_summary", "Safety work", "Drills, checks and training", [], [
            M("drills", "Drills"), M("security_checks", "Security checks"),
            M("threat_assessments", "Threat-assessment meetings"),
            M("staff_trained", "Staff trained"),
        ], _one_row(sections.safety_summary(safety, query.pick_labels("safety_type")))),
        _by_category("safety_types", "Safety work", "By type of work", "Work",
                     [ENTRIES, M("staff_trained", "Staff trained")], safety,
                     _categories("safety_type")),
        _by_category("events", "Community engagement", "Events and attendees", "Event",
                     [M("entries", "Events"), M("attendees", "Attendees")],
                     detail.community_by_type(f), _categories("event_type")),
    ]  # fmt: skip


def _officer_tables(f: EntryFilter, d: Dashboard) -> list[Table]:
    hours = sections.officer_kind_hours(detail.by_officer_kind(f), query.officers(), KIND_LABELS)
    kinds = [M(label, label, "hours") for label in KIND_LABELS.values()]
    share = d.officers[["officer", "all_hours", "hours_in_around", "share_in_around",
                        "under_rule"]]  # fmt: skip
    return [
        Table("officer_hours", "Officer time", "Hours by kind of work", [("officer", "Officer")],
              [*kinds, M(sections.TOTAL, "Total", "hours")], hours, total_row=True),
        Table("officer_share", "Officer time", "Hours in and around schools (the 75% rule)",
              [("officer", "Officer")],
              [M("all_hours", "All their hours", "hours"),
               M("hours_in_around", "In and around schools", "hours"),
               M("share_in_around", "Share", "share"),
               M("under_rule", "Flag", "flag")], share,
              note="COPS-funded officers should spend at least 75% of their hours in and "
                   "around schools (the building, its grounds and the surrounding community). "
                   "An officer's share counts all their hours in the period, at any school, "
                   "whichever schools the report covers."),
    ]  # fmt: skip


def build_report(
    f: EntryFilter, cover: dict, narrative: str = "", partner: bool = False
) -> GrantReport:
    """Every table of the report for `f` (a period must be set), not yet marked; `partner`: a
    district's window, one of several a partner may open (windows.py)."""
    d = build_dashboard(f)
    tables = [
        *_summary_tables(d), _goal_kind_table(f), *_school_and_month_tables(d, partner),
        *_kind_tables(f, d), *_officer_tables(f, d),
    ]  # fmt: skip
    return GrantReport(f, cover, d, {t.key: t for t in tables}, narrative)


def disclose(report: GrantReport, threshold: int) -> GrantReport:
    """The report as one publication on its own: small counts and what would give them away
    withheld (disclosure.py)."""
    pub = report.publication()
    return report.apply(expand(pub, withhold(pub, threshold)), threshold)
