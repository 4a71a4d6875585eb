"""One run of `flask send-notifications`: every message due is rendered (a plain-text part and
an HTML part, from templates/mail/), sent over one SMTP connection, and recorded as sent or
failed. A failure (the server down, an address refused, a message that could not be rendered) is
logged, kept with its error, and the message is due again on the next run; one message failing
does not hold back the others. A message recorded as sent is never sent again."""

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask import current_app, render_template

from .. import audit
from ..extensions import db
from ..models import Notification
from .due import Due, link
from .mailer import MailSettings, connection, message
from .schedule import due_now

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    due: list[Due]
    sent: list[Due] = field(default_factory=list)
    failed: list[tuple[Due, str]] = field(default_factory=list)
    mail_off: bool = False  # no mail server is set: nothing was tried


def render(due: Due) -> tuple[str, str]:
    """The message's text and HTML parts."""
    context = {**due.context, "subject": due.subject, "settings": link("auth.mail_settings")}
    return (
        render_template(f"mail/{due.kind}.txt", **context),
        render_template(f"mail/{due.kind}.html", **context),
    )


def _record(due: Due, now: datetime, error: str | None) -> None:
    row = db.session.scalar(
        sa.select(Notification).where(
            Notification.kind == due.kind,
            Notification.user_id == due.user.id,
            Notification.about == due.about,
        )
    )
    if row is None:
        row = Notification(kind=due.kind, user_id=due.user.id, about=due.about, created_at=now)
        db.session.add(row)
    first_failure = error is not None and row.status != "failed"
    row.address, row.subject, row.last_attempt_at = due.address, due.subject, now
    row.attempts = (row.attempts or 0) + 1
    row.status, row.last_error = ("failed", error[:500]) if error else ("sent", "")
    row.sent_at = None if error else now
    db.session.flush()
    changes = {"kind": due.kind, "about": due.about, "to": row.address}
    if error is None:
        audit.record("notification_sent", row, changes, actor=None)
    elif first_failure:  # not once per run while the server stays down: the row counts them
        audit.record("notification_failed", row, {**changes, "error": row.last_error}, actor=None)


def run(now: datetime, *, dry_run: bool, commit: Callable[[], None]) -> Outcome:
    """Send what is due at `now`; `commit` is called after each message is recorded, so a run
    cut short keeps the record of what it sent."""
    outcome = Outcome(due_now(now))
    settings = MailSettings.of(current_app.config)
    if dry_run or not outcome.due:
        return outcome
    if settings is None:
        outcome.mail_off = True
        log.warning("%s messages due, and no mail server is set", len(outcome.due))
        return outcome
    pending = list(outcome.due)
    try:
        with connection(settings) as smtp:
            while pending:
                _send_one(smtp, settings.sender, pending[0], now, outcome)
                pending.pop(0)
                commit()
    except (OSError, smtplib.SMTPException) as error:  # no server, or it went away
        log.error("mail server %s:%s: %s", settings.server, settings.port, error)
        for due in pending:
            _failed(outcome, due, now, f"{type(error).__name__}: {error}")
        commit()
    return outcome


def _send_one(smtp: smtplib.SMTP, sender: str, due: Due, now: datetime, outcome: Outcome) -> None:
    try:
        text, html = render(due)
    except Exception as error:  # a message that cannot be made must not hold back the rest
        log.exception("%s to user %s about %s not rendered", due.kind, due.user.id, due.about)
        _failed(outcome, due, now, f"not rendered: {type(error).__name__}: {error}")
        return
    try:
        smtp.send_message(message(sender, due.address, due.subject, text, html))
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError) as error:
        _failed(outcome, due, now, f"refused: {error}")
    else:
        _record(due, now, None)
        outcome.sent.append(due)


def _failed(outcome: Outcome, due: Due, now: datetime, error: str) -> None:
    log.error("%s to user %s about %s not sent: %s", due.kind, due.user.id, due.about, error)
    _record(due, now, error)
    outcome.failed.append((due, error))
