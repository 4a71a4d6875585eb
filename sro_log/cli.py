"""Command-line tools, run through `flask` (e.g. `flask create-user`, `flask seed-demo`)."""

import sys
from datetime import date
from pathlib import Path

import click
import sqlalchemy as sa
from flask import Flask, current_app
from flask.cli import with_appcontext

from . import audit
from .assets import build
from .auth.passwords import password_problem
from .auth.tokens import MAX_DAYS, create_token
from .catalog import ROLES
from .clock import agency_zone, today_local
from .demo import seed_demo
from .extensions import db
from .models import District, User
from .notices.addresses import email_problem, normal_email


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@click.command("create-user")
@click.argument("username")
@click.option("--full-name", required=True, help="The name shown in the app and in reports.")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--email", default=None)
@click.option("--district", default=None, help="District name (required for partners).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create_user_command(username, full_name, role, email, district, password_stdin):
    """Create a user; the password is prompted for, or read from stdin."""
    if db.session.scalar(sa.select(User).where(User.username == username)):
        raise click.UsageError(f"User {username!r} already exists.")
    district_row = None
    if district:
        district_row = db.session.scalar(sa.select(District).where(District.name == district))
        if district_row is None:
            raise click.UsageError(f"No district named {district!r}.")
    if role == "partner" and district_row is None:
        raise click.UsageError("A district partner needs --district.")
    email = normal_email(email)
    if problem := email_problem(email, None):
        raise click.UsageError(f"--email: {problem}")
    password = _read_password(password_stdin)
    if problem := password_problem(password, (username, full_name, email or "")):
        raise click.UsageError(problem)
    user = User(
        username=username, full_name=full_name, role=role, email=email, district=district_row
    )
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    audit.record("user_create", user, {"username": username, "role": role}, actor=None)
    db.session.commit()
    click.echo(f"Created {role} {username}.")


@click.command("seed-demo")
@click.option("--seed", default=2026, show_default=True, help="Same seed, same data.")
@click.option(
    "--password",
    default="demo-password-2026",
    show_default=True,
    help="Password of every demo user (development only).",
)
@click.option(
    "--anchor",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Last day of the demo year (default: today in the agency's time zone).",
)
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has users.")
def seed_demo_command(seed, password, anchor, if_empty):
    """Fill the database with a fictional county and a year of believable entries."""
    if db.session.scalar(sa.select(sa.func.count()).select_from(User)):
        if if_empty:
            click.echo("The database already has users; demo data not added.")
            return
        raise click.UsageError("The database already has users; seed demo data into an empty one.")
    anchor_day: date = anchor.date() if anchor else today_local()
    result = seed_demo(anchor_day, seed, password, agency_zone())
    audit.record("seed_demo", None, {**result, "seed": seed}, actor=None)
    db.session.commit()
    click.echo(
        "Demo data: {entries} entries from {from} to {to}; {users} users, "
        "{schools} schools in {districts} districts.".format(**result)
    )


@click.command("create-token")
@click.argument("username")
@click.option("--name", required=True, help="What will use the token, e.g. 'CAD export'.")
@click.option("--days", type=click.IntRange(1, MAX_DAYS), default=90, show_default=True)
def create_token_command(username, name, days):
    """Make a personal access token for the API and print it (it is shown only this once)."""
    user = db.session.scalar(sa.select(User).where(User.username == username))
    if user is None or not user.active:
        raise click.UsageError(f"No active user {username!r}.")
    token = create_token(user, name, days, actor=user)
    db.session.commit()
    click.echo(token)


@click.command("build-assets")
@with_appcontext
def build_assets_command():
    """Write the static files under hashed names, compressed, for the app to serve."""
    folder = current_app.config["SRO_LOG_ASSETS_DIR"]
    if not folder:
        raise click.ClickException("SRO_LOG_ASSETS_DIR is empty: there is nowhere to build.")
    manifest = build(current_app, Path(folder))
    click.echo(f"Built {len(manifest)} static files, hashed and compressed, in {folder}.")


def register_commands(app: Flask) -> None:
    from .grants.commands import export_report_command
    from .imports.commands import import_activities_command
    from .notices.commands import send_notifications_command

    app.cli.add_command(export_report_command)
    app.cli.add_command(import_activities_command)
    app.cli.add_command(create_token_command)
    app.cli.add_command(create_user_command)
    app.cli.add_command(build_assets_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(send_notifications_command)
