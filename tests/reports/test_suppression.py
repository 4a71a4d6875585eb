"""Small counts are withheld, and a second cell wherever a total would give the first away."""

import pandas as pd
import pytest

from sro_log.reports.suppression import shown, suppression_marks


def _display(grid, threshold=10, rows=False, columns=False):
    frame = pd.DataFrame(grid)
    marks = suppression_marks(frame, threshold, row_totals=rows, column_totals=columns)
    return [
        [shown(v, m, threshold) or str(v) for v, m in zip(values, row_marks, strict=True)]
        for values, row_marks in zip(grid, marks.to_numpy().tolist(), strict=True)
    ]


CASES = {
    "single small cell, no total": (
        [[3], [25], [40]], {}, 10,
        [["<10"], ["25"], ["40"]],
    ),
    "small cell with its column total shown: the next smallest is withheld too": (
        [[3], [25], [40], [68]], {"columns": True}, 10,
        [["<10"], ["*"], ["40"], ["68"]],
    ),
    "a line with two small cells already hides each of them": (
        [[3], [4], [40], [47]], {"columns": True}, 10,
        [["<10"], ["<10"], ["40"], ["47"]],
    ),
    "a row with two small cells and its row total": (
        [[3, 4, 30, 37]], {"rows": True}, 10,
        [["<10", "<10", "30", "37"]],
    ),
    "threshold changed by config": (
        [[3], [12], [40], [55]], {"columns": True}, 5,
        [["<5"], ["*"], ["40"], ["55"]],
    ),
    "zero stays zero and is never the second cell": (
        [[0], [3], [0], [50], [53]], {"columns": True}, 10,
        [["0"], ["<10"], ["0"], ["*"], ["53"]],
    ),
    "a second cell whose other cells are all zero takes its total with it": (
        [[3, 40, 43], [50, 0, 50], [53, 40, 93]], {"rows": True, "columns": True}, 10,
        [["<10", "*", "*"], ["*", "0", "*"], ["*", "*", "93"]],
    ),
    "a small total is itself withheld with its parts": (
        [[2], [5], [7]], {"columns": True}, 10,
        [["<10"], ["<10"], ["<10"]],
    ),
    "a second cell that leaves a lone withheld cell in its column is followed there": (
        [[3, 20, 23], [30, 40, 70], [33, 60, 93]], {"rows": True, "columns": True}, 10,
        [["<10", "*", "23"], ["*", "*", "70"], ["33", "60", "93"]],
    ),
}  # fmt: skip


@pytest.mark.parametrize("grid, totals, threshold, expected", CASES.values(), ids=CASES.keys())
def test_suppression_gives_the_expected_grid(grid, totals, threshold, expected):
    assert _display(grid, threshold, **totals) == expected


def test_every_line_with_a_total_has_no_lone_withheld_cell():
    grid = [[1, 0, 14, 15], [0, 9, 30, 39], [22, 5, 0, 27], [23, 14, 44, 81]]
    marks = suppression_marks(pd.DataFrame(grid), 10, row_totals=True, column_totals=True)
    withheld = marks.notna().to_numpy()
    assert all(withheld[r].sum() != 1 for r in range(4))
    assert all(withheld[:, c].sum() != 1 for c in range(4))
    assert not withheld[0, 1] and not withheld[2, 2]  # zeros stay shown
