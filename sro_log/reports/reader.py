"""The reader of one or more publications (disclosure.py): what they know, and what they can
work out by integer programming (SciPy's milp, HiGHS). complements.py searches for what to
withhold.

A withheld count is pinned when everything published allows it one value only: no integer
solution of the ties puts it lower, none higher. Most withheld counts are plainly free, so
solutions that push all of them at once, each up or down at random, set most aside (a count a
solution moves is free, and stays free, as ties only ever widen when more is withheld); each one
left is then pushed up and down on its own.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import numpy as np

from .disclosure import PRIMARY, SECONDARY, Publication, is_small

Node = tuple[str, Hashable]  # (publication name, root key)
CEILING = 10**7  # no count of a program comes near it: keeps every search bounded


def integer_solution(cost, a, lo, hi, low, high) -> np.ndarray | None:
    """An integer x with low <= x <= high and lo <= a x <= hi, minimising cost, or None. HiGHS
    is asked without its presolve, which was seen to return a wrong optimum (a maximum of 2
    where 3 was feasible), and every answer is checked before it is believed: a wrong "no
    solution" only withholds more, a wrong solution would free a pinned count. (SciPy is
    imported at the first question, not with the app: it is a third of a second of every
    server start, gunicorn.conf.py.)"""
    from scipy.optimize import Bounds, LinearConstraint, milp

    result = milp(
        cost,
        integrality=np.ones(len(cost)),
        bounds=Bounds(low, high),
        constraints=LinearConstraint(a, lo, hi),
        options={"presolve": False, "time_limit": 10.0},
    )
    if result.status != 0 or result.x is None:
        return None
    x = np.round(result.x)
    product = a @ x if len(a) else np.zeros(0)
    fits = (
        np.all(np.abs(result.x - x) < 1e-6)
        and np.all(x >= low - 1e-9)
        and np.all(x <= high + 1e-9)
        and np.all(product >= lo - 1e-6)
        and np.all(product <= hi + 1e-6)
    )
    return x if fits else None


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
        self.rows_of: dict[Node, list[int]] = {}

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
        pub, nodes = self.pubs[name], dict[Node, int]()
        for key, coef in terms.items():
            node = (name, pub.root(key))
            nodes[node] = nodes.get(node, 0) + coef
        return {n: c for n, c in nodes.items() if c}

    def _add_row(self, terms: dict[Node, int], equal: bool) -> None:
        if not terms:
            return
        self.rows.append((terms, equal))
        for node in terms:
            self.rows_of.setdefault(node, []).append(len(self.rows) - 1)

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

    # -- what the reader can work out -------------------------------------------------------
    def _value(self, terms: dict[Node, int]) -> int:
        return sum(c * self.count(node) for node, c in terms.items())

    def count(self, node: Node) -> int:
        return self.pubs[node[0]].quantities[node[1]].value

    def unknown(self, node: Node) -> bool:
        name, key = node
        return key in self.marks[name] or not self.pubs[name].quantities[key].shown

    def bounds(self, node: Node) -> tuple[float, float]:
        mark = self.marks[node[0]].get(node[1])
        if mark == PRIMARY:
            return 1, self.threshold - 1
        if mark == SECONDARY:
            return 1, CEILING
        return 0, CEILING  # a count in no table

    def component(self, nodes: Iterable[Node]) -> tuple[list[Node], list[int]]:
        """The unknown counts tied to `nodes`, and the ties among them."""
        todo = [n for n in nodes if self.unknown(n)]
        seen, rows = set(todo), set()
        while todo:
            for r in self.rows_of.get(todo.pop(), ()):
                if r in rows:
                    continue
                rows.add(r)
                for other in self.rows[r][0]:
                    if other not in seen and self.unknown(other):
                        seen.add(other)
                        todo.append(other)
        return sorted(seen, key=str), sorted(rows)

    def _solve(self, unknown: list[Node], rows: list[int], objective=None):
        """An integer solution of the ties among `unknown`, optimal for `objective`, or None
        when there is none."""
        at = {n: i for i, n in enumerate(unknown)}
        ties = [self.rows[r] for r in rows]
        a = np.zeros((len(ties), len(unknown)))
        lo, hi = np.empty(len(ties)), np.empty(len(ties))
        for i, (terms, equal) in enumerate(ties):
            constant = 0
            for node, coef in terms.items():
                if node in at:
                    a[i, at[node]] += coef
                else:
                    constant += coef * self.count(node)
            lo[i], hi[i] = (-constant if equal else -np.inf), -constant
        bounds = np.array([self.bounds(n) for n in unknown], dtype=float).T
        cost = np.zeros(len(unknown)) if objective is None else objective
        x = integer_solution(cost, a, lo, hi, bounds[0], bounds[1])
        return None if x is None else dict(zip(unknown, x, strict=True))

    def _moved(self, target: Target, solution: dict) -> bool:
        value = sum(
            c * (solution[n] if n in solution else self.count(n)) for n, c in target.terms.items()
        )
        return abs(value - target.value) > 0.5

    def pinned_among(self, targets: list[Target], rounds: int = 12) -> list[Target]:
        """The targets that are pinned. Solutions that move many withheld counts at once (each
        pushed up or down at random) set most of the free ones aside; each left is then pushed
        up, then down, on its own, and every other one that solution moves is set aside too."""
        rng = np.random.default_rng(len(targets))  # the same targets: the same searches
        groups: dict[tuple, list[Target]] = {}
        for target in targets:
            unknown, rows = self.component(target.terms)
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
