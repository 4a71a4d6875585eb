"""The reader of one or more publications (disclosure.py): what they know, what they can work
out by integer programming (SciPy's milp, HiGHS), and the search for what to withhold.

A withheld count is pinned when everything published allows it one value only: no integer
solution of the ties puts it lower, none higher. Most withheld counts are plainly free, so each
round first asks for two solutions that move all of them at once, away from their values in
one direction and then the other (every count a solution moves is free, as ties only ever
widen when more is withheld); the few left are asked about one by one.

Complementary counts are chosen where they cost the report least, by one more integer program
per pinned count: the fewest and cheapest published counts whose withholding lets it move (a
count of persons of at least the threshold before any other count, a larger count before a
small one, which then reads "<10", and among equals the smaller).
"""

import logging
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from .disclosure import PRIMARY, SECONDARY, Publication, expand, is_small

log = logging.getLogger(__name__)

Node = tuple[str, Hashable]  # (publication name, root key)
CEILING = 10**7  # no count of a program comes near it: keeps every search bounded


@dataclass
class Target:
    """A sum of counts (a withheld count, or what is left of one window without another) that
    must not be pinned, with its true value."""

    terms: dict[Node, int]
    value: int


class Reader:
    """What a reader knows from one or more publications opened together, and the search for
    the counts to withhold from the one still being decided."""

    def __init__(self, threshold: int):
        self.threshold = threshold
        self.pubs: dict[str, Publication] = {}
        self.marks: dict[str, dict[Hashable, str]] = {}
        self.decided: str | None = None
        self.rows: list[tuple[dict[Node, int], bool]] = []
        self.targets: list[Target] = []
        self._rows_of: dict[Node, list[int]] = {}

    # -- what is published ------------------------------------------------------------------
    def publish(self, name: str, pub: Publication, marks: dict | None = None) -> None:
        """A publication; without `marks` it is the one being decided (at most one)."""
        self.pubs[name] = pub
        if marks is None:
            assert self.decided is None, "one publication is decided at a time"
            self.decided = name
            marks = dict.fromkeys(pub.small_private(self.threshold), PRIMARY)
        self.marks[name] = {pub.root(k): m for k, m in marks.items() if k in pub}
        for terms, equal in pub.relations:
            self._add_row(self._nodes(name, dict(terms)), equal)
        for key in self.marks[name]:
            self.targets.append(Target({(name, key): 1}, pub.quantities[key].value))

    def _nodes(self, name: str, terms: dict) -> dict[Node, int]:
        pub, nodes = self.pubs[name], {}
        for key, coef in terms.items():
            node = (name, pub.root(key))
            nodes[node] = nodes.get(node, 0) + coef
        return {n: c for n, c in nodes.items() if c}

    def _add_row(self, terms: dict[Node, int], equal: bool) -> None:
        if not terms:
            return
        self.rows.append((terms, equal))
        for node in terms:
            self._rows_of.setdefault(node, []).append(len(self.rows) - 1)

    def contains(self, outer: str, inners: list[str], exact: bool = False) -> None:
        """The windows `inners` (pairwise disjoint) lie inside `outer`: what is left of `outer`
        without them is itself a set of entries, so it obeys every tie and no count of it is
        negative (or, with `exact`, every count of it is zero); and where a count of persons
        left over is small, it must not be worked out either."""
        big = self.pubs[outer]

        def rest(terms: dict) -> dict[Node, int]:
            nodes = self._nodes(outer, terms)
            for inner in inners:
                pub = self.pubs[inner]
                for key, coef in terms.items():
                    if key in pub:
                        node = (inner, pub.root(key))
                        nodes[node] = nodes.get(node, 0) - coef
            return {n: c for n, c in nodes.items() if c}

        for terms, equal in big.relations:
            self._add_row(rest(dict(terms)), equal)
        for key in big.roots():
            left = rest({key: 1})
            self._add_row({n: -c for n, c in left.items()}, equal=exact)  # nothing negative
            if big.quantities[key].private and is_small(self._value(left), self.threshold):
                self.targets.append(Target(left, self._value(left)))

    def same(self, a: str, b: str, key: Hashable) -> None:
        """`key` is one count in publications `a` and `b` (a month both windows hold whole)."""
        self._add_row({(a, self.pubs[a].root(key)): 1, (b, self.pubs[b].root(key)): -1}, True)

    # -- what the reader can work out -------------------------------------------------------
    def _value(self, terms: dict[Node, int]) -> int:
        return sum(c * self._count(node) for node, c in terms.items())

    def _count(self, node: Node) -> int:
        return self.pubs[node[0]].quantities[node[1]].value

    def _unknown(self, node: Node) -> bool:
        name, key = node
        return key in self.marks[name] or not self.pubs[name].quantities[key].shown

    def _bounds(self, node: Node) -> tuple[float, float]:
        mark = self.marks[node[0]].get(node[1])
        if mark == PRIMARY:
            return 1, self.threshold - 1
        if mark == SECONDARY:
            return self.threshold, CEILING
        return 0, CEILING  # a count in no table

    def _component(self, nodes: Iterable[Node]) -> tuple[list[Node], list[int]]:
        """The unknown counts tied to `nodes`, and the ties among them."""
        todo = [n for n in nodes if self._unknown(n)]
        seen, rows = set(todo), set()
        while todo:
            for r in self._rows_of.get(todo.pop(), ()):
                if r in rows:
                    continue
                rows.add(r)
                for other in self.rows[r][0]:
                    if other not in seen and self._unknown(other):
                        seen.add(other)
                        todo.append(other)
        return sorted(seen, key=str), sorted(rows)

    def _solve(self, unknown: list[Node], rows: list[int], objective=None, extra=None):
        """An integer solution of the ties among `unknown` (optimal for `objective`, with an
        extra row (terms, low, high) if given), or None when there is none."""
        at = {n: i for i, n in enumerate(unknown)}
        ties = [self.rows[r] for r in rows] + ([(extra[0], None)] if extra else [])
        a = np.zeros((len(ties), len(unknown)))
        lo, hi = np.empty(len(ties)), np.empty(len(ties))
        for i, (terms, equal) in enumerate(ties):
            constant = 0
            for node, coef in terms.items():
                if node in at:
                    a[i, at[node]] += coef
                else:
                    constant += coef * self._count(node)
            if equal is None:
                lo[i], hi[i] = extra[1] - constant, extra[2] - constant
            else:
                lo[i], hi[i] = (-constant if equal else -np.inf), -constant
        bounds = np.array([self._bounds(n) for n in unknown], dtype=float).T
        cost = np.zeros(len(unknown)) if objective is None else objective
        result = milp(
            cost,
            integrality=np.ones(len(unknown)),
            bounds=Bounds(*bounds),
            constraints=LinearConstraint(a, lo, hi),
            options={"time_limit": 10.0},
        )
        return dict(zip(unknown, result.x, strict=True)) if result.status == 0 else None

    def _moved(self, target: Target, solution: dict) -> bool:
        value = sum(
            c * (solution[n] if n in solution else self._count(n)) for n, c in target.terms.items()
        )
        return abs(value - target.value) > 0.5

    def pinned(self, target: Target) -> bool:
        """Whether no solution puts the target below or above its value."""
        unknown, rows = self._component(target.terms)
        if not unknown:
            return True
        v = target.value
        return all(
            self._solve(unknown, rows, extra=(target.terms, low, high)) is None
            for low, high in ((-np.inf, v - 1), (v + 1, np.inf))
        )

    def pinned_among(self, targets: list[Target], rounds: int = 12) -> list[Target]:
        """The targets that are pinned. Solutions that move many withheld counts at once (each
        pushed up or down at random) set most of the free ones aside; each left is then pushed
        up, then down, on its own, and every other one that solution moves is set aside too."""
        rng = np.random.default_rng(len(targets))  # the same targets: the same searches
        groups: dict[tuple, list[Target]] = {}
        for target in targets:
            unknown, rows = self._component(target.terms)
            groups.setdefault((tuple(unknown), tuple(rows)), []).append(target)
        pinned = []
        for (unknown, rows), group in groups.items():
            if not unknown:
                pinned.extend(group)
                continue
            for _ in range(rounds):
                weights = [(t, rng.choice((-1.0, 1.0)) * rng.uniform(0.5, 1.5)) for t in group]
                moved = self._push(list(unknown), list(rows), group, weights)
                group = [t for t in group if t not in moved]
                if not group or len(moved) * 20 < len(group):  # too few left to move at once
                    break
            while group:
                target, unknown_, rows_ = group[0], list(unknown), list(rows)
                moved = self._push(unknown_, rows_, group, [(target, -1.0)]) or self._push(
                    unknown_, rows_, group, [(target, 1.0)]
                )  # up, then down
                if target not in moved:
                    pinned.append(target)
                    moved = [target]
                group = [t for t in group if t not in moved]
        return pinned

    def _push(self, unknown: list[Node], rows: list[int], group: list[Target], weights):
        """The targets of `group` that a solution minimising the weighted targets moves."""
        at = {n: i for i, n in enumerate(unknown)}
        objective = np.zeros(len(unknown))
        for target, weight in weights:
            for node, coef in target.terms.items():
                if node in at:
                    objective[at[node]] += weight * coef
        solution = self._solve(unknown, rows, objective=objective)
        return [t for t in group if solution is not None and self._moved(t, solution)]

    # -- what to withhold -------------------------------------------------------------------
    def _near(self, target: Target, steps: int | None) -> tuple[list[Node], list[int]]:
        """The counts that may be withheld to protect the target (published counts of the
        decided publication at most `steps` ties away; None: any), with every withheld count
        tied to them, and the ties among them all; counts beyond stay at their values."""
        choosable, seen, frontier, step = [], set(target.terms), list(target.terms), 0
        while frontier and (steps is None or step < steps):
            following = []
            for node in frontier:
                for r in self._rows_of.get(node, ()):
                    for other in self.rows[r][0]:
                        if other not in seen:
                            seen.add(other)
                            following.append(other)
            frontier, step = following, step + 1
        choosable = [n for n in seen if not self._unknown(n)]
        unknown, _ = self._component([*target.terms, *seen])
        nodes = sorted({*unknown, *choosable}, key=str)
        rows = sorted({r for n in nodes for r in self._rows_of.get(n, ())})
        return nodes, rows

    def _cost(self, node: Node, largest: int) -> float | None:
        """What withholding a published count costs the report (None: it cannot be withheld):
        a count of persons of at least the threshold least, a small count most, and among
        equals the smaller count."""
        if node[0] != self.decided or self._unknown(node):
            return None
        q = self.pubs[node[0]].quantities[node[1]]
        if not q.shown or q.value <= 0 or q.steady:
            return None
        tier = (1.0 if q.private else 1.5) if q.value >= self.threshold else 3.0
        return tier + 0.1 * q.value / largest

    def _protection(self, target: Target) -> list[Node]:
        """The cheapest published counts whose withholding lets the target move, looked for
        near the target first, then further."""
        for steps in (2, 4, None):
            chosen = self._protection_within(target, steps)
            if chosen:
                return chosen
        return []

    def _protection_within(self, target: Target, steps: int | None) -> list[Node]:
        """One integer program: the withheld counts and the published counts near the target
        are all unknowns, each published one held at its value unless it is chosen (and then
        free within the range its mark would tell), for the target one below or one above its
        value; the cheapest choice wins."""
        nodes, rows = self._near(target, steps)
        at = {node: i for i, node in enumerate(nodes)}
        largest = max([self._count(n) for n in nodes] + [self.threshold])
        swing = 2 * largest + 2 * self.threshold  # enough for any count to move by one
        n = len(nodes)
        cost = np.zeros(2 * n)
        low, high, chooser = np.zeros(2 * n), np.zeros(2 * n), []
        for i, node in enumerate(nodes):
            value = self._count(node)
            price = self._cost(node, largest)
            if self._unknown(node):
                low[i], high[i] = self._bounds(node)
                high[i] = min(high[i], value + swing)
            elif price is None:
                low[i] = high[i] = value
            else:
                cost[n + i], high[n + i] = price, 1
                mark_low = 1 if is_small(value, self.threshold) else self.threshold
                low[i], high[i] = mark_low, value + swing
                chooser.append(i)
        if not chooser:
            return []
        a, lo, hi = [], [], []
        for r in rows:
            terms, equal = self.rows[r]
            line, constant = np.zeros(2 * n), 0
            for node, coef in terms.items():
                if node in at:
                    line[at[node]] += coef
                else:
                    constant += coef * self._count(node)
            a.append(line)
            lo.append(-constant if equal else -np.inf)
            hi.append(-constant)
        for i in chooser:  # unchosen, the count keeps its value: |x - value| <= swing * chosen
            value = self._count(nodes[i])
            for sign in (1, -1):
                line = np.zeros(2 * n)
                line[i], line[n + i] = sign, -swing
                a.append(line)
                lo.append(-np.inf)
                hi.append(sign * value)
        moving, constant = np.zeros(2 * n), 0
        for node, coef in target.terms.items():
            if node in at:
                moving[at[node]] = coef
            else:
                constant += coef * self._count(node)
        best = None
        for side in ((-np.inf, target.value - 1), (target.value + 1, np.inf)):
            result = milp(
                cost,
                integrality=np.ones(2 * n),
                bounds=Bounds(low, high),
                constraints=LinearConstraint(
                    np.array([*a, moving]), [*lo, side[0] - constant], [*hi, side[1] - constant]
                ),
                options={"time_limit": 10.0},
            )
            if result.status == 0 and (best is None or result.fun < best.fun):
                best = result
        if best is None:
            return []
        return [nodes[i] for i in chooser if best.x[n + i] > 0.5]

    def _withhold(self, node: Node) -> None:
        small = is_small(self.pubs[node[0]].quantities[node[1]].value, self.threshold)
        self.marks[node[0]][node[1]] = PRIMARY if small else SECONDARY

    def decide(self) -> dict[Hashable, str]:
        """Withhold complementary counts of the decided publication until no target is
        pinned; returns its marks by root key. Withholding only ever widens what a reader can
        say, so a target found free stays free."""
        pending = self.pinned_among(self.targets)
        while pending:
            target = pending.pop(0)
            if not self.pinned_among([target]):
                continue
            chosen = self._protection(target)
            if not chosen:
                log.warning(
                    "a withheld count stays pinned, nothing left to withhold: %s", target.terms
                )
                continue
            added = []
            for node in chosen:
                self._withhold(node)
                added.append(Target({node: 1}, self._count(node)))
            self.targets.extend(added)
            pending[:0] = added
        return dict(self.marks[self.decided])


def withhold(pub: Publication, threshold: int) -> dict[Hashable, str]:
    """The marks of a publication read on its own: every key of a withheld quantity."""
    reader = Reader(threshold)
    reader.publish("report", pub)
    return expand(pub, reader.decide())
