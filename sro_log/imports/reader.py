"""Reading an uploaded CSV or XLSX file into rows of text, with the file-level refusals: wrong
type, too large (packed or unpacked), too many rows, not UTF-8, empty, damaged, wrong or missing
columns."""

import csv
import io
import logging
from dataclasses import dataclass
from datetime import datetime, time

from ..refusals import ServiceError
from .columns import COLUMNS, EXPORT_ONLY, REQUIRED
from .unpacking import Limits, UnpackError, check_workbook, too_many_rows

log = logging.getLogger(__name__)


class ImportFileError(ServiceError):
    """The file as a whole cannot be imported; the message says why and what to do."""


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, dict[str, object]]]  # (line or spreadsheet row number, values)


def _check_header(header: list[str]) -> list[str]:
    names = [str(h or "").strip().lower() for h in header]
    while names and not names[-1]:
        names.pop()
    if not names:
        raise ImportFileError("The file is empty: the first line must name the columns.")
    unknown = [n for n in names if n not in COLUMNS and n not in EXPORT_ONLY]
    if unknown:
        raise ImportFileError(
            f"Unknown column(s): {', '.join(repr(n) for n in unknown)}. Use the template's "
            "column names (download the template from the import page)."
        )
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise ImportFileError(f"Column(s) named twice: {', '.join(duplicated)}.")
    missing = [n for n in REQUIRED if n not in names]
    if missing:
        raise ImportFileError(f"Missing required column(s): {', '.join(missing)}.")
    return names


def limits_of(config) -> Limits:
    """The import's limits, from the configuration."""
    return Limits(
        config["SRO_LOG_IMPORT_MAX_BYTES"],
        config["SRO_LOG_IMPORT_MAX_UNPACKED_BYTES"],
        config["SRO_LOG_IMPORT_MAX_ROWS"],
    )


def _csv(data: bytes, limits: Limits) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"The file is not UTF-8 text (byte {data[error.start]:#04x} at position "
            f"{error.start}). Save it as 'CSV UTF-8' and upload it again."
        ) from None
    if "\x00" in text:
        raise ImportFileError("The file holds NUL characters: it is not a CSV text file.")
    if text.count("\n") > limits.max_rows + 1:  # perhaps too many: count the rows first,
        _count_rows(text, limits)  # without keeping them
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, [])
        names = _check_header(header)
        rows: list[tuple[int, dict[str, object]]] = []
        for values in reader:
            if any(v.strip() for v in values):
                rows.append((reader.line_num, dict(zip(names, values, strict=False))))
                if len(rows) > limits.max_rows:
                    raise ImportFileError(too_many_rows(limits))
    except csv.Error as error:
        raise ImportFileError(
            f"The CSV cannot be read near line {reader.line_num}: {error}."
        ) from None
    return Table(names, rows)


def _count_rows(text: str, limits: Limits) -> None:
    """Refuse a CSV of more than the limit's rows (blank lines and the header not counted)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = 0
    try:
        for values in reader:
            rows += any(v.strip() for v in values)
            if rows - 1 > limits.max_rows:
                raise ImportFileError(too_many_rows(limits))
    except csv.Error:
        return  # the reading proper says where and why


def _cell(value) -> object:
    if isinstance(value, datetime):
        return value if value.time() != time(0) else value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _xlsx(data: bytes, limits: Limits) -> Table:
    from openpyxl import load_workbook

    try:
        check_workbook(data, limits)
    except UnpackError as error:
        raise ImportFileError(error.message) from None
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            return _xlsx_rows(book, limits)
        finally:
            book.close()
    except ImportFileError:
        raise
    except Exception as error:
        # openpyxl documents no one error for a damaged workbook (missing parts, bad XML, wrong
        # types give KeyError, ParseError, TypeError, ...): any of them means the same here.
        log.info("an uploaded workbook could not be read: %r", error)
        raise ImportFileError(
            "The file is not a readable .xlsx workbook: a part of it is "
            "missing or damaged. Open it in a spreadsheet program and save it "
            "again, or save it as CSV."
        ) from None


def _xlsx_rows(book, limits: Limits) -> Table:
    if not book.worksheets:
        raise ImportFileError("The workbook has no worksheet.")
    lines = book.worksheets[0].iter_rows(values_only=True)
    names = _check_header(list(next(lines, ()) or ()))
    rows = []
    for number, values in enumerate(lines, start=2):
        cells = [_cell(v) for v in values]
        if any(v not in (None, "") for v in cells):
            rows.append((number, dict(zip(names, cells, strict=False))))
            if len(rows) > limits.max_rows:
                raise ImportFileError(too_many_rows(limits))
    return Table(names, rows)


def read_table(filename: str, data: bytes, limits: Limits) -> Table:
    """The header and the non-empty rows of an uploaded file; ImportFileError if unusable."""
    if len(data) > limits.max_bytes:
        raise ImportFileError(
            f"The file is {len(data) / 2**20:.1f} MB; the limit is "
            f"{limits.max_bytes / 2**20:.0f} MB. Split it into smaller files and import them one "
            "after another."
        )
    if not data.strip():
        raise ImportFileError("The file is empty.")
    name = filename.lower()
    if name.endswith(".csv"):
        table = _csv(data, limits)
    elif name.endswith(".xlsx"):
        table = _xlsx(data, limits)
    else:
        raise ImportFileError("Upload a .csv or .xlsx file.")
    if not table.rows:
        raise ImportFileError("The file has its column names but no rows.")
    return table
