"""What to withhold: complementary counts, chosen where they cost the report least, by one
integer program per pinned count (SciPy's milp): the fewest and cheapest changes that let it
move, looked for near the count first. A change is a published count withheld (it then reads
"*": 1 or more), or a withheld small count whose "<10" says too much read as "*" instead (nine
incidents in nine types of one each are pinned by their "<10"s alone). A count of persons of at
least the threshold is withheld before any other, a small count's range given up before another
count is withheld, and among equals the smaller count. Withholding only ever widens what a reader
can say, so a count found free stays free, and the search ends.
"""

import logging
from collections.abc import Hashable

import numpy as np

from .disclosure import PRIMARY, SECONDARY, Publication, expand
from .reader import Node, Reader, Target, integer_solution

log = logging.getLogger(__name__)


def _near(reader: Reader, target: Target, steps: int | None) -> tuple[list[Node], list[int]]:
    """The counts that may be withheld to protect the target (published counts of the
    decided publication at most `steps` ties away; None: any), with every withheld count
    tied to them, and the ties among them all; counts beyond stay at their values."""
    seen, frontier, step = set(target.terms), list(target.terms), 0
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
    """What a change of this count costs the report (None: it cannot change): withholding a
    count of persons of at least the threshold least, then reading a small count as "*",
    then withholding any other count; among equals the smaller count."""
    if node[0] != reader.decided:
        return None
    q = reader.pubs[node[0]].quantities[node[1]]
    mark = reader.marks[node[0]].get(node[1])
    if mark == PRIMARY:
        tier = 1.2
    elif mark is not None or not q.shown or q.value <= 0:
        return None
    else:
        tier = 1.0 if q.private and q.value >= reader.threshold else 1.5
    return tier + 0.1 * q.value / largest


def cheapest(reader: Reader, target: Target) -> list[Node]:
    """The cheapest published counts whose withholding lets the target move, looked for
    near the target first, then further."""
    for steps in (2, 4, None):
        chosen = _cheapest_within(reader, target, steps)
        if chosen:
            return chosen
    return []


def _cheapest_within(reader: Reader, target: Target, steps: int | None) -> list[Node]:  # noqa: C901  # one search, kept whole to be read with its proof
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
    ranged = []  # withheld small counts that could read "*": their "<10" bound unless chosen
    for i, node in enumerate(nodes):
        value = reader.count(node)
        price = _cost(reader, node, largest)
        if reader.unknown(node):
            low[i], high[i] = reader.bounds(node)
            high[i] = min(high[i], value + swing)
            if price is not None:
                high[i] = value + swing
                cost[n + i], high[n + i] = price, 1
                ranged.append(i)
        elif price is None:
            low[i] = high[i] = value
        else:
            cost[n + i], high[n + i] = price, 1
            low[i], high[i] = 1, value + swing  # withheld, it reads "*": 1 or more
            chooser.append(i)
    if not chooser and not ranged:
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
    for i in ranged:  # unchosen, the count stays under the threshold: x <= T - 1 + swing * chosen
        line = np.zeros(2 * n)
        line[i], line[n + i] = 1, -swing
        a.append(line)
        lo.append(-np.inf)
        hi.append(reader.threshold - 1)
    moving, constant = np.zeros(2 * n), 0
    for node, coef in target.terms.items():
        if node in at:
            moving[at[node]] = coef
        else:
            constant += coef * reader.count(node)
    best, best_cost = None, np.inf
    for side in ((-np.inf, target.value - 1), (target.value + 1, np.inf)):
        x = integer_solution(
            cost,
            np.array([*a, moving]),
            np.array([*lo, side[0] - constant]),
            np.array([*hi, side[1] - constant]),
            low,
            high,
        )
        if x is not None and cost @ x < best_cost:
            best, best_cost = x, cost @ x
    if best is None:
        return []
    return [nodes[i] for i in (*chooser, *ranged) if best[n + i] > 0.5]


def _withhold(reader: Reader, node: Node) -> bool:
    """Withhold the count as "*" (or read a small one as "*"); whether it was published."""
    was_published = node[1] not in reader.marks[node[0]]
    reader.marks[node[0]][node[1]] = SECONDARY
    return was_published


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
        added = [
            Target({node: 1}, reader.count(node)) for node in chosen if _withhold(reader, node)
        ]
        reader.targets.extend(added)
        pending[:0] = added
    assert reader.decided is not None, "a publication is being decided"
    return dict(reader.marks[reader.decided])


def withhold(pub: Publication, threshold: int) -> dict[Hashable, str]:
    """The marks of a publication read on its own: every key of a withheld quantity."""
    reader = Reader(threshold)
    reader.publish("report", pub)
    return expand(pub, decide(reader))
