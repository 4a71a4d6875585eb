"""`flask send-notifications [--dry-run]`: send the email that is due, for cron or a systemd
timer every few minutes (the README shows both). Exits 1 when a message failed, so the timer's
log shows it; the failed messages are tried again on the next run."""

import click

from .. import clock
from ..extensions import db
from .sending import run


@click.command("send-notifications")
@click.option("--dry-run", is_flag=True, help="List what is due; send and record nothing.")
def send_notifications_command(dry_run: bool):
    """Send the email that is due (returned entries, reminders, digests, reporting periods)."""
    outcome = run(clock.now_utc(), dry_run=dry_run, commit=db.session.commit)
    if dry_run:
        for due in outcome.due:
            click.echo(f"due: {due.kind} to {due.user.username} <{due.address}>: {due.subject}")
        click.echo(f"{len(outcome.due)} due; nothing sent (dry run).")
        return
    if outcome.mail_off:
        click.echo(f"{len(outcome.due)} due; SRO_LOG_MAIL_SERVER is not set, so none was sent.")
        return
    for due, error in outcome.failed:
        click.echo(f"failed: {due.kind} to {due.user.username}: {error}", err=True)
    click.echo(f"{len(outcome.sent)} sent, {len(outcome.failed)} failed.")
    if outcome.failed:
        raise SystemExit(1)
