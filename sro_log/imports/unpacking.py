"""Checks of an uploaded .xlsx before any row is read (a workbook is a zip of XML parts):

- every part's declared size, and what the parts really unpack to, streamed in chunks, against
  SRO_LOG_IMPORT_MAX_UNPACKED_BYTES: a 0.6 MB file can unpack to gigabytes (a zip bomb);
- no part declares a DOCTYPE or an entity: spreadsheet XML never does, and entities are how XML
  is made to expand or to read files;
- the worksheets hold at most SRO_LOG_IMPORT_MAX_ROWS rows, counted in the XML as it streams by.

Each reads at most a chunk at a time, so a refused file costs the server little memory.
"""

import io
import zipfile
from dataclasses import dataclass

from ..refusals import ServiceError

CHUNK = 1 << 20
_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")
_ROWS = (b"<row ", b"<row>")  # a row element's start tag


class UnpackError(ServiceError):
    """Why the workbook is refused, in words for the person who uploaded it."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int  # the upload itself
    max_unpacked: int  # everything the workbook unpacks to
    max_rows: int  # data rows, the header not counted


def check_workbook(data: bytes, limits: Limits) -> None:
    """Refuse (UnpackError) a workbook that unpacks too large, declares entities or holds too
    many rows; return when its rows may be read."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UnpackError("The file is not a readable .xlsx workbook.") from None
    declared = sum(part.file_size for part in parts)
    if declared > limits.max_unpacked:
        raise UnpackError(_too_large(limits))
    unpacked = rows = 0
    for part in parts:
        sheet = part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml")
        tail = b""
        try:
            with archive.open(part) as stream:
                while chunk := stream.read(CHUNK):
                    unpacked += len(chunk)
                    if unpacked > limits.max_unpacked:
                        raise UnpackError(_too_large(limits))
                    window = tail + chunk
                    if any(d in window for d in _DECLARATIONS):
                        raise UnpackError(
                            "The workbook's XML declares entities or a DOCTYPE, "
                            "which a spreadsheet never does; it is refused."
                        )
                    if sheet:
                        rows += sum(window.count(r) - tail.count(r) for r in _ROWS)
                        if rows - 1 > limits.max_rows:
                            raise UnpackError(too_many_rows(limits))
                    tail = window[-16:]
        except (zipfile.BadZipFile, EOFError, OSError, zipfile.LargeZipFile, NotImplementedError):
            raise UnpackError(
                "The file is not a readable .xlsx workbook: a part of it is damaged or cut short."
            ) from None


def _too_large(limits: Limits) -> str:
    return (
        f"The workbook unpacks to more than {limits.max_unpacked / 2**20:.0f} MB; the limit "
        "is there so that no file can fill the server's memory. Split it into smaller files, "
        "or save it as CSV."
    )


def too_many_rows(limits: Limits) -> str:
    return (
        f"The file holds more than {limits.max_rows:,} rows, the most one import takes. "
        "Split it into smaller files and import them one after another."
    )
