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
