"""Importing entries from a spreadsheet: every row checked by the pages' own forms, then all
rows created or none. Rows whose external_ref is already in the database are skipped, so the
same file imported twice creates nothing new. Each created entry is audited as an import."""

import logging
import re
from dataclasses import dataclass, field

import sqlalchemy as sa

from .. import audit, clock
from ..activities.records import Lookups, RecordInvalid, as_text, check_record
from ..catalog import KINDS, STATUSES
from ..csvsafe import typed_as_formula
from ..extensions import db
from ..ids import MAX_ID
from ..models import ACTIVITY_CLASSES, Activity, ProgramGoal, User
from .columns import RECORD_COLUMNS
from .reader import Table

log = logging.getLogger(__name__)
_OWN_REF = re.compile(r"sro-log-([0-9]{1,10})")
BATCH = 1000
DEFAULT_STATUS = "approved"
_YES, _NO = {"yes", "y", "true", "1", "x"}, {"no", "n", "false", "0", ""}


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    skipped: int = 0  # already imported (their external_ref exists)
    problems: list[tuple[int, str, str]] = field(default_factory=list)  # (line, column, message)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class _Row:
    line: int
    ref: str
    officer_id: int
    kind: str
    status: str
    data: dict
    goal_ids: list[int]


class _Places:
    """Officers by username, and schools by (district, name) and by name alone."""

    def __init__(self) -> None:
        officers = sa.select(User.username, User.id).where(User.role == "officer")
        self.officers = {u.casefold(): i for u, i in db.session.execute(officers)}
        self.schools: dict[tuple[str, str], int] = {}
        self.by_name: dict[str, list[int]] = {}

    def load_schools(self, lookups: Lookups):
        for s in lookups.schools:
            self.schools[(s.district_name.casefold(), s.name.casefold())] = s.id
            self.by_name.setdefault(s.name.casefold(), []).append(s.id)

    def school_id(self, district: str, name: str) -> tuple[int | None, str | None]:
        if not name:
            return None, None
        if district:
            found = self.schools.get((district.casefold(), name.casefold()))
            return (found, None) if found else (None, f"No school '{name}' in '{district}'.")
        named = self.by_name.get(name.casefold(), [])
        if len(named) > 1:
            return None, f"Several districts have a school named '{name}': fill in 'district'."
        return (named[0], None) if named else (None, f"Unknown school '{name}'.")


def _formula_problems(line: int, values: dict) -> list[tuple[int, str, str]]:
    return [
        (line, column, "Looks like a spreadsheet formula: type the value itself.")
        for column, value in values.items()
        if typed_as_formula(value)
    ]


def _check_row(line: int, values: dict, places: _Places, lookups: Lookups):
    """A row's entry, or its problems as (line, column, message)."""
    text = {k: as_text(v) for k, v in values.items()}
    problems = _formula_problems(line, values)
    kind, status = text.get("kind", "").lower(), text.get("status", "").lower() or DEFAULT_STATUS
    officer_id = places.officers.get(text.get("officer", "").casefold())
    if not text.get("external_ref"):
        problems.append((line, "external_ref", "Give the row's unique key."))
    elif len(text["external_ref"]) > 80:
        problems.append((line, "external_ref", "At most 80 characters."))
    if officer_id is None:
        problems.append((line, "officer", f"No officer with username '{text.get('officer')}'."))
    if status not in STATUSES:
        problems.append((line, "status", f"Use one of: {', '.join(STATUSES)}."))
    school_id, school_problem = places.school_id(text.get("district", ""), text.get("school", ""))
    if school_problem:
        problems.append((line, "school", school_problem))
    if kind not in KINDS:
        problems.append((line, "kind", f"Use one of: {', '.join(KINDS)}."))
        return None, problems
    record: dict[str, object] = {c: text[c] for c in RECORD_COLUMNS if text.get(c)}
    record["school_id"] = school_id
    weapon = text.get("weapon_involved", "").lower()
    if weapon not in _YES | _NO:
        problems.append((line, "weapon_involved", "Write yes or no."))
    record["weapon_involved"] = weapon in _YES
    if problems or officer_id is None:  # an unknown officer is one of the problems
        return None, problems
    try:
        data, goal_ids = check_record(kind, record, lookups)
    except RecordInvalid as invalid:
        return None, [
            (line, "school" if name == "school_id" else name, message)
            for name, messages in invalid.errors.items()
            for message in messages
        ]
    return _Row(line, text["external_ref"], officer_id, kind, status, data, goal_ids), []


def check_rows(table: Table, report: ImportReport) -> list[_Row]:
    """Check every row (all problems are reported, not just the first); skip known refs."""
    lookups, places = Lookups.load(), _Places()
    places.load_schools(lookups)
    checked: list[_Row] = []
    seen: dict[str, int] = {}
    for line, values in table.rows:
        report.rows += 1
        row, problems = _check_row(line, values, places, lookups)
        report.problems.extend(problems)
        if row is None:
            continue
        if row.ref in seen:
            report.problems.append((line, "external_ref", f"The same key as line {seen[row.ref]}."))
        seen.setdefault(row.ref, line)
        checked.append(row)
    known = _known_refs([r.ref for r in checked]) | _own_exports(checked)
    report.skipped = sum(1 for r in checked if r.ref in known)
    return [r for r in checked if r.ref not in known]


def _known_refs(refs: list[str]) -> set[str]:
    known: set[str] = set()
    for start in range(0, len(refs), BATCH):
        chunk = refs[start : start + BATCH]
        stored = sa.select(Activity.external_ref).where(Activity.external_ref.in_(chunk))
        known |= {ref for ref in db.session.scalars(stored) if ref is not None}
    return known


def _own_exports(rows: list[_Row]) -> set[str]:
    """Refs like 'sro-log-42', which the entries CSV gives entries made in SRO Log, that name an
    entry of this database with the same officer, day, kind and duration: the file is this
    database's own export, and importing it again must not copy its entries."""
    wanted = {int(m.group(1)): r for r in rows if (m := _OWN_REF.fullmatch(r.ref))}
    found = set()
    ids = [i for i in wanted if i <= MAX_ID]
    columns = (
        Activity.id,
        Activity.officer_id,
        Activity.occurred_on,
        Activity.kind,
        Activity.duration_minutes,
    )
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        stmt = sa.select(*columns).where(Activity.id.in_(chunk), Activity.external_ref.is_(None))
        for entry_id, *facts in db.session.execute(stmt):
            row = wanted[entry_id]
            same = (row.officer_id, row.data["occurred_on"], row.kind, row.data["duration_minutes"])
            if tuple(facts) == same:
                found.add(row.ref)
    return found


def import_activities(table: Table, importer: User, source: dict, dry_run=False) -> ImportReport:
    """Check every row, then create them all (or, with a problem or a dry run, none)."""
    report = ImportReport(dry_run=dry_run)
    rows = check_rows(table, report)
    if report.problems or dry_run:
        return report
    goals = {g.id: g for g in db.session.scalars(sa.select(ProgramGoal))}
    now = clock.now_utc()
    for start in range(0, len(rows), BATCH):
        batch = [_entry(row, goals, importer, now) for row in rows[start : start + BATCH]]
        db.session.add_all(batch)
        db.session.flush()
        audit.write(
            [
                audit.event(
                    "activity_import",
                    entry,
                    {"external_ref": row.ref, "line": row.line, "sha256": source.get("sha256")},
                    actor=importer,
                )
                for row, entry in zip(rows[start : start + BATCH], batch, strict=True)
            ]
        )
        for written in batch:  # keep memory flat on large files
            db.session.expunge(written)
    report.created = len(rows)
    audit.record(
        "import_run",
        None,
        {**source, "rows": report.rows, "created": report.created, "skipped": report.skipped},
        actor=importer,
    )
    log.info(
        "import by %s: %s rows, %s created, %s skipped",
        importer.id,
        report.rows,
        report.created,
        report.skipped,
    )
    return report


def _entry(row: _Row, goals: dict, importer: User, now) -> Activity:
    entry = ACTIVITY_CLASSES[row.kind](
        officer_id=row.officer_id, external_ref=row.ref, status=row.status, **row.data
    )
    entry.goals = [goals[i] for i in row.goal_ids]
    if row.status in ("submitted", "approved", "returned"):
        entry.submitted_at = now
    if row.status in ("approved", "returned"):
        entry.reviewed_at, entry.reviewed_by_id = now, importer.id
    return entry
