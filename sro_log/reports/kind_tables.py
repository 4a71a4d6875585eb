"""Each kind's own breakdowns in a grant report: a table of categories per kind (topics,
referrals, incident types, locations and actions, safety work, events), declared as specs, and
the incidents' outcomes and the safety summary."""

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ..catalog import INCIDENT_ACTIONS, LOCATIONS
from . import detail, query, sections
from .dashboard import Dashboard
from .filters import EntryFilter
from .report_tables import ENTRIES, MEDIAN_LABEL, one_row, private
from .tables import Measure, Table

INCIDENTS, ARRESTS = private("entries", "Incidents"), private("arrests", "Arrests")
MEDIAN_RESPONSE = Measure("median", MEDIAN_LABEL, unit="minutes", statistic=True)
P90_RESPONSE = Measure("p90", "90th-percentile response (minutes)", unit="minutes", statistic=True)


@dataclass(frozen=True)
class CategorySpec:
    """A table of one kind's categories: every category of its list, then a total row."""

    key: str
    section: str
    title: str
    heading: str  # the categories' column heading
    measures: tuple[Measure, ...]
    grouped: Callable[[EntryFilter], pd.DataFrame]  # the counts per category (detail.py)
    categories: Callable[[], list[tuple]]  # (key, label, code) of every category

    def table(self, f: EntryFilter, grouped: pd.DataFrame | None = None) -> Table:
        counts = self.grouped(f) if grouped is None else grouped
        keys = [m.key for m in self.measures]
        return Table(
            key=self.key,
            section=self.section,
            title=self.title,
            dims=[("category", self.heading)],
            measures=list(self.measures),
            frame=sections.category_table(counts, self.categories(), keys),
            total_row=True,
        )


def _pick_list(list_name: str) -> Callable[[], list[tuple]]:
    """A pick list's categories, read when the report is built: its item id is its key."""

    def categories() -> list[tuple]:
        items = query.pick_labels(list_name)
        return list(zip(items["item_id"], items["label"], items["code"], strict=True))

    return categories


def _fixed(pairs) -> Callable[[], list[tuple]]:
    """A fixed list's categories: its code is its key."""
    return lambda: [(code, label, code) for code, label in pairs]


TOPICS = CategorySpec(
    key="topics",
    section="Classroom instruction",
    title="Sessions and students reached by topic",
    heading="Topic",
    measures=(Measure("entries", "Sessions"), Measure("students_reached", "Students reached")),
    grouped=detail.classroom_by_topic,
    categories=_pick_list("topic"),
)
REFERRALS = CategorySpec(
    key="referrals",
    section="Mentoring",
    title="Mentoring contacts by referral",
    heading="Referred to",
    measures=(
        private("entries", "Contacts"),
        private("students", "Students"),
        private("follow_ups", "Follow-ups set"),
    ),
    grouped=detail.mentoring_by_referral,
    categories=_pick_list("referral"),
)
INCIDENT_TYPES = CategorySpec(
    key="incident_types",
    section="Incidents",
    title="By type",
    heading="Type",
    measures=(INCIDENTS, ARRESTS),
    grouped=lambda f: detail.by_kind_key(f, "incident", "incident_type_id"),
    categories=_pick_list("incident_type"),
)
INCIDENT_LOCATIONS = CategorySpec(
    key="incident_locations",
    section="Incidents",
    title="By location",
    heading="Location",
    measures=(INCIDENTS, ARRESTS),
    grouped=detail.incidents_by_location,
    categories=_fixed(LOCATIONS),
)
INCIDENT_ACTIONS_SPEC = CategorySpec(
    key="incident_actions",
    section="Incidents",
    title="By action taken",
    heading="Action",
    measures=(INCIDENTS, ARRESTS, private("students_involved", "Students involved")),
    grouped=detail.incidents_by_action,
    categories=_fixed(INCIDENT_ACTIONS),
)
SAFETY_TYPES = CategorySpec(
    key="safety_types",
    section="Safety work",
    title="By type of work",
    heading="Work",
    measures=(ENTRIES, Measure("staff_trained", "Staff trained")),
    grouped=detail.safety_by_type,
    categories=_pick_list("safety_type"),
)
EVENTS = CategorySpec(
    key="events",
    section="Community engagement",
    title="Events and attendees",
    heading="Event",
    measures=(Measure("entries", "Events"), Measure("attendees", "Attendees")),
    grouped=detail.community_by_type,
    categories=_pick_list("event_type"),
)


def kind_tables(f: EntryFilter, d: Dashboard) -> list[Table]:
    actions = detail.incidents_by_action(f)
    by_action = actions.set_index("key")["entries"]
    safety = detail.safety_by_type(f)
    outcomes = Table(
        key="incident_outcomes",
        section="Incidents",
        title="Outcomes and response",
        dims=[],
        measures=[
            private("arrests", "Arrests"),
            private("citations", "Citations"),
            private("juvenile_referrals", "Juvenile referrals"),
            private("incidents_timed", "Incidents with response times"),
            MEDIAN_RESPONSE,
            P90_RESPONSE,
        ],
        frame=one_row(
            {
                "arrests": d.tiles["arrests"],
                "citations": int(by_action.get("citation", 0)),
                "juvenile_referrals": int(by_action.get("juvenile_referral", 0)),
                **d.response,
            }
        ),
        note="Citations and juvenile referrals count incidents with that action.",
    )
    safety_summary = Table(
        key="safety_summary",
        section="Safety work",
        title="Drills, checks and training",
        dims=[],
        measures=[
            Measure("drills", "Drills"),
            Measure("security_checks", "Security checks"),
            Measure("threat_assessments", "Threat-assessment meetings"),
            Measure("staff_trained", "Staff trained"),
        ],
        frame=one_row(sections.safety_summary(safety, query.pick_labels("safety_type"))),
    )
    return [
        TOPICS.table(f),
        REFERRALS.table(f),
        outcomes,
        INCIDENT_TYPES.table(f),
        INCIDENT_LOCATIONS.table(f),
        INCIDENT_ACTIONS_SPEC.table(f, actions),
        safety_summary,
        SAFETY_TYPES.table(f, safety),
        EVENTS.table(f),
    ]
