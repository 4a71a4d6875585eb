"""The migrations build, from an empty database, exactly what the models describe."""

import uuid

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from sro_log import create_app
from sro_log.catalog import GOALS, PICK_LISTS
from sro_log.extensions import db


@pytest.fixture
def empty_database_url(app, tmp_path):
    """A brand-new database of the same kind as the suite's: a SQLite file or a PostgreSQL one."""
    url = sa.make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "postgresql":
        yield f"sqlite:///{tmp_path / 'empty.sqlite'}"
        return
    name = f"sro_log_migration_{uuid.uuid4().hex[:8]}"
    server = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    yield url.set(database=name).render_as_string(hide_password=False)
    with server.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
    server.dispose()


def test_upgrading_an_empty_database_matches_the_models_and_seeds_goals_and_pick_lists(
    empty_database_url,
):
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=empty_database_url)
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), db.metadata)
            goals = (
                conn.execute(sa.text("SELECT code FROM program_goals ORDER BY position"))
                .scalars()
                .all()
            )
            items = conn.execute(sa.text("SELECT count(*) FROM pick_list_items")).scalar()
        db.engine.dispose()

    assert differences == []
    assert goals == [code for code, _, _ in GOALS]
    assert items == sum(len(values) for _, values in PICK_LISTS.values())


def test_upgrading_a_database_with_entries_keeps_them_and_fills_in_the_derived_columns(
    empty_database_url,
):
    """0002 and 0004 rebuild and backfill tables that other rows refer to, and 0013 makes each
    address one user's: try it with data."""
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=empty_database_url)
    with app.app_context():
        upgrade(revision="0001")
        with db.engine.begin() as conn:
            run = lambda sql, **p: conn.execute(sa.text(sql), p)  # noqa: E731
            run("INSERT INTO districts (id, name, active) VALUES (1, 'D', true)")
            run("INSERT INTO schools (id, district_id, name, level, active) "
                "VALUES (1, 1, 'S', 'high', true)")  # fmt: skip
            run("INSERT INTO users (id, username, full_name, role, active, password_hash, "
                "failed_logins, session_version, created_at) "
                "VALUES (1, 'u', 'U', 'officer', true, '!', 0, 1, '2026-01-01')")  # fmt: skip
            for user_id, email in ((2, " Pat@Example.org "), (3, "pat@example.org"), (4, "")):
                run("INSERT INTO users (id, username, full_name, role, active, password_hash, "
                    "failed_logins, session_version, created_at, email) VALUES (:id, :name, "
                    "'P', 'officer', true, '!', 0, 1, '2026-01-01', :email)",
                    id=user_id, name=f"p{user_id}", email=email)  # fmt: skip
            run("INSERT INTO activities (id, kind, officer_id, school_id, occurred_on, "
                "duration_minutes, location, summary, status, version, created_at, updated_at, "
                "reported_at, arrived_at) VALUES (1, 'incident', 1, 1, '2026-03-10', 30, "
                "'in_school', 'x', 'approved', 1, '2026-03-10', '2026-03-10', "
                "'2026-03-10 09:00', '2026-03-10 09:07')")  # fmt: skip
            goals = dict(conn.execute(sa.text("SELECT code, id FROM program_goals")).all())
            for code in ("protect", "deter"):
                run("INSERT INTO activity_goals (activity_id, goal_id) VALUES (1, :g)",
                    g=goals[code])  # fmt: skip
        upgrade()
        with db.engine.connect() as conn:
            row = conn.execute(sa.text("SELECT response_minutes, goal_bits FROM activities")).one()
            bits = dict(conn.execute(sa.text("SELECT code, bit FROM program_goals")).all())
            links = conn.execute(sa.text("SELECT count(*) FROM activity_goals")).scalar()
            emails = conn.execute(sa.text("SELECT id, email FROM users ORDER BY id")).all()
        db.engine.dispose()
    assert row.response_minutes == 7
    assert row.goal_bits == (1 << bits["protect"]) | (1 << bits["deter"])
    assert links == 2
    # 0013: one spelling per address, one user per address (the first added keeps it)
    assert [tuple(row) for row in emails] == [
        (1, None),
        (2, "pat@example.org"),
        (3, None),
        (4, None),
    ]
