"""Reading an uploaded CSV or XLSX file into rows of text, with the file-level refusals: wrong
type, too large, not UTF-8, empty, wrong or missing columns."""

import csv
import io
from dataclasses import dataclass
from datetime import datetime, time

from .columns import COLUMNS, EXPORT_ONLY, REQUIRED

FORMULA_START = ("=", "+", "@")


class ImportFileError(Exception):
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


def _csv(data: bytes) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"The file is not UTF-8 text (byte {data[error.start]:#04x} at position "
            f"{error.start}). Save it as 'CSV UTF-8' and upload it again."
        ) from None
    if "\x00" in text:
        raise ImportFileError("The file holds NUL characters: it is not a CSV text file.")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, [])
        names = _check_header(header)
        rows = [
            (reader.line_num, dict(zip(names, values, strict=False)))
            for values in reader
            if any(v.strip() for v in values)
        ]
    except csv.Error as error:
        raise ImportFileError(
            f"The CSV cannot be read near line {reader.line_num}: {error}."
        ) from None
    return Table(names, rows)


def _cell(value) -> object:
    if isinstance(value, datetime):
        return value if value.time() != time(0) else value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _xlsx(data: bytes) -> Table:
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (InvalidFileException, BadZipFile, KeyError, ValueError, OSError):
        raise ImportFileError("The file is not a readable .xlsx workbook.") from None
    sheet = book.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    names = _check_header(list(next(lines, ()) or ()))
    rows = []
    for number, values in enumerate(lines, start=2):
        cells = [_cell(v) for v in values]
        if any(v not in (None, "") for v in cells):
            rows.append((number, dict(zip(names, cells, strict=False))))
    book.close()
    return Table(names, rows)


def read_table(filename: str, data: bytes, max_bytes: int) -> Table:
    """The header and the non-empty rows of an uploaded file; ImportFileError if unusable."""
    if len(data) > max_bytes:
        raise ImportFileError(
            f"The file is {len(data) / 2**20:.1f} MB; the limit is {max_bytes / 2**20:.0f} MB. "
            "Split it into smaller files and import them one after another."
        )
    if not data.strip():
        raise ImportFileError("The file is empty.")
    name = filename.lower()
    if name.endswith(".csv"):
        table = _csv(data)
    elif name.endswith(".xlsx"):
        table = _xlsx(data)
    else:
        raise ImportFileError("Upload a .csv or .xlsx file.")
    if not table.rows:
        raise ImportFileError("The file has its column names but no rows.")
    return table
