"""CSV writing that spreadsheet programs open right and cannot turn into formulas.

Every file starts with a UTF-8 byte-order mark, so a spreadsheet opening it without being told
the encoding still reads a dash or an accent as written; every text field is quoted (numbers are
not), so a reader who picks another separator cannot split a cell into a formula; and text that
a spreadsheet would read as a formula gets a leading apostrophe.
"""

import csv
import io

# What a spreadsheet takes for the start of a formula (and tab and carriage return, which
# some programs skip before looking).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def neutralise(value):
    """Prefix text that a spreadsheet would read as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(header: list[str], rows) -> str:
    """The file's text, byte-order mark first: encode it as UTF-8."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
    return buffer.getvalue()
