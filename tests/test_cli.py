"""The `flask` commands: create-user and seed-demo."""

import hashlib
from datetime import date

import pytest
import sqlalchemy as sa

from sro_log.audit_guard import guard, unguard
from sro_log.catalog import KINDS
from sro_log.demo_texts import RETURN_COMMENTS
from sro_log.models import (
    Activity,
    AuditEvent,
    CalendarSpan,
    District,
    Grant,
    ReportingPeriod,
    School,
    User,
)
from sro_log.reports.missing_days import days_not_logged


def test_create_user_reads_the_password_from_stdin(runner, db):
    result = runner.invoke(
        args=[
            "create-user",
            "dana",
            "--full-name",
            "Dep. Dana Whitfield",
            "--role",
            "officer",
            "--password-stdin",
        ],
        input="a-long-enough-password\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(User).where(User.username == "dana"))
    assert user.role == "officer" and user.check_password("a-long-enough-password")
    assert db.session.scalar(sa.select(AuditEvent.action)) == "user_create"


def test_create_user_prompts_for_the_password_twice(runner, db):
    result = runner.invoke(
        args=["create-user", "sam", "--full-name", "Sam", "--role", "admin"],
        input="a-long-enough-password\na-long-enough-password\n",
    )
    assert result.exit_code == 0, result.output
    assert db.session.scalar(sa.select(User.role).where(User.username == "sam")) == "admin"


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["--role", "sheriff"], "a-long-enough-password\n", "Invalid value for '--role'"),
        (["--role", "officer"], "short\n", "at least 12 characters"),
        (["--role", "partner"], "a-long-enough-password\n", "needs --district"),
        (["--role", "partner", "--district", "Nowhere"], "a-long-enough-password\n", "No district"),
        (
            ["--role", "officer", "--email", "not an address"],
            "a-long-enough-password\n",
            "like name@example.org",
        ),
    ],
)
def test_create_user_refuses_bad_input_and_writes_nothing(runner, db, args, stdin, message):
    result = runner.invoke(
        args=["create-user", "x", "--full-name", "X", "--password-stdin", *args], input=stdin
    )
    assert result.exit_code == 2
    assert message in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_create_user_refuses_a_duplicate_username(runner, make_user):
    make_user("officer", username="dana")
    result = runner.invoke(
        args=["create-user", "dana", "--full-name", "D", "--role", "officer", "--password-stdin"],
        input="a-long-enough-password\n",
    )
    assert result.exit_code == 2 and "already exists" in result.output


def test_create_user_refuses_an_email_address_another_user_has(runner, make_user):
    make_user("officer", username="dana", email="dana@example.org")
    result = runner.invoke(
        args=["create-user", "sam", "--full-name", "S", "--role", "officer", "--password-stdin",
              "--email", "DANA@example.org"],
        input="a-long-enough-password\n",
    )  # fmt: skip
    assert result.exit_code == 2 and "Another user has this email address." in result.output


def test_create_user_gives_a_partner_their_district(runner, db):
    db.session.add(District(name="Northfield R-VII"))
    db.session.commit()
    result = runner.invoke(
        args=[
            "create-user",
            "helen",
            "--full-name",
            "Helen",
            "--role",
            "partner",
            "--district",
            "Northfield R-VII",
            "--password-stdin",
        ],
        input="a-long-enough-password\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(User).where(User.username == "helen"))
    assert user.district.name == "Northfield R-VII"


def fingerprint(db) -> str:
    rows = db.session.execute(
        sa.select(
            Activity.kind,
            Activity.occurred_on,
            Activity.start_time,
            Activity.duration_minutes,
            Activity.status,
            Activity.summary,
            Activity.location,
            User.username,
            School.name,
        )
        .join(User, User.id == Activity.officer_id)
        .outerjoin(School)
        .order_by(Activity.occurred_on, User.username, Activity.start_time, Activity.kind)
    ).all()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def wipe(db):
    db.session.remove()
    with db.engine.begin() as conn:
        unguard(conn)
        for table in reversed(db.metadata.sorted_tables):
            if table.name not in ("program_goals", "pick_list_items"):
                conn.execute(table.delete())
        guard(conn)


def test_seed_demo_builds_a_believable_county_and_is_repeatable(runner, db):
    args = ["seed-demo", "--seed", "7", "--anchor", "2026-05-29", "--password", "demo-pass-12345"]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output

    roles = dict(
        db.session.execute(sa.select(User.role, sa.func.count()).group_by(User.role)).all()
    )
    assert roles == {"officer": 5, "supervisor": 1, "admin": 1, "partner": 1}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(District)) == 2
    levels = db.session.scalars(sa.select(School.level)).all()
    assert sorted(levels) == sorted(["elementary", "middle", "high"] * 2)
    entries = db.session.scalar(sa.select(sa.func.count()).select_from(Activity))
    assert 3000 <= entries <= 5000
    kinds = set(db.session.scalars(sa.select(Activity.kind).distinct()))
    assert kinds == set(KINDS)
    statuses = dict(
        db.session.execute(
            sa.select(Activity.status, sa.func.count()).group_by(Activity.status)
        ).all()
    )
    assert statuses["approved"] > entries * 0.8
    assert statuses["submitted"] > 0 and statuses["returned"] > 0
    returned = db.session.execute(
        sa.select(Activity.kind, Activity.review_comment).where(Activity.status == "returned")
    ).all()
    assert all(comment in RETURN_COMMENTS[kind] for kind, comment in returned)
    assert not [
        kind for kind, comment in returned if "grade levels" in comment and kind != "classroom"
    ]
    first, last = db.session.execute(
        sa.select(sa.func.min(Activity.occurred_on), sa.func.max(Activity.occurred_on))
    ).one()
    assert first >= date(2025, 5, 30) and last <= date(2026, 5, 29)
    officer = db.session.scalar(sa.select(User).where(User.username == "officer"))
    assert officer.check_password("demo-pass-12345")
    cadences = db.session.scalars(sa.select(Grant.cadence).order_by(Grant.cadence)).all()
    assert cadences == ["cops_half_year", "quarterly"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReportingPeriod)) >= 8
    years = db.session.scalars(
        sa.select(CalendarSpan.label).where(CalendarSpan.kind == "year").distinct()
    )
    assert sorted(years) == ["2024-25", "2025-26", "2026-27"]
    found = days_not_logged(date(2026, 5, 1), date(2026, 5, 29))
    assert len(found) == 5 and all(r.school_days == 21 for r in found)  # May's 21 weekdays
    before = fingerprint(db)

    wipe(db)
    assert runner.invoke(args=args).exit_code == 0
    assert fingerprint(db) == before


def test_seed_demo_if_empty_leaves_a_database_with_users_alone(runner, make_user):
    make_user("admin")
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert result.exit_code == 0 and "not added" in result.output
