"""Read the report files back the way their readers would: csv, openpyxl, pypdf."""

import csv
import io
import re

import openpyxl
import pypdf

Key = tuple[str, str, str]  # (table title, measure, dimensions)


def read_csv(content: bytes) -> dict[Key, dict]:
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    return {(r["table"], r["measure"], r["dimensions"]): r for r in rows}


def csv_tables(numbers: dict[Key, dict]) -> dict[str, list[str]]:
    """Each table's measures in order, as the CSV lists them."""
    tables: dict[str, list[str]] = {}
    for (table, measure, _), row in numbers.items():
        if row["section"] not in ("Report", "Narrative"):
            measures = tables.setdefault(table, [])
            if measure not in measures:
                measures.append(measure)
    return tables


def read_xlsx(content: bytes, tables: dict[str, list[str]]) -> tuple[dict[Key, object], dict]:
    """Every table cell of the workbook by key, and the raw sheets (name -> rows of values)."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheets = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book}
    cells: dict[Key, object] = {}
    for rows in sheets.values():
        i = 0
        while i < len(rows):
            title = rows[i][0] if rows[i] else None
            if title in tables and i + 1 < len(rows):
                header = [h for h in rows[i + 1] if h is not None]
                measures = tables[title]
                dims = header[: len(header) - len(measures)]
                j = i + 2
                while j < len(rows) and any(v not in (None, "") for v in rows[j]):
                    row = rows[j]
                    if len(dims) and all(v in (None, "") for v in row[len(dims) :]):
                        break  # the table's note
                    if not dims and all(v in (None, "") for v in row[1:]) and j > i + 2:
                        break
                    label = "; ".join(f"{h}={'' if v is None else v}"
                                      for h, v in zip(dims, row, strict=False))  # fmt: skip
                    for m, value in zip(measures, row[len(dims) :], strict=False):
                        cells[(title, m, label)] = value
                    j += 1
                i = j
            else:
                i += 1
    return cells, sheets


def read_pdf(content: bytes) -> str:
    """The PDF's text, whitespace collapsed and digit-grouping commas removed."""
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"(?<=\d),(?=\d{3})", "", text)
