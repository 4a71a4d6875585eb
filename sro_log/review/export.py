"""The supervisor's CSV of exactly the filtered entry list, in the import's columns (so it can be
imported again), without notes or student references."""

import hashlib

import sqlalchemy as sa

from ..activities.records import as_text, record_of
from ..csvsafe import to_csv
from ..extensions import db
from ..imports.columns import EXPORT_COLUMNS
from ..models import Activity, District, PickListItem, School, User
from ..reports.filters import EntryFilter, select_entries

LEGACY_REF = "sro-log-{id}"  # the external_ref of an entry made in this SRO Log


def _text(value):
    """A record's value as a CSV cell: yes/no, ISO dates, lists joined by ';'."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ";".join(value)
    return as_text(value)


def _row(entry: Activity, officers: dict, schools: dict, labels: dict) -> list:
    school, district = schools.get(entry.school_id, ("", ""))
    values = {
        "id": entry.id,
        "external_ref": entry.external_ref or LEGACY_REF.format(id=entry.id),
        "officer": officers.get(entry.officer_id, ""),
        "district": district,
        "school": school,
        "kind": entry.kind,
        "status": entry.status,
        "response_minutes": getattr(entry, "response_minutes", None),
    }
    for name, value in record_of(entry, labels).items():
        values.setdefault(name, _text(value))
    return [values.get(column) for column in EXPORT_COLUMNS]


def entries_csv(f: EntryFilter) -> tuple[str, int, str]:
    """The CSV text of every entry the filter selects, its row count and its SHA-256."""
    officers = dict(db.session.execute(sa.select(User.id, User.username)).all())
    schools = {
        school_id: (name, district)
        for school_id, name, district in db.session.execute(
            sa.select(School.id, School.name, District.name).join(District)
        )
    }
    labels = dict(db.session.execute(sa.select(PickListItem.id, PickListItem.label)).all())
    entries = db.session.scalars(select_entries(f)).all()
    text = to_csv(EXPORT_COLUMNS, (_row(e, officers, schools, labels) for e in entries))
    return text, len(entries), hashlib.sha256(text.encode()).hexdigest()
