"""What to withhold: complementary counts, chosen where they cost the report least, by one
integer program per pinned count (SciPy's milp): the fewest and cheapest published counts whose
withholding lets it move (a count of persons of at least the threshold before any other count,
a larger count before a small one, which then reads "<10", and among equals the smaller), looked
for near the count first. Withholding only ever widens what a reader can say, so a count found
free stays free, and the search ends.
"""

import logging
from collections.abc import Hashable

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from .disclosure import PRIMARY, SECONDARY, Publication, expand, is_small
from .reader import Node, Reader, Target

log = logging.getLogger(__name__)


def _near(reader: Reader, target: Target, steps: int | None) -> tuple[list[Node], list[int]]:
    """The counts that may be withheld to protect the target (published counts of the
    decided publication at most `steps` ties away; None: any), with every withheld count
    tied to them, and the ties among them all; counts beyond stay at their values."""
    choosable, seen, frontier, step = [], set(target.terms), list(target.terms), 0
    while frontier and (steps is None or step < steps):
        following = []
        for node in frontier:
            for r in reader.rows_of.get(node, ()):
                for other in reader.rows[r][0]:
                    if other not in seen:
                        seen.add(other)
                        following.append(other)
        frontier, step = following, step + 1
    choosable = [n for n in seen if not reader.unknown(n)]
    unknown, _ = reader.component([*target.terms, *seen])
    nodes = sorted({*unknown, *choosable}, key=str)
    rows = sorted({r for n in nodes for r in reader.rows_of.get(n, ())})
    return nodes, rows


def _cost(reader: Reader, node: Node, largest: int) -> float | None:
    """What withholding a published count costs the report (None: it cannot be withheld):
    a count of persons of at least the threshold least, a small count most, and among
    equals the smaller count."""
    if node[0] != reader.decided or reader.unknown(node):
        return None
    q = reader.pubs[node[0]].quantities[node[1]]
    if not q.shown or q.value <= 0:
        return None
    tier = (1.0 if q.private else 1.5) if q.value >= reader.threshold else 3.0
    return tier + 0.1 * q.value / largest


def cheapest(reader: Reader, target: Target) -> list[Node]:
    """The cheapest published counts whose withholding lets the target move, looked for
    near the target first, then further."""
    for steps in (2, 4, None):
        chosen = _cheapest_within(reader, target, steps)
        if chosen:
            return chosen
    return []


def _cheapest_within(reader: Reader, target: Target, steps: int | None) -> list[Node]:
    """One integer program: the withheld counts and the published counts near the target
    are all unknowns, each published one held at its value unless it is chosen (and then
    free within the range its mark would tell), for the target one below or one above its
    value; the cheapest choice wins."""
    nodes, rows = _near(reader, target, steps)
    at = {node: i for i, node in enumerate(nodes)}
    largest = max([reader.count(n) for n in nodes] + [reader.threshold])
    swing = 2 * largest + 2 * reader.threshold  # enough for any count to move by one
    n = len(nodes)
    cost = np.zeros(2 * n)
    low, high, chooser = np.zeros(2 * n), np.zeros(2 * n), []
    for i, node in enumerate(nodes):
        value = reader.count(node)
        price = _cost(reader, node, largest)
        if reader.unknown(node):
            low[i], high[i] = reader.bounds(node)
            high[i] = min(high[i], value + swing)
        elif price is None:
            low[i] = high[i] = value
        else:
            cost[n + i], high[n + i] = price, 1
            mark_low = 1 if is_small(value, reader.threshold) else reader.threshold
            low[i], high[i] = mark_low, value + swing
            chooser.append(i)
    if not chooser:
        return []
    a, lo, hi = [], [], []
    for r in rows:
        terms, equal = reader.rows[r]
        line, constant = np.zeros(2 * n), 0
        for node, coef in terms.items():
            if node in at:
                line[at[node]] += coef
            else:
                constant += coef * reader.count(node)
        a.append(line)
        lo.append(-constant if equal else -np.inf)
        hi.append(-constant)
    for i in chooser:  # unchosen, the count keeps its value: |x - value| <= swing * chosen
        value = reader.count(nodes[i])
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
            constant += coef * reader.count(node)
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


def _withhold(reader: Reader, node: Node) -> None:
    small = is_small(reader.pubs[node[0]].quantities[node[1]].value, reader.threshold)
    reader.marks[node[0]][node[1]] = PRIMARY if small else SECONDARY


def decide(reader: Reader) -> dict[Hashable, str]:
    """Withhold complementary counts of the decided publication until no target is
    pinned; returns its marks by root key. Withholding only ever widens what a reader can
    say, so a target found free stays free."""
    pending = reader.pinned_among(reader.targets)
    while pending:
        target = pending.pop(0)
        if not reader.pinned_among([target]):
            continue
        chosen = cheapest(reader, target)
        if not chosen:
            log.warning("a withheld count stays pinned, nothing left to withhold: %s", target.terms)
            continue
        added = []
        for node in chosen:
            _withhold(reader, node)
            added.append(Target({node: 1}, reader.count(node)))
        reader.targets.extend(added)
        pending[:0] = added
    return dict(reader.marks[reader.decided])


def withhold(pub: Publication, threshold: int) -> dict[Hashable, str]:
    """The marks of a publication read on its own: every key of a withheld quantity."""
    reader = Reader(threshold)
    reader.publish("report", pub)
    return expand(pub, decide(reader))
