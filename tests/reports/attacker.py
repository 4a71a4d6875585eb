"""An outside reader of the grant report's tidy CSV, with a pencil and an integer-programming
solver (SciPy's milp). Written apart from the application's own disclosure code, from what the
report says about itself: its tables, its totals, its definitions and the rules every entry
follows. For each withheld cell it finds the smallest and largest value consistent with
everything published; a cell whose range is one value is pinned.

A second reader holds two windows, one inside the other: what is left of the larger is itself a
set of entries (every tie holds for it, no count of it is negative), and a count of persons of
it that can be worked out to 1..threshold-1 is a small count given away.
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

Key = tuple[str, str, str]  # (table title, measure, dimensions)
CEILING = 1e7
# The counts of persons or person-events, by measure label (DESIGN §5).
PRIVATE = {"Mentoring contacts", "Students mentored", "Incidents", "Arrests", "Contacts",
           "Students", "Follow-ups set", "Citations", "Juvenile referrals",
           "Incidents with response times", "Students involved"}  # fmt: skip
GLANCE, GOALS, GOAL_KINDS = ("The period at a glance", "Work toward each program goal",
                             "The work counted toward each goal")  # fmt: skip
SCHOOLS, MONTHS, TOPICS = "Per school", "By month", "Sessions and students reached by topic"
REFERRALS, OUTCOMES = "Mentoring contacts by referral", "Outcomes and response"
TYPES, LOCATIONS, ACTIONS = "By type", "By location", "By action taken"
SAFETY, SAFETY_TYPES, EVENTS = ("Drills, checks and training", "By type of work",
                                "Events and attendees")  # fmt: skip
KIND_OF = {"Classroom instruction": "classroom", "Mentoring contact": "mentoring",
           "Incident": "incident", "Patrol / visible presence": "patrol",
           "Safety and security": "safety", "Community engagement": "community",
           "Training received": "training", "Admin, court, meetings": "admin"}  # fmt: skip
NEED_A_GOAL = {"classroom", "mentoring", "incident", "patrol", "safety", "community"}
DRILLS = ("Fire drill", "Lockdown drill", "Severe-weather drill", "Evacuation drill",
          "Reunification drill")  # fmt: skip


@dataclass
class Published:
    """One CSV: every count cell's value (None when withheld) and what a withheld one says."""

    values: dict[Key, int | None] = field(default_factory=dict)
    shown: dict[Key, str] = field(default_factory=dict)

    def withheld(self) -> list[Key]:
        return list(self.shown)

    def measures(self) -> set[tuple[str, str]]:
        return {(table, measure) for table, measure, _ in self.values}


def read(content: bytes) -> Published:
    text = content.decode("utf-8-sig")
    published = Published()
    for row in csv.DictReader(io.StringIO(text)):
        if row["unit"] != "count":
            continue
        key = (row["table"], row["measure"], row["dimensions"])
        if row["suppressed"] == "true":
            published.values[key] = None
            published.shown[key] = row["shown_as"]
        else:
            published.values[key] = int(row["value"])
    return published


Expr = dict  # node -> coefficient, with the constant under the key 1


def _add(*exprs: Expr, signs=None) -> Expr:
    out: Expr = defaultdict(int)
    for expr, sign in zip(exprs, signs or [1] * len(exprs), strict=True):
        for node, coef in expr.items():
            out[node] += sign * coef
    return {n: c for n, c in out.items() if c}


class Reader:
    def __init__(self, threshold: int):
        self.threshold = threshold
        self.bounds: dict = {}  # unknown node -> (low, high)
        self.known: dict = {}
        self.rows: list[tuple[Expr, bool]] = []  # expr = 0 (True) or expr <= 0 (False)
        self.pubs: dict[str, Published] = {}

    # -- cells as expressions -------------------------------------------------------------
    def cell(self, name: str, table: str, measure: str, dims: str) -> Expr:
        key = (table, measure, dims)
        pub = self.pubs[name]
        if key not in pub.values:
            if (table, measure) in pub.measures():
                return {}  # a row the report leaves out has nothing in it
            node = (name, ("unprinted", key))  # a measure not printed at all: unknown
            self.bounds.setdefault(node, (0, np.inf))
            return {node: 1}
        node = (name, key)
        if pub.values[key] is not None:
            return {1: pub.values[key]}
        if node not in self.bounds:
            said = pub.shown[key]
            # "<10": 1 to 9; "*": withheld to protect another count, 1 or more.
            self.bounds[node] = ((1, self.threshold - 1) if said.startswith("<")
                                 else (1, np.inf))  # fmt: skip
        return {node: 1}

    def latent(self, name: str, what: str) -> Expr:
        node = (name, ("latent", what))
        self.bounds.setdefault(node, (0, np.inf))
        return {node: 1}

    def read(self, name: str, published: Published) -> None:
        self.pubs[name] = published
        ties(published, lambda *k: self.cell(name, *k), lambda w: self.latent(name, w),
             self.rows.append)  # fmt: skip

    def leftover(self, inner: str, outer: str) -> dict[Key, Expr]:
        """What is left of `outer` without `inner`: every tie, nothing negative."""

        def cell(*key):
            return _add(self.cell(outer, *key), self.cell(inner, *key), signs=[1, -1])

        def latent(what):
            return _add(self.latent(outer, what), self.latent(inner, what), signs=[1, -1])

        ties(self.pubs[outer], cell, latent, self.rows.append)
        left = {}
        for key in self.pubs[outer].values:
            left[key] = cell(*key)
            self.rows.append(({n: -c for n, c in left[key].items()}, False))
        for what in KIND_OF.values():
            self.rows.append(({n: -c for n, c in latent(what).items()}, False))
        return left

    # -- what can be worked out -----------------------------------------------------------
    def _system(self):
        """Everything the reader knows, as one integer program (built once it is asked)."""
        nodes = sorted(self.bounds, key=str)
        at = {n: i for i, n in enumerate(nodes)}
        a = np.zeros((len(self.rows), len(nodes)))
        lo, hi = np.empty(len(self.rows)), np.empty(len(self.rows))
        for i, (row, equal) in enumerate(self.rows):
            constant = row.get(1, 0)
            for node, coef in row.items():
                if node != 1:
                    a[i, at[node]] += coef
            lo[i], hi[i] = (-constant if equal else -np.inf), -constant
        # No count of a program comes near CEILING: every search stays bounded.
        limits = np.minimum(np.array([self.bounds[n] for n in nodes], dtype=float), CEILING)
        return at, LinearConstraint(a, lo, hi), Bounds(*limits.T), np.ones(len(nodes))

    def _vector(self, at: dict, expr: Expr) -> np.ndarray:
        c = np.zeros(len(at))
        for node, coef in expr.items():
            if node != 1:
                c[at[node]] += coef
        return c

    def _solve(self, system, objective):
        """HiGHS without presolve, which gave a wrong optimum on a report like these, and
        with no gap allowed: a bound too tight would report a pin that is not there."""
        _, constraints, bounds, integers = system
        return milp(objective, integrality=integers, bounds=bounds, constraints=constraints,
                    options={"presolve": False, "mip_rel_gap": 0.0})  # fmt: skip

    def _valid(self, system, x) -> bool:
        """A solution is believed only once it is checked: it frees the cells it moves."""
        _, constraints, bounds, _ = system
        product = constraints.A @ x
        return bool(
            np.all(np.abs(x - np.round(x)) < 1e-6)
            and np.all(x >= bounds.lb - 1e-9) and np.all(x <= bounds.ub + 1e-9)
            and np.all(product >= constraints.lb - 1e-6)
            and np.all(product <= constraints.ub + 1e-6)
        )  # fmt: skip

    def range_of(self, expr: Expr, system=None) -> tuple[float, float]:
        system = system or self._system()
        c = self._vector(system[0], expr)
        if not c.any():
            return expr.get(1, 0), expr.get(1, 0)
        found = []
        for sign in (1, -1):
            result = self._solve(system, sign * c)
            # Feasible (checked first) but no optimum: unbounded in that direction.
            unbounded = -sign * np.inf
            found.append(sign * result.fun + expr.get(1, 0) if result.status == 0 else unbounded)
        return found[0], found[1]

    def pinned_among(self, exprs: dict) -> dict:
        """The expressions (name -> expr) that everything published pins to one value. A few
        solutions pushing all of them every which way set the free ones aside first."""
        system = self._system()
        feasible = self._solve(system, np.zeros(len(system[0])))
        assert feasible.status == 0, f"what was published contradicts itself: {feasible.message}"
        values = {name: self._vector(system[0], e) @ feasible.x + e.get(1, 0)
                  for name, e in exprs.items()}  # fmt: skip
        open_ = dict(exprs)
        rng = np.random.default_rng(7)
        for _ in range(6):
            push = sum((rng.normal() * self._vector(system[0], e) for e in open_.values()),
                       np.zeros(len(system[0])))  # fmt: skip
            result = self._solve(system, push)
            if result.status != 0 or not self._valid(system, result.x):
                break
            moved = [
                n
                for n, e in open_.items()
                if abs(self._vector(system[0], e) @ result.x + e.get(1, 0) - values[n]) > 0.5
            ]
            for name in moved:
                del open_[name]
            if not moved or not open_:
                break
        out = {}
        for name, expr in open_.items():
            low, high = self.range_of(expr, system)
            if high - low < 0.5:
                out[name] = round(low)
        return out

    def pinned(self) -> dict:
        """Every withheld cell that everything published pins to one value."""
        cells = {(name, key): self.cell(name, *key)
                 for name, pub in self.pubs.items() for key in pub.withheld()}  # fmt: skip
        return self.pinned_among(cells)


def ties(pub: Published, cell, latent, add) -> None:
    """The ties a reader of one report knows; `cell(table, measure, dims)` and `latent(kind)`
    give expressions, `add((expr, equal))` records expr = 0 or expr <= 0."""

    def eq(a: Expr, b: Expr):
        add((_add(a, b, signs=[1, -1]), True))

    def le(a: Expr, b: Expr):
        add((_add(a, b, signs=[1, -1]), False))

    def total(exprs):
        return _add(*exprs) if exprs else {}

    rows = defaultdict(lambda: defaultdict(list))  # table -> measure -> [dims]
    for table, measure, dims in pub.values:
        rows[table][measure].append(dims)
    # A total row is the sum of the rows above it.
    totals = {}
    for table, measures in rows.items():
        for measure, all_dims in measures.items():
            tot = [d for d in all_dims if d.split("; ")[0].endswith("=Total")]
            if tot:
                totals[(table, measure)] = tot[0]
                parts = [cell(table, measure, d) for d in all_dims if d != tot[0]]
                eq(cell(table, measure, tot[0]), total(parts))

    def t(table, measure):
        return cell(table, measure, totals[(table, measure)]) if (table, measure) in totals else {}

    def glance(measure):
        return cell(GLANCE, measure, "")

    for measure, places in {
        "Entries": [(SCHOOLS, "Entries"), (MONTHS, "Entries")],
        "Classroom sessions": [(SCHOOLS, "Classroom sessions"), (TOPICS, "Sessions")],
        "Students reached": [(SCHOOLS, "Students reached"), (TOPICS, "Students reached")],
        "Mentoring contacts": [(SCHOOLS, "Mentoring contacts"), (REFERRALS, "Contacts")],
        "Students mentored": [(SCHOOLS, "Students mentored"), (REFERRALS, "Students")],
        "Incidents": [(SCHOOLS, "Incidents"), (TYPES, "Incidents"), (LOCATIONS, "Incidents"),
                      (ACTIONS, "Incidents")],
        "Arrests": [(SCHOOLS, "Arrests"), (TYPES, "Arrests"), (LOCATIONS, "Arrests"),
                    (ACTIONS, "Arrests")],
    }.items():  # fmt: skip
        for table, m in places:
            if (table, m) in totals:
                eq(glance(measure), t(table, m))
    eq(cell(OUTCOMES, "Arrests", ""), glance("Arrests"))
    eq(cell(OUTCOMES, "Citations", ""), cell(ACTIONS, "Incidents", "Action=Citation or summons"))
    eq(cell(OUTCOMES, "Juvenile referrals", ""),
       cell(ACTIONS, "Incidents", "Action=Juvenile-office referral"))  # fmt: skip
    le(cell(OUTCOMES, "Incidents with response times", ""), glance("Incidents"))
    le(cell(ACTIONS, "Incidents", "Action=Arrest"), cell(ACTIONS, "Arrests", "Action=Arrest"))
    # Safety: the summary repeats the rows of the safety types.
    eq(cell(SAFETY, "Drills", ""), total([cell(SAFETY_TYPES, "Entries", f"Work={d}")
                                         for d in DRILLS]))  # fmt: skip
    eq(cell(SAFETY, "Security checks", ""),
       cell(SAFETY_TYPES, "Entries", "Work=Building security check"))  # fmt: skip
    eq(cell(SAFETY, "Threat-assessment meetings", ""),
       cell(SAFETY_TYPES, "Entries", "Work=Threat-assessment team"))  # fmt: skip
    eq(cell(SAFETY, "Staff trained", ""), t(SAFETY_TYPES, "Staff trained"))
    # Kinds of work: their entries add up to the entries; goals by kind.
    kind_total = {kind: latent(kind) for kind in KIND_OF.values()}
    eq(kind_total["classroom"], glance("Classroom sessions"))
    eq(kind_total["mentoring"], glance("Mentoring contacts"))
    eq(kind_total["incident"], glance("Incidents"))
    eq(kind_total["safety"], t(SAFETY_TYPES, "Entries"))
    eq(kind_total["community"], t(EVENTS, "Events"))
    eq(glance("Entries"), total(list(kind_total.values())))
    by_goal, by_kind = defaultdict(list), defaultdict(list)
    for dims in rows[GOAL_KINDS]["Entries"]:
        goal, kind = (part.split("=", 1)[1] for part in dims.split("; "))
        expr = cell(GOAL_KINDS, "Entries", dims)
        by_goal[goal].append(expr)
        by_kind[KIND_OF[kind]].append(expr)
        le(expr, kind_total[KIND_OF[kind]])
    if (GOAL_KINDS, "Entries") in pub.measures():  # a table printed in full
        for kind in NEED_A_GOAL:
            le(kind_total[kind], total(by_kind[kind]))
        for dims in rows[GOALS]["Entries"]:
            eq(cell(GOALS, "Entries", dims), total(by_goal[dims.split("=", 1)[1]]))
    # Rules of every entry, row by row.
    for dims in rows[SCHOOLS]["Entries"]:
        if dims.startswith("School=Total"):
            continue
        c = {m: cell(SCHOOLS, m, dims) for m in ("Entries", "Classroom sessions",
             "Mentoring contacts", "Incidents", "Students mentored")}  # fmt: skip
        le(total([c["Classroom sessions"], c["Mentoring contacts"], c["Incidents"]]),
           c["Entries"])  # fmt: skip
        le(c["Mentoring contacts"], c["Students mentored"])
        if dims.startswith("School=No school"):
            le(c["Incidents"], cell(LOCATIONS, "Incidents", "Location=Off campus (other duty)"))
    for dims in rows[REFERRALS]["Contacts"]:
        le(cell(REFERRALS, "Contacts", dims), cell(REFERRALS, "Students", dims))
        le(cell(REFERRALS, "Follow-ups set", dims), cell(REFERRALS, "Contacts", dims))
    for dims in rows[TOPICS]["Sessions"]:
        le(cell(TOPICS, "Sessions", dims), cell(TOPICS, "Students reached", dims))


def pinned_in(content: bytes, threshold: int) -> dict:
    """The withheld cells of one report that its reader can pin down, with their values."""
    reader = Reader(threshold)
    reader.read("report", read(content))
    return {key: value for (_, key), value in reader.pinned().items()}


def pinned_across(inner: bytes, outer: bytes, threshold: int) -> dict:
    """Reading two windows, one inside the other: withheld cells pinned in either, and counts
    of persons of what is left over pinned to a small value."""
    reader = Reader(threshold)
    reader.read("inner", read(inner))
    reader.read("outer", read(outer))
    left = reader.leftover("inner", "outer")
    found = {f"{name}: {key}": value for (name, key), value in reader.pinned().items()}
    private = {key: expr for key, expr in left.items() if key[1] in PRIVATE}
    for key, value in reader.pinned_among(private).items():
        if 1 <= value < threshold:
            found[f"left over: {key}"] = value
    return found


STATISTICS = ("Median response (minutes)", "90th-percentile response (minutes)")


def statistics_over_too_few(content: bytes, threshold: int) -> list[str]:
    """The response statistics printed although fewer than `threshold` incidents were timed
    (or the count of them is itself withheld as small)."""
    rows = {(r["table"], r["measure"]): r
            for r in csv.DictReader(io.StringIO(content.decode("utf-8-sig")))}  # fmt: skip
    timed = rows.get((OUTCOMES, "Incidents with response times"))
    if timed is None:
        return []
    few = timed["shown_as"] == f"<{threshold}" or (
        timed["suppressed"] == "false" and int(timed["value"]) < threshold
    )
    printed = [m for (t, m), r in rows.items()
               if m in STATISTICS and r["suppressed"] == "false" and r["value"] != ""]  # fmt: skip
    return printed if few else []
