"""The grant report as one publication: every count of its tables, which of them are one
quantity printed in several places, and the sums and bounds that tie them (disclosure.py).

A tie belongs here when a reader of the report can know it: from the tables themselves (a total
row), from the report's definitions (the summary's incidents are the incidents by type), or from
the rules every entry obeys (an incident has at least one goal; a mentoring contact has at least
one student; an arrest as the action means at least one arrest). Each tie holds for any set of
entries, so it holds for what is left of one window without another inside it too.

Durations are not tied to counts: an entry lasts 1 to 720 minutes, so hours bound a count only
to within a factor of 720, never to a value a small count could be told from.
"""

from collections.abc import Mapping

import pandas as pd

from ..catalog import GOAL_OPTIONAL_KINDS, INCIDENT_ACTIONS, KINDS, LOCATIONS, STUDENT_LEVEL_KINDS
from .disclosure import Publication
from .summaries import OFF_CAMPUS_SCHOOL
from .tables import Table

ACTION = dict(INCIDENT_ACTIONS)
KIND_LABELS = {kind: label for kind, (label, _) in KINDS.items()}


class _Tables:
    """Cell keys of the report's tables, by table, row and measure."""

    def __init__(self, tables: Mapping[str, Table]):
        self.tables = tables
        self.rows = {k: [t.row_key(r) for r in t.records()] for k, t in tables.items()}

    def has(self, table: str) -> bool:
        return table in self.tables

    def parts(self, table: str) -> list[tuple]:
        rows = self.rows[table]
        return rows[:-1] if self.tables[table].total_row else rows

    def total(self, table: str) -> tuple:
        return self.rows[table][-1]

    def row(self, table: str, first: str) -> tuple | None:
        """The row whose first dimension is `first`, if the table has it."""
        return next((r for r in self.rows[table] if r and r[0] == first), None)

    def key(self, table: str, row: tuple | None, measure: str) -> tuple:
        return (table, row, measure)

    def summary(self, measure: str) -> tuple:
        return ("summary", (), measure)

    def totals(self, table: str, measure: str) -> list[tuple]:
        return [self.key(table, self.total(table), measure)] if self.has(table) else []


def publication(tables: Mapping[str, Table], kinds: pd.DataFrame) -> Publication:
    """The report's counts and their ties; `kinds` holds the entries of every kind, some of
    which no table prints (patrols, training, admin) but which the summary's entries add up."""
    pub = Publication()
    for table in tables.values():
        for key, value, private in table.counts():
            pub.add(key, value, private)
    t = _Tables(tables)
    _totals(pub, t)
    _same_quantities(pub, t)
    _kinds(pub, t, kinds)
    _entry_rules(pub, t)
    return pub


def _totals(pub: Publication, t: _Tables) -> None:
    for name, table in t.tables.items():
        if not table.total_row:
            continue
        for m in table.measures:
            if m.unit == "count":
                pub.sums_to(
                    t.key(name, t.total(name), m.key),
                    [t.key(name, row, m.key) for row in t.parts(name)],
                )


def _same_quantities(pub: Publication, t: _Tables) -> None:
    """One quantity, several places: the summary's tiles are the totals of the tables."""
    same = {
        "entries": [("schools", "entries"), ("months", "entries")],
        "classroom_sessions": [("schools", "classroom_sessions"), ("topics", "entries")],
        "students_reached": [("schools", "students_reached"), ("topics", "students_reached")],
        "mentoring_contacts": [("schools", "mentoring_contacts"), ("referrals", "entries")],
        "students_mentored": [("schools", "students_mentored"), ("referrals", "students")],
        "incidents": [
            ("schools", "incidents"),
            ("incident_types", "entries"),
            ("incident_locations", "entries"),
            ("incident_actions", "entries"),
        ],
        "arrests": [
            ("schools", "arrests"),
            ("incident_types", "arrests"),
            ("incident_locations", "arrests"),
            ("incident_actions", "arrests"),
        ],
    }
    for tile, places in same.items():
        pub.same(t.summary(tile), *(k for table, m in places for k in t.totals(table, m)))
    outcomes = ("incident_outcomes", (), "arrests")
    pub.same(t.summary("arrests"), outcomes)
    actions = "incident_actions"
    if t.has(actions):
        for measure, action in (
            ("citations", "citation"),
            ("juvenile_referrals", "juvenile_referral"),
        ):
            row = t.row(actions, ACTION[action])
            pub.same(("incident_outcomes", (), measure), t.key(actions, row, "entries"))
    _safety(pub, t)


def _safety(pub: Publication, t: _Tables) -> None:
    """The safety summary repeats the safety types' rows and totals."""
    if not t.has("safety_types"):
        return
    table = t.tables["safety_types"]
    codes = dict(zip(map(table.row_key, table.records()), table.frame["code"], strict=True))
    rows = {code: row for row, code in codes.items() if code}
    summary = ("safety_summary", ())
    for measure, code in (
        ("security_checks", "security_check"),
        ("threat_assessments", "threat_assessment"),
    ):
        if code in rows:
            pub.same((*summary, measure), t.key("safety_types", rows[code], "entries"))
    drills = [
        t.key("safety_types", row, "entries")
        for code, row in rows.items()
        if code.endswith("_drill")
    ]
    pub.sums_to((*summary, "drills"), drills)
    pub.same((*summary, "staff_trained"), *t.totals("safety_types", "staff_trained"))


def _kinds(pub: Publication, t: _Tables, kinds: pd.DataFrame) -> None:
    """Each kind's entries, printed or not, add up to the entries; each goal's entries are its
    kinds' entries; an entry of a kind that needs a goal has one to four of them."""
    printed = {
        "classroom": t.summary("classroom_sessions"),
        "mentoring": t.summary("mentoring_contacts"),
        "incident": t.summary("incidents"),
        "safety": ("safety_types", t.total("safety_types"), "entries"),
        "community": ("events", t.total("events"), "entries"),
    }
    for kind, entries in zip(kinds["kind"], kinds["entries"], strict=True):
        pub.add(("kind", kind), int(entries), private=kind in STUDENT_LEVEL_KINDS, shown=False)
        if kind in printed:
            pub.same(printed[kind], ("kind", kind))
    pub.sums_to(t.summary("entries"), [("kind", kind) for kind in kinds["kind"]])
    goal_kinds = t.tables["goal_kinds"]
    by_kind: dict[str, list] = {kind: [] for kind in KINDS}
    by_goal: dict[str, list] = {row[0]: [] for row in t.rows["goals"]}
    for record in goal_kinds.records():
        key = t.key("goal_kinds", goal_kinds.row_key(record), "entries")
        by_kind[record["kind_code"]].append(key)
        by_goal.setdefault(record["goal"], []).append(key)
        pub.at_most([key], [("kind", record["kind_code"])])
    for kind, cells in by_kind.items():
        if kind not in GOAL_OPTIONAL_KINDS and ("kind", kind) in pub:
            pub.at_most([("kind", kind)], cells)
    for row in t.rows["goals"]:
        pub.sums_to(t.key("goals", row, "entries"), by_goal[row[0]])


def _entry_rules(pub: Publication, t: _Tables) -> None:
    """What the entry forms require of every entry, summed over a table's rows."""
    for row in t.parts("schools"):
        at = {
            m: t.key("schools", row, m)
            for m in (
                "entries",
                "classroom_sessions",
                "mentoring_contacts",
                "incidents",
                "students_mentored",
            )
        }
        pub.at_most(
            [at["classroom_sessions"], at["mentoring_contacts"], at["incidents"]], [at["entries"]]
        )
        pub.at_most([at["mentoring_contacts"]], [at["students_mentored"]])  # one student or more
    for row in t.rows["referrals"]:
        contacts = t.key("referrals", row, "entries")
        pub.at_most([contacts], [t.key("referrals", row, "students")])
        pub.at_most([t.key("referrals", row, "follow_ups")], [contacts])
    for row in t.rows["topics"]:
        pub.at_most([t.key("topics", row, "entries")], [t.key("topics", row, "students_reached")])
    arrest = t.row("incident_actions", ACTION["arrest"])
    pub.at_most(
        [t.key("incident_actions", arrest, "entries")],
        [t.key("incident_actions", arrest, "arrests")],
    )  # an arrest: one or more
    pub.at_most([("incident_outcomes", (), "incidents_timed")], [t.summary("incidents")])
    # Work with no school is off campus, so the incidents of "No school" were off campus.
    off_campus = t.row("schools", OFF_CAMPUS_SCHOOL)
    if off_campus is not None:
        pub.at_most(
            [t.key("schools", off_campus, "incidents")],
            [
                t.key(
                    "incident_locations",
                    t.row("incident_locations", dict(LOCATIONS)["off_campus"]),
                    "entries",
                )
            ],
        )
