"""Fixtures: one app per run on a database upgraded from empty, cleaned after each test.

SRO_LOG_TEST_DATABASE_URL selects PostgreSQL; without it the suite uses a SQLite file.
"""

import os
import re
from datetime import date, datetime

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from flask_migrate import upgrade
from hypothesis import settings

from sro_log import clock, create_app
from sro_log.audit_guard import guard, unguard
from sro_log.catalog import KINDS
from sro_log.extensions import db as _db
from sro_log.grants.services import create_grant
from sro_log.models import ACTIVITY_CLASSES, District, PickListItem, ProgramGoal, School, User
from sro_log.seeding import seed_reference_data

pytest_plugins = ["tests.county"]

# No time limit on a generated example: a test checks behaviour, and a loaded CI machine (two
# suites and two browsers on two cores) made a 0.2 s deadline fail a correct test. Speed is
# measured by the benchmarks in bench/.
settings.register_profile("sro_log", deadline=None)
settings.load_profile("sro_log")

PASSWORD = "correct-horse-battery-staple"
_FRESH_SESSION = (
    "/auth/login",
    "/auth/logout",
    "/auth/password",
    "/auth/sign-out-everywhere",
    "/auth/second-factor",
)
_TOKEN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def test_database_url(tmp_path_factory) -> str:
    url = os.environ.get("SRO_LOG_TEST_DATABASE_URL")
    return url or f"sqlite:///{tmp_path_factory.mktemp('db') / 'sro_log_test.sqlite'}"


def empty_database(engine: sa.Engine) -> None:
    """Drop everything, so the migrations run on a truly empty database."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
    else:
        meta = sa.MetaData()
        meta.reflect(engine)
        meta.drop_all(engine)


class BrowserLikeClient(FlaskClient):
    """A test client that sends the page's CSRF token with every POST, as a browser would."""

    csrf: str | None = None

    def csrf_token(self) -> str:
        if self.csrf is None:
            page = self.get("/auth/login", follow_redirects=True).get_data(as_text=True)
            match = _TOKEN.search(page)
            assert match, "no CSRF token found on the page"
            self.csrf = match.group(1)
        return self.csrf

    def open(self, *args, **kwargs):
        # A fresh app context per request, as in production: its own `g` (where Flask-Login
        # keeps the user) and its own database session, never the test's.
        with self.application.app_context():
            return super().open(*args, **kwargs)

    def post(self, *args, csrf: bool = True, **kwargs):
        data = kwargs.get("data")
        if csrf and isinstance(data, dict) and "csrf_token" not in data:
            kwargs["data"] = {**data, "csrf_token": self.csrf_token()}
        response = super().post(*args, **kwargs)
        if args and str(args[0]).startswith(_FRESH_SESSION):
            self.csrf = None  # signing in or out starts a new session, with a new token
        return response


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=test_database_url(tmp_path_factory))
    app.test_client_class = BrowserLikeClient
    with app.app_context():
        empty_database(_db.engine)
        upgrade()
    yield app
    with app.app_context():
        _db.engine.dispose()


@pytest.fixture(autouse=True)
def db(app):
    """The database, emptied of everything but the seeded reference data after each test."""
    app.extensions["sro_log_limiter"].reset()
    with app.app_context():
        yield _db
        _db.session.rollback()
        _db.session.remove()
        with _db.engine.begin() as conn:
            unguard(conn)  # the audit trail is append-only; a test's own is emptied all the same
            for table in reversed(_db.metadata.sorted_tables):
                conn.execute(table.delete())
            guard(conn)
            seed_reference_data(conn)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def password_hash(app):
    user = User()
    user.set_password(PASSWORD)
    return user.password_hash


@pytest.fixture
def make_school(db):
    def make(name="Northfield High", district="Northfield R-VII", level="high", active=True):
        district_row = db.session.scalar(sa.select(District).where(District.name == district))
        school = School(
            name=name, level=level, active=active, district=district_row or District(name=district)
        )
        db.session.add(school)
        db.session.commit()
        return school

    return make


@pytest.fixture
def make_user(db, password_hash):
    counter = iter(range(1, 10_000))

    def make(role="officer", username=None, **fields):
        username = username or f"{role}{next(counter)}"
        user = User(
            username=username,
            full_name=fields.pop("full_name", username.title()),
            role=role,
            password_hash=password_hash,
            **fields,
        )
        db.session.add(user)
        db.session.commit()
        return user

    return make


def goal(db, code) -> ProgramGoal:
    return db.session.scalar(sa.select(ProgramGoal).where(ProgramGoal.code == code))


def item(db, list_name, code) -> PickListItem:
    return db.session.scalar(
        sa.select(PickListItem).where(
            PickListItem.list_name == list_name, PickListItem.code == code
        )
    )


@pytest.fixture
def make_activity(db, make_school):
    """Create an entry directly through the models (not the form), with sensible defaults."""

    def make(officer, kind="admin", **fields):
        school = fields.pop("school", None)
        if school is None and "school_id" not in fields:
            school = db.session.scalar(sa.select(School)) or make_school()
        defaults = {
            "occurred_on": date(2026, 3, 10),
            "duration_minutes": 30,
            "location": "in_school",
            "summary": f"{kind} work",
            "status": "draft",
        }
        if kind == "incident":
            defaults.update(
                incident_type_id=item(db, "incident_type", "theft").id,
                reported_at=datetime(2026, 3, 10, 9, 0),
                action="report_taken",
            )
        activity = ACTIVITY_CLASSES[kind](officer=officer, school=school, **{**defaults, **fields})
        activity.goals = [goal(db, c) for c in KINDS[kind][1]]
        db.session.add(activity)
        db.session.commit()
        return activity

    return make


@pytest.fixture
def login(client):
    """Sign a user in on the test client by the session cookie (auth tests use the real form)."""

    def do(user, on=None):
        target = on or client
        now = clock.now_utc().timestamp()
        with target.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
            session["signed_in_at"] = session["seen_at"] = now
        return target

    return do


@pytest.fixture
def freeze_now(monkeypatch):
    """Fix the agency clock at a UTC instant."""

    def freeze(instant: datetime):
        assert instant.tzinfo is not None
        monkeypatch.setattr("sro_log.clock.now_utc", lambda: instant)

    return freeze


@pytest.fixture
def make_grant(db):
    def make(starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31), cadence="quarterly",
             award_number="2026-SV-0001", **fields):  # fmt: skip
        grant = create_grant({
            "name": fields.get("name", "School Safety"), "funder": fields.get("funder", "DOJ"),
            "award_number": award_number, "starts_on": starts_on, "ends_on": ends_on,
            "cadence": cadence, "due_days": fields.get("due_days", 30),
        }, actor=None)  # fmt: skip
        db.session.commit()
        return grant

    return make
