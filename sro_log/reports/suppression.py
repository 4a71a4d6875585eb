"""Small-count suppression for student privacy (DESIGN §5), on plain grids of counts.

A count between 1 and threshold - 1 is withheld (primary suppression, shown as "<10"). Where a
row or column has a total, one withheld cell in it could be worked out by subtracting the others
from the total, so a second cell is withheld too (secondary suppression, shown as "*"): the
smallest non-zero cell left in that line, or the total itself when the others are all zero. This
repeats until every line with a total has no withheld cell or at least two. Zero is never
withheld: it identifies nobody.
"""

import numpy as np
import pandas as pd

PRIMARY = "primary"
SECONDARY = "secondary"


def _lines(rows: int, cols: int, row_totals: bool, column_totals: bool) -> list[list[tuple]]:
    """Each line that a total sums: its cells, with the total last."""
    lines = []
    if row_totals:  # the last column totals each row
        for r in range(rows):
            lines.append([(r, c) for c in range(cols)])
    if column_totals:  # the last row totals each column
        for c in range(cols):
            lines.append([(r, c) for r in range(rows)])
    return lines


def suppression_marks(
    values: pd.DataFrame, threshold: int, row_totals: bool = False, column_totals: bool = False
) -> pd.DataFrame:
    """For each cell: None, PRIMARY or SECONDARY. With totals, the last column (row totals) or
    last row (column totals) of `values` holds them."""
    grid = values.to_numpy(dtype="int64")
    marks = np.full(grid.shape, None, dtype=object)
    marks[(grid >= 1) & (grid < threshold)] = PRIMARY
    lines = _lines(*grid.shape, row_totals, column_totals)
    changed = True
    while changed:
        changed = False
        for line in lines:
            withheld = [cell for cell in line if marks[cell] is not None]
            if len(withheld) != 1:
                continue
            *cells, total = line
            candidates = [c for c in cells if marks[c] is None and grid[c] > 0]
            chosen = min(candidates, key=lambda c: (grid[c], c)) if candidates else total
            marks[chosen] = SECONDARY
            changed = True
    return pd.DataFrame(marks, index=values.index, columns=values.columns)


def shown(value, mark, threshold: int) -> str | None:
    """What an export prints for a withheld cell (None: print the value)."""
    if mark == PRIMARY:
        return f"<{threshold}"
    if mark == SECONDARY:
        return "*"
    return None
