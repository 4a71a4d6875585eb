"""A report table: its dimensions, its measures (which are private), its numbers, and how each
cell is printed, with or without suppression. Every renderer (page, CSV, XLSX, PDF) reads cells
from here, so the formats can never print a number differently."""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .suppression import shown, suppression_marks


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    unit: str = "count"  # count | hours | minutes | share | flag
    # A count of students or persons derived from student-level entries (mentoring, incidents):
    # suppressed when small in every export and for district partners.
    private: bool = False
    definition: str = ""


@dataclass(frozen=True)
class Cell:
    value: object  # the exact number (None when there is none, e.g. a median of no incidents)
    text: str  # what is printed
    mark: str | None = None  # suppression.PRIMARY or SECONDARY when withheld


def format_value(value, unit: str) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "—"
    if unit == "count":
        return f"{int(value):,}"
    if unit == "hours":
        return f"{float(value):,.1f}"
    if unit == "minutes":
        return f"{float(value):g}"
    if unit == "share":
        return f"{float(value):.0%}"
    if unit == "flag":
        return "Under 75%" if value else ""
    return str(value)


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
    _marks: dict = field(default_factory=dict, repr=False)

    def marks(self, threshold: int) -> pd.DataFrame:
        """Suppression marks for every measure column (None where nothing is withheld)."""
        if threshold not in self._marks:
            empty = np.full((len(self.frame), len(self.measures)), None, dtype=object)
            marks = pd.DataFrame(empty, index=self.frame.index,
                                 columns=[m.key for m in self.measures])  # fmt: skip
            private = [m.key for m in self.measures if m.private]
            if private and len(self.frame):
                counts = self.frame[private].fillna(0).astype("int64")
                marks[private] = suppression_marks(counts, threshold, column_totals=self.total_row)
            self._marks[threshold] = marks
        return self._marks[threshold]

    def rows(self, threshold: int, exact: bool = False) -> list[tuple[list[str], list[Cell]]]:
        """(dimension values, cells) per row, small counts withheld; with `exact`, every number
        is printed and the cells an export would withhold keep only their mark."""
        marks = self.marks(threshold)
        out = []
        for index, record in zip(self.frame.index, self.frame.to_dict("records"), strict=True):
            dims = [str(record[column]) for column, _ in self.dims]
            cells = []
            for m in self.measures:
                value = record[m.key]
                value = None if isinstance(value, float) and pd.isna(value) else value
                mark = marks.at[index, m.key]
                mark = None if pd.isna(mark) else mark
                withheld = None if exact else shown(value, mark, threshold)
                cells.append(Cell(value, withheld or format_value(value, m.unit), mark))
            out.append((dims, cells))
        return out
