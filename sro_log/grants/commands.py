"""`flask export-report`: a period's grant report written to a file, audited like a download."""

import os
import tempfile
from pathlib import Path

import click
import sqlalchemy as sa

from ..clock import now_utc
from ..extensions import db
from ..models import District, ReportingPeriod, School, User
from .exporting import FORMATS, export_report
from .reporting import ReportScope


def _write_atomically(path: Path, content: bytes) -> None:
    """Write beside the target and rename, so a failed run never leaves half a report."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@click.command("export-report")
@click.option("--period", "period_id", type=int, required=True, help="Reporting period id.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--district", "district_id", type=int, default=None, help="Only this district.")
@click.option("--school", "school_ids", type=int, multiple=True, help="Only these schools.")
@click.option(
    "--include-submitted",
    is_flag=True,
    help="Count entries not yet approved too (the report is then marked PROVISIONAL).",
)
@click.option("--user", "username", default=None, help="Record the export as this user's.")
def export_report_command(  # noqa: PLR0913  # one parameter per command-line option
    period_id, fmt, output, district_id, school_ids, include_submitted, username
):
    """Write a period's grant report as CSV, XLSX or PDF (small counts withheld)."""
    period = db.session.get(ReportingPeriod, period_id)
    if period is None:
        raise click.UsageError(f"No reporting period {period_id}.")
    if district_id is not None and db.session.get(District, district_id) is None:
        raise click.UsageError(f"No district {district_id}.")
    known = set(db.session.scalars(sa.select(School.id).where(School.id.in_(school_ids))))
    if unknown := sorted(set(school_ids) - known):
        raise click.UsageError(f"No school {', '.join(map(str, unknown))}.")
    actor = None
    if username:
        actor = db.session.scalar(sa.select(User).where(User.username == username))
        if actor is None:
            raise click.UsageError(f"No user {username!r}.")
    if not output.parent.is_dir():
        raise click.UsageError(f"The folder {str(output.parent)!r} does not exist.")
    scope = ReportScope(district_id, tuple(school_ids), include_submitted)
    exported = export_report(period, scope, fmt, actor, now_utc())
    _write_atomically(output, exported.content)
    db.session.commit()
    click.echo(
        f"Wrote {output} ({len(exported.content):,} bytes, {exported.rows} rows, "
        f"sha256 {exported.sha256})."
    )
