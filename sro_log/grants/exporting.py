"""Export a period's report as a file and account for it: every export writes one audit event
with who, the options, the row count and the SHA-256 of the bytes handed out."""

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import current_app

from .. import audit
from ..exports.pdf import report_pdf
from ..exports.tidy import report_csv
from ..exports.workbook import report_xlsx
from ..extensions import db
from ..models import District, ReportingPeriod, School, User
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


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _filename(period: ReportingPeriod, scope: ReportScope, fmt: str, partner: bool) -> str:
    """A name per variant, so that no download overwrites another: the award, the period, the
    district or schools, provisional when entries still waiting for review are counted, and
    the partner's copy (without the narrative)."""
    parts = [
        "sro-report",
        _slug(period.grant.award_number) or "grant",
        _slug(period.label) or f"{period.starts_on}-{period.ends_on}",
    ]
    if scope.district_id is not None:
        name = db.session.get_one(District, scope.district_id).name
        parts.append(_slug(re.sub(r"(?i)\s*school district$", "", name)))
    if scope.school_ids:
        names = db.session.scalars(
            sa.select(School.name).where(School.id.in_(scope.school_ids)).order_by(School.name)
        ).all()
        parts.extend(_slug(n) for n in names[:3])
        if len(names) > 3:
            parts.append(f"and-{len(names) - 3}-more")
    if scope.include_submitted:
        parts.append("provisional")
    if partner:
        parts.append("partner")
    return "-".join(parts) + f".{fmt}"


def export_report(
    period: ReportingPeriod,
    scope: ReportScope,
    fmt: str,
    actor: User | None,
    generated_at: datetime,
    with_narrative: bool = True,
) -> ExportFile:
    """The report file in `fmt`, small counts withheld; the audit event is added to the session
    (the caller commits it)."""
    threshold = current_app.config["SRO_LOG_SUPPRESSION_THRESHOLD"]
    report = period_report(
        period, scope, actor, generated_at, with_charts=fmt == "pdf", with_narrative=with_narrative
    )
    if fmt == "csv":
        content, rows = report_csv(report, threshold)
    elif fmt == "xlsx":
        content, rows = report_xlsx(report, threshold, generated_at)
    elif fmt == "pdf":
        content, rows = report_pdf(report, threshold), report.row_count
    else:
        raise ValueError(f"unknown format {fmt!r}")
    digest = hashlib.sha256(content).hexdigest()
    filename = _filename(period, scope, fmt, partner=not with_narrative)
    export = ExportFile(content, rows, digest, MIMETYPES[fmt], filename)
    audit.record(
        "report_export",
        period,
        {
            "format": fmt,
            "grant_id": period.grant_id,
            "period": period.label,
            **scope.params(),
            "rows": rows,
            "sha256": digest,
            "bytes": len(content),
            "filename": export.filename,
            "threshold": threshold,
            "narrative": with_narrative,
        },
        actor=actor,
    )
    return export
