"""Uploads that are not what they claim: damaged, hostile or huge spreadsheets and CSV files,
built byte by byte (shared by the tests and by bench/bad_files.py)."""

import io
import zipfile
from collections.abc import Callable
from xml.sax.saxutils import escape

from sro_log.imports.columns import REQUIRED

HEADER = [*REQUIRED, "location"]
ROW = ["imp-1", "deputy", "admin", "2026-03-10", "30", "Court", "off_campus"]
_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Entries" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>"
    ),
}
SHEET = "xl/worksheets/sheet1.xml"


def _row(number: int, values: list[str]) -> str:
    cells = "".join(f'<c t="inlineStr"><is><t>{escape(v)}</t></is></c>' for v in values)
    return f'<row r="{number}">{cells}</row>'


def sheet_xml(rows: int, prologue: str = "") -> bytes:
    """A worksheet of the header and `rows` copies of one row."""
    head = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prologue}'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + _row(1, HEADER)
    )
    body = "".join(_row(n, ROW) for n in range(2, rows + 2))
    return (head + body + "</sheetData></worksheet>").encode()


def workbook(parts: dict[str, bytes | str] | None = None, drop: tuple[str, ...] = ()) -> bytes:
    """An .xlsx of the minimal parts (one sheet of one row), with some replaced or dropped."""
    files = {**_PARTS, SHEET: sheet_xml(1), **(parts or {})}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            if name not in drop:
                archive.writestr(name, content)
    return buffer.getvalue()


def zip_bomb(unpacked_mb: int) -> bytes:
    """A workbook whose sheet unpacks to `unpacked_mb` MB of blanks (about 1 MB per GB packed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in _PARTS.items():
            archive.writestr(name, content)
        with archive.open(SHEET, "w", force_zip64=unpacked_mb >= 2000) as sheet:
            sheet.write(b'<?xml version="1.0"?><worksheet><sheetData>')
            blank = b" " * 2**20
            for _ in range(unpacked_mb):
                sheet.write(blank)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
          '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')  # fmt: skip


def csv_rows(rows: int) -> bytes:
    line = ",".join(ROW) + "\n"
    return (",".join(HEADER) + "\n" + line * rows).encode()


def bad_files(max_rows: int, bomb_mb: int) -> dict[str, Callable[[], tuple[str, bytes]]]:
    """Name -> a maker of (file name, bytes); each file must be refused with a 4xx. The zip bomb
    unpacks to `bomb_mb` MB."""
    good = workbook()
    return {
        "truncated zip": lambda: ("t.xlsx", good[: len(good) // 2]),
        "not a zip at all": lambda: ("t.xlsx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 500),
        "an empty zip": lambda: ("t.xlsx", _empty_zip()),
        "no content types": lambda: ("t.xlsx", workbook(drop=("[Content_Types].xml",))),
        "no workbook part": lambda: ("t.xlsx", workbook(drop=("xl/workbook.xml",))),
        "no worksheet part": lambda: ("t.xlsx", workbook(drop=(SHEET,))),
        "workbook XML broken": lambda: ("t.xlsx", workbook({"xl/workbook.xml": "<workbook><sh"})),
        "sheet XML broken": lambda: ("t.xlsx", workbook({SHEET: b"<worksheet><sheetData><row>"})),
        "sheet XML not XML": lambda: ("t.xlsx", workbook({SHEET: b"\xff\xfe\x00garbage"})),
        "sheet relationships broken": lambda: (
            "t.xlsx", workbook({"xl/_rels/workbook.xml.rels": "<Relationships"})),
        "a sheet with entity declarations": lambda: (
            "t.xlsx", workbook({SHEET: sheet_xml(1, prologue=LAUGHS)})),
        "a workbook part with a DOCTYPE": lambda: ("t.xlsx", workbook({"xl/workbook.xml": (
            '<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><workbook/>')})),
        "a zip bomb": lambda: ("t.xlsx", zip_bomb(bomb_mb)),
        "too many rows (xlsx)": lambda: ("t.xlsx", workbook({SHEET: sheet_xml(max_rows + 1)})),
        "too many rows (csv)": lambda: ("t.csv", csv_rows(max_rows + 1)),
        "csv not UTF-8": lambda: ("t.csv", "kind,summary\npatrol,caf\xe9".encode("latin-1")),
        "csv with a NUL": lambda: ("t.csv", b"external_ref\x00,kind\n"),
        "csv with a huge field": lambda: ("t.csv", ",".join(HEADER).encode() + b"\n"
                                          + b'"' + b"x" * 300_000 + b'"\n'),
    }  # fmt: skip


def _empty_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w"):
        pass
    return buffer.getvalue()
