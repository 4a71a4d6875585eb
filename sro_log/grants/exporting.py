"""Export a period's report as a file and account for it: every export writes one audit event
with who, the options, the row count and the SHA-256 of the bytes handed out."""

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from flask import current_app

from .. import audit
from ..exports.pdf import report_pdf
from ..exports.tidy import report_csv
from ..exports.workbook import report_xlsx
from ..models import ReportingPeriod, User
from .reporting import ReportScope, period_report

MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
FORMATS = tuple(MIMETYPES)


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    rows: int
    sha256: str
    mimetype: str
    filename: str


def _filename(period: ReportingPeriod, fmt: str) -> str:
    award = re.sub(r"[^A-Za-z0-9]+", "-", period.grant.award_number).strip("-") or "grant"
    return f"sro-report-{award}-{period.starts_on}-{period.ends_on}.{fmt}"


def export_report(period: ReportingPeriod, scope: ReportScope, fmt: str, actor: User | None,
                  generated_at: datetime, with_narrative: bool = True) -> ExportFile:  # fmt: skip
    """The report file in `fmt`, small counts withheld; the audit event is added to the session
    (the caller commits it)."""
    threshold = current_app.config["SRO_LOG_SUPPRESSION_THRESHOLD"]
    report = period_report(period, scope, actor, generated_at, with_charts=fmt == "pdf",
                           with_narrative=with_narrative)  # fmt: skip
    if fmt == "csv":
        content, rows = report_csv(report, threshold)
    elif fmt == "xlsx":
        content, rows = report_xlsx(report, threshold, generated_at)
    elif fmt == "pdf":
        content, rows = report_pdf(report, threshold), report.row_count
    else:
        raise ValueError(f"unknown format {fmt!r}")
    digest = hashlib.sha256(content).hexdigest()
    export = ExportFile(content, rows, digest, MIMETYPES[fmt], _filename(period, fmt))
    audit.record("report_export", period, {
        "format": fmt, "grant_id": period.grant_id, "period": period.label,
        **scope.params(), "rows": rows, "sha256": digest, "bytes": len(content),
        "filename": export.filename, "threshold": threshold, "narrative": with_narrative,
    }, actor=actor)  # fmt: skip
    return export
