"""What a spreadsheet would take for a formula, said once, and CSV writing that spreadsheet
programs open right and cannot turn into formulas.

Every file starts with a UTF-8 byte-order mark, so a spreadsheet opening it without being told
the encoding still reads a dash or an accent as written; every text field is quoted (numbers are
not), so a reader who picks another separator cannot split a cell into a formula; and text that
a spreadsheet would read as a formula gets a leading apostrophe.
"""

import csv
import io

# What a spreadsheet takes for the start of a formula (and tab and carriage return, which
# some programs skip before looking). Exports put an apostrophe before any of them.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# An import refuses a value that starts with one after its spaces, but for the minus: it also
# starts a negative number and a dashed note ("- called parent"), and what an import stores is
# neutralised again whenever it is exported.
TYPED_FORMULA_START = tuple(c for c in FORMULA_START if c not in "-\t\r")


def typed_as_formula(value) -> bool:
    """An imported value that a spreadsheet would have run: refused, so the person types the
    value itself."""
    return isinstance(value, str) and value.lstrip().startswith(TYPED_FORMULA_START)


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
