"""`flask import-activities FILE [--dry-run]`: import entries from a CSV or XLSX file."""

import hashlib
from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app

from ..catalog import STAFF
from ..extensions import db
from ..models import User
from .reader import ImportFileError, limits_of, read_table
from .services import import_activities


def source_of(filename: str, data: bytes) -> dict:
    return {"file": filename, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


@click.command("import-activities")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--user", "username", required=True, help="The supervisor or admin importing.")
@click.option("--dry-run", is_flag=True, help="Check every row and report; write nothing.")
def import_activities_command(file: Path, username: str, dry_run: bool):
    """Import entries from a CSV or XLSX file in the template's columns: all rows or none."""
    importer = db.session.scalar(sa.select(User).where(User.username == username))
    if importer is None or not importer.active or importer.role not in STAFF:
        raise click.UsageError(f"{username!r} is not an active supervisor or admin.")
    data = file.read_bytes()
    try:
        table = read_table(file.name, data, limits_of(current_app.config))
    except ImportFileError as error:
        raise click.ClickException(error.message) from None
    report = import_activities(table, importer, source_of(file.name, data), dry_run=dry_run)
    for line, column, message in report.problems:
        click.echo(f"line {line}, {column}: {message}", err=True)
    if not report.ok:
        db.session.rollback()
        raise click.ClickException(
            f"{len(report.problems)} problem(s) in {report.rows} rows; nothing was imported."
        )
    if dry_run:
        click.echo(
            f"Dry run: {report.rows} rows are valid; {report.skipped} were imported "
            "before. Nothing was written."
        )
        return
    db.session.commit()
    click.echo(
        f"Imported {report.created} entries from {report.rows} rows; "
        f"{report.skipped} were imported before and were skipped."
    )
