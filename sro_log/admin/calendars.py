"""Keeping the districts' school calendars: a span added by hand or a CSV of them imported (all
of it or nothing, with a message per line). Services flush and audit; the view commits."""

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from .. import audit
from ..calendars import KIND_WORDS, Span, span_problems
from ..dates import FIRST_DAY, LAST_DAY
from ..extensions import db
from ..models import CalendarSpan, District, User
from .reference_data import AdminError, create, snapshot

COLUMNS = ("district", "kind", "label", "starts_on", "ends_on")
SPAN_FIELDS = ("district_id", "kind", "label", "starts_on", "ends_on")
MAX_ROWS = 2000  # decades of calendars for every district: a larger file is not a calendar


def existing_spans(district_id: int) -> list[tuple[Span, str]]:
    rows = db.session.scalars(
        sa.select(CalendarSpan).where(CalendarSpan.district_id == district_id)
    )
    return [(Span(r.kind, r.starts_on, r.ends_on), r.label) for r in rows]


def add_span(values: dict, actor: User) -> CalendarSpan:
    span = Span(values["kind"], values["starts_on"], values["ends_on"])
    if problems := span_problems(span, values["label"], existing_spans(values["district_id"])):
        raise AdminError(" ".join(problems))
    return create(CalendarSpan(**values), SPAN_FIELDS, actor)


def delete_span(span: CalendarSpan, actor: User) -> None:
    audit.record("admin_delete", span, snapshot(span, SPAN_FIELDS), actor=actor)
    db.session.delete(span)
    db.session.flush()


@dataclass
class CalendarImport:
    rows: int = 0
    added: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, message)

    @property
    def ok(self) -> bool:
        return not self.problems


def _day(text: str) -> date | None:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        return None
    return day if FIRST_DAY <= day <= LAST_DAY else None


def _read(data: bytes, report: CalendarImport) -> list[tuple[int, dict[str, str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.problems.append((0, "The file is not UTF-8 text: save it as 'CSV UTF-8'."))
        return []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        if tuple(header[: len(COLUMNS)]) != COLUMNS:
            report.problems.append((1, f"The first line must be: {','.join(COLUMNS)}."))
            return []
        rows = []
        for values in reader:
            if any(v.strip() for v in values):
                rows.append((reader.line_num, dict(zip(COLUMNS, values, strict=False))))
            if len(rows) > MAX_ROWS:
                report.problems.append((reader.line_num, f"More than {MAX_ROWS} rows."))
                return []
    except csv.Error as error:
        report.problems.append((reader.line_num, f"The CSV cannot be read: {error}."))
        return []
    return rows


def _check_line(
    text: dict[str, str], districts: dict[str, int], calendars: dict[int, list]
) -> tuple[dict | None, list[str]]:
    """One line's span (its model values) or why it cannot be added; a good span joins its
    district's calendar at once, so later lines are checked against it."""
    district_id = districts.get(text["district"].lower())
    kind = KIND_WORDS.get(text["kind"].lower())
    first, last = _day(text["starts_on"]), _day(text["ends_on"])
    problems = [
        message
        for bad, message in (
            (district_id is None, f"No district is named {text['district']!r}."),
            (kind is None, "The kind is one of: year, holiday, break."),
            (not text["label"], "Give the span a name (e.g. 'Winter break')."),
            (first is None, "starts_on is not a date written as YYYY-MM-DD."),
            (last is None, "ends_on is not a date written as YYYY-MM-DD."),
        )
        if bad
    ]
    if problems or district_id is None or kind is None or first is None or last is None:
        return None, problems
    known = calendars.setdefault(district_id, existing_spans(district_id))
    span = Span(kind, first, last)
    if problems := span_problems(span, text["label"], known):
        return None, problems
    known.append((span, text["label"]))
    values = (district_id, kind, text["label"], first, last)
    return dict(zip(SPAN_FIELDS, values, strict=True)), []


def import_calendar(data: bytes, actor: User) -> CalendarImport:
    """Add every span of the file, or none: each bad line is reported with why. Years are
    checked first, so a holiday may come before its year in the file."""
    report = CalendarImport()
    rows = _read(data, report)
    report.rows = len(rows)
    districts = {
        name.lower(): i for i, name in db.session.execute(sa.select(District.id, District.name))
    }
    calendars: dict[int, list[tuple[Span, str]]] = {}
    new = []
    for line, values in sorted(rows, key=lambda r: (r[1].get("kind", "").strip() != "year", r[0])):
        text = {k: (values.get(k) or "").strip() for k in COLUMNS}
        span, problems = _check_line(text, districts, calendars)
        if span is not None:
            new.append(span)
        report.problems += [(line, message) for message in problems]
    report.problems.sort()
    if report.ok and new:
        db.session.add_all(CalendarSpan(**values) for values in new)
        db.session.flush()
        report.added = len(new)
        digest = hashlib.sha256(data).hexdigest()
        audit.record("calendar_import", None, {"rows": len(new), "sha256": digest}, actor=actor)
    return report
