"""One disclosure rule for every publication (DESIGN §5): a report in every format, a partner's
dashboard and the API's answer to a partner are each one publication.

The rule, and why:

- A count of persons or person-events (students, incidents, contacts, arrests ...) from 1 to
  threshold - 1 is withheld (PRIMARY, printed "<10"). Zero identifies nobody and is printed.
- A publication is read as a whole. The same quantity may appear in several tables (the summary's
  incidents are the total of the incidents by type, by location, by action and by school), and
  its counts are tied by sums and bounds (a total is the sum of its rows; a goal's incidents are
  at most all the incidents; every incident has at least one goal, so the incidents are at most
  the sum of the goals' incidents). A withheld quantity is withheld wherever it appears, and more
  counts are withheld until no withheld count can be worked out to one value from everything
  published, read with those ties. Every withheld count tells its range and no more: "<10" is
  1 to 9, "*" (SECONDARY) is 1 or more: a count withheld to protect another, or a small count
  whose "<10" would give it away (nine incidents of nine types, one each); a zero is never
  withheld. That is checked, not assumed: for every withheld count the reader's best bounds
  are found by integer programming over the ties, those ranges and the published values.
- A median or percentile over fewer than threshold persons is withheld (STATISTIC): with two
  incidents, their median and 90th percentile are their two response times.
- Several publications a reader can open together (a partner's windows, one inside another)
  are checked together the same way; see windows.py.

This module holds the rule and a publication's counts and ties; reader.py holds the reader who
works out what can be worked out, complements.py the search for what to withhold.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

PRIMARY = "primary"  # withheld, 1 to threshold - 1: printed "<10"
SECONDARY = "secondary"  # withheld, threshold or more: printed "*"
STATISTIC = "statistic"


def is_small(value: int, threshold: int) -> bool:
    """A count that identifies too few persons to publish."""
    return 1 <= value < threshold


def too_few_for_statistics(persons: int, threshold: int) -> bool:
    """A median or percentile over these persons would tell their own values."""
    return persons < threshold


def shown_as(mark: str | None, threshold: int) -> str | None:
    """What every format prints for a withheld cell (None: print the value)."""
    if mark == PRIMARY:
        return f"<{threshold}"
    if mark == SECONDARY:
        return "*"
    if mark == STATISTIC:
        return f"n<{threshold}"
    return None


@dataclass
class Quantity:
    value: int
    private: bool
    shown: bool  # False: in no table, but tied to those that are (the patrols of a period)


@dataclass
class Publication:
    """The counts of one publication by key, which keys are one quantity, and the ties."""

    quantities: dict[Hashable, Quantity] = field(default_factory=dict)
    relations: list[tuple[tuple[tuple[Hashable, int], ...], bool]] = field(default_factory=list)
    _parent: dict = field(default_factory=dict, repr=False)

    def add(self, key: Hashable, value: int, private: bool = False, shown: bool = True) -> None:
        self.quantities[key] = Quantity(int(value), private, shown)
        self._parent[key] = key

    def __contains__(self, key) -> bool:
        return key in self._parent

    def root(self, key: Hashable) -> Hashable:
        while self._parent[key] != key:
            self._parent[key] = self._parent[self._parent[key]]
            key = self._parent[key]
        return key

    def same(self, *keys: Hashable) -> None:
        """The keys are one quantity printed in several places: withheld in all or none."""
        present = [k for k in keys if k in self]
        for key in present[1:]:
            a, b = self.root(present[0]), self.root(key)
            if a == b:
                continue
            qa, qb = self.quantities[a], self.quantities[b]
            if qa.value != qb.value:
                raise ValueError(f"{present[0]} = {qa.value} but {key} = {qb.value}")
            qa.private |= qb.private
            qa.shown |= qb.shown
            self._parent[b] = a

    def _relate(self, terms: dict, equal: bool) -> None:
        terms = {k: c for k, c in terms.items() if c}
        if any(k not in self for k in terms):
            raise KeyError(f"a tie names a count the publication lacks: {sorted(map(str, terms))}")
        self.relations.append((tuple(terms.items()), equal))

    def sums_to(self, total: Hashable, parts: Iterable[Hashable]) -> None:
        """total = the sum of parts."""
        terms = {total: 1}
        for part in parts:
            terms[part] = terms.get(part, 0) - 1
        self._relate(terms, equal=True)

    def at_most(self, smaller: Iterable[Hashable], larger: Iterable[Hashable]) -> None:
        """The sum of `smaller` is at most the sum of `larger`."""
        terms: dict = {}
        for key in smaller:
            terms[key] = terms.get(key, 0) + 1
        for key in larger:
            terms[key] = terms.get(key, 0) - 1
        self._relate(terms, equal=False)

    def roots(self) -> list[Hashable]:
        return [k for k in self.quantities if self.root(k) == k]

    def small_private(self, threshold: int) -> list[Hashable]:
        """The counts withheld by the rule alone: the small counts of persons."""
        return [
            k
            for k, q in ((k, self.quantities[k]) for k in self.roots())
            if q.private and q.shown and is_small(q.value, threshold)
        ]


def expand(pub: Publication, marks: dict[Hashable, str]) -> dict[Hashable, str]:
    """Marks by root key, spread to every key of the same quantity."""
    return {key: marks[pub.root(key)] for key in pub.quantities if pub.root(key) in marks}
