"""A report table: its dimensions, its measures (which are private), its numbers, and how each
cell is printed, with or without its disclosure mark. Every renderer (page, CSV, XLSX, PDF)
reads cells from here, so the formats can never print a number differently."""

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from ..catalog import SCHOOL_TIME_RULE_TEXT
from .disclosure import shown_as
from .numbers import hours_text


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    unit: str = "count"  # count | hours | minutes | share | flag
    # A count of students or persons derived from student-level entries (mentoring, incidents):
    # withheld when small in every publication (disclosure.py).
    private: bool = False
    # A statistic over persons (a median, a percentile): withheld when they are too few.
    statistic: bool = False


@dataclass(frozen=True)
class Cell:
    value: object  # the exact number (None when there is none, e.g. a median of no incidents)
    text: str  # what is printed
    mark: str | None = None  # disclosure.PRIMARY, SECONDARY or STATISTIC when withheld


def format_value(value, unit: str) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "—"
    if unit == "count":
        return f"{int(value):,}"
    if unit == "hours":
        return hours_text(value)
    if unit == "minutes":
        return f"{float(value):g}"
    if unit == "share":
        return f"{float(value):.0%}"
    if unit == "flag":
        return f"Under {SCHOOL_TIME_RULE_TEXT}" if value else ""
    return str(value)


CellKey = tuple[str, tuple[str, ...], str]  # (table key, the row's dimension values, measure)


@dataclass
class Table:
    key: str
    section: str
    title: str
    dims: list[tuple[str, str]]  # (column, heading)
    measures: list[Measure]
    frame: pd.DataFrame
    total_row: bool = False  # the last row totals the ones above it
    note: str = ""
    # Rows whose counts are private whatever the measure (the goal table's incident rows).
    private_row: Callable[[dict], bool] | None = None
    # The disclosure marks of the publication the table is part of, by cell key.
    marks: dict[CellKey, str] = field(default_factory=dict, repr=False)

    def records(self) -> list[dict]:
        return self.frame.to_dict("records")

    def row_key(self, record: dict) -> tuple[str, ...]:
        return tuple(str(record[column]) for column, _ in self.dims)

    def is_private(self, record: dict, measure: Measure) -> bool:
        return measure.private or (
            measure.unit == "count" and self.private_row is not None and self.private_row(record)
        )

    def counts(self):
        """(cell key, value, private) of every count in the table."""
        for record in self.records():
            row = self.row_key(record)
            for m in self.measures:
                if m.unit == "count":
                    value = record[m.key]
                    value = 0 if value is None or pd.isna(value) else int(value)
                    yield (self.key, row, m.key), value, self.is_private(record, m)

    def rows(self, threshold: int, exact: bool = False) -> list[tuple[list[str], list[Cell]]]:
        """(dimension values, cells) per row, withheld cells printed as their mark says; with
        `exact`, every number is printed and the withheld cells keep only their mark."""
        out = []
        for record in self.records():
            row = self.row_key(record)
            cells = []
            for m in self.measures:
                value = record[m.key]
                value = None if isinstance(value, float) and pd.isna(value) else value
                mark = self.marks.get((self.key, row, m.key))
                withheld = None if exact else shown_as(mark, threshold)
                cells.append(Cell(value, withheld or format_value(value, m.unit), mark))
            out.append((list(row), cells))
        return out
