"""Reading the audit trail: its filters, its query, and its CSV."""

import hashlib
import json
from datetime import datetime, time, timedelta

import sqlalchemy as sa
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Length, Optional

from .. import audit
from ..clock import agency_zone
from ..csvsafe import to_csv
from ..dates import in_calendar, not_before
from ..extensions import db
from ..formbase import Form, OptionalIntSelectField, options
from ..models import AuditEvent, User

CSV_COLUMNS = [
    "occurred_at_utc",
    "actor",
    "action",
    "object_type",
    "object_id",
    "remote_addr",
    "changes",
]


class AuditFilterForm(Form):
    class Meta:
        csrf = False

    actor_id = OptionalIntSelectField("Who", [Optional()])
    action = SelectField("Action", [Optional()])
    object_type = SelectField("Object", [Optional()])
    object_id = StringField("Object id", [Optional(), Length(max=40)])
    date_from = DateField("From", [Optional(), in_calendar])
    date_to = DateField("To", [Optional(), in_calendar, not_before("date_from")])

    def params(self) -> dict:
        """The valid filters, for the audit event that records this reading."""
        return {
            name: (value.isoformat() if hasattr(value, "isoformat") else value)
            for name in ("actor_id", "action", "object_type", "object_id", "date_from", "date_to")
            if not self[name].errors and (value := self[name].data) not in (None, "")
        }


def audit_filter_form(args) -> AuditFilterForm:
    form = AuditFilterForm(args)
    form.actor_id.choices = options(
        db.session.execute(sa.select(User.id, User.username).order_by(User.username)).all(),
        blank="Anyone",
    )

    def distinct(column):
        return [
            (v, v)
            for v in db.session.scalars(
                sa.select(column).where(column.is_not(None)).distinct().order_by(column)
            )
        ]

    actions = sorted(
        {*audit.ACTIONS, *(a for a, _ in distinct(AuditEvent.action))},
        key=lambda a: audit.ACTION_LABELS.get(a, a),
    )
    labelled = ((a, audit.ACTION_LABELS.get(a, a)) for a in actions)
    form.action.choices = options(labelled, blank="Any action")
    form.object_type.choices = options(distinct(AuditEvent.object_type), blank="Any object")
    form.validate()
    return form


def _local_day_start(day) -> datetime:
    return datetime.combine(day, time.min, tzinfo=agency_zone())


def select_events(params: dict) -> sa.Select:
    """Events matching the filters, newest first; dates are the agency's local days."""
    stmt = sa.select(AuditEvent).order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
    for name in ("actor_id", "action", "object_type", "object_id"):
        if name in params:
            stmt = stmt.where(getattr(AuditEvent, name) == params[name])
    if "date_from" in params:
        day = datetime.fromisoformat(params["date_from"]).date()
        stmt = stmt.where(AuditEvent.occurred_at >= _local_day_start(day))
    if "date_to" in params:
        day = datetime.fromisoformat(params["date_to"]).date()
        stmt = stmt.where(AuditEvent.occurred_at < _local_day_start(day + timedelta(days=1)))
    return stmt


def usernames() -> dict[int, str]:
    return dict(db.session.execute(sa.select(User.id, User.username)).all())


def events_csv(params: dict) -> tuple[bytes, int, str]:
    events = db.session.scalars(select_events(params)).all()
    names = usernames()
    rows = [
        [
            e.occurred_at.isoformat(),
            names.get(e.actor_id, ""),
            e.action,
            e.object_type or "",
            e.object_id or "",
            e.remote_addr or "",
            json.dumps(e.changes, sort_keys=True, ensure_ascii=False) if e.changes else "",
        ]
        for e in events
    ]
    content = to_csv(CSV_COLUMNS, rows).encode("utf-8")
    return content, len(rows), hashlib.sha256(content).hexdigest()


FOLD_AT = 120  # a detail longer than this shows its start, and the rest on a click
_SHOWN_START = 80


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return "; ".join(f"{k.replace('_', ' ')}: {_shown(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value) or "—"
    return str(value)


def detail_rows(changes: dict | None) -> list[tuple[str, str, str | None]]:
    """An event's details as (label, text, start of a long text): a change reads
    'before → after'. Plain text, escaped by the template like any other."""
    rows = []
    for key, value in (changes or {}).items():
        if isinstance(value, dict) and set(value) == {"before", "after"}:
            text = f"{_shown(value['before'])} → {_shown(value['after'])}"
        else:
            text = _shown(value)
        start = text[:_SHOWN_START].rstrip() + "…" if len(text) > FOLD_AT else None
        rows.append((key.replace("_", " ").capitalize(), text, start))
    return rows
