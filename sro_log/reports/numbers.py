"""How a number is rounded and printed, the same way on screen, in CSV, XLSX and PDF.

Hours are kept exact (minutes / 60) until they are printed, and printed to one decimal rounded
half up, as readers and Excel's ROUND expect: 273.25 hours print as 273.3, not 273.2 (Python's
round() and numpy round half to even).
"""

from decimal import ROUND_HALF_UP, Decimal
from typing import overload

import numpy as np
import pandas as pd

ONE_DECIMAL = Decimal("0.1")
HOURS_FORMAT = "#,##0.0"  # the workbook's number format for hours: one decimal, full value kept


@overload
def hours(minutes: np.ndarray | pd.Series) -> np.ndarray: ...
@overload
def hours(minutes: float) -> float: ...
def hours(minutes):
    """Exact hours of minutes (a number or an array)."""
    if isinstance(minutes, np.ndarray | pd.Series):
        return np.asarray(minutes, dtype="float64") / 60
    return float(minutes) / 60


def half_up(value: float, places: Decimal = ONE_DECIMAL) -> Decimal:
    """`value` rounded half up. The float's shortest repr is its decimal value as written
    (minutes / 60 is 273.25 exactly, or a repeating decimal that is never a tie)."""
    return Decimal(repr(float(value))).quantize(places, rounding=ROUND_HALF_UP)


def one_decimal(value: float) -> float:
    """A value rounded half up to one decimal, as a float (for charts and JSON)."""
    return float(half_up(value))


def hours_text(value: float, thousands: bool = True) -> str:
    """Hours as printed: one decimal, half up; with thousands separators for people."""
    rounded = half_up(value)
    return f"{rounded:,}" if thousands else f"{rounded}"
