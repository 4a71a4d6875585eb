"""Configuration from the environment, and the SQLite connection settings."""

import pytest
import sqlalchemy as sa

from config import load_config
from sro_log import create_app
from sro_log.extensions import db


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("SRO_LOG_DATABASE_URL", "postgresql+psycopg://db/sro")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        load_config("production")


def test_production_refuses_a_short_secret_key(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "changeme")
    monkeypatch.setenv("SRO_LOG_DATABASE_URL", "postgresql+psycopg://db/sro")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        load_config("production")


def test_production_refuses_to_start_without_a_database_url(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    monkeypatch.delenv("SRO_LOG_DATABASE_URL", raising=False)
    with pytest.raises(RuntimeError, match="SRO_LOG_DATABASE_URL"):
        load_config("production")


def test_production_uses_secure_cookies(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    monkeypatch.setenv("SRO_LOG_DATABASE_URL", "postgresql+psycopg://db/sro")
    config = load_config("production")
    assert config.SESSION_COOKIE_SECURE and config.SESSION_COOKIE_HTTPONLY
    assert config.SESSION_COOKIE_SAMESITE == "Lax"
    assert config.SESSION_COOKIE_NAME.startswith("__Host-") and config.SESSION_COOKIE_PATH == "/"


def test_the_session_cookie_is_httponly_and_samesite_lax(client, make_user):
    from tests.auth.signing_in import sign_in

    make_user("officer", username="dana")
    cookie = sign_in(client, "dana").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_the_environment_sets_the_database_time_zone_and_agency(monkeypatch):
    monkeypatch.setenv("SRO_LOG_DATABASE_URL", "postgresql+psycopg://db/sro")
    monkeypatch.setenv("SRO_LOG_TIMEZONE", "America/Denver")
    monkeypatch.setenv("SRO_LOG_AGENCY_NAME", "Example County")
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    config = load_config("development")
    assert config.SQLALCHEMY_DATABASE_URI == "postgresql+psycopg://db/sro"
    assert (config.SRO_LOG_TIMEZONE, config.SRO_LOG_AGENCY_NAME) == (
        "America/Denver",
        "Example County",
    )


def test_development_defaults_to_a_sqlite_file_in_instance(monkeypatch):
    monkeypatch.delenv("SRO_LOG_DATABASE_URL", raising=False)
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    assert load_config("development").SQLALCHEMY_DATABASE_URI.endswith("instance/sro_log.sqlite")


def test_an_unknown_environment_name_is_refused():
    with pytest.raises(RuntimeError, match="Unknown"):
        load_config("staging")


def test_create_app_does_not_create_or_migrate_tables(tmp_path):
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'new.sqlite'}")
    with app.app_context():
        assert sa.inspect(db.engine).get_table_names() == []
        db.engine.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(tmp_path):
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'wal.sqlite'}")
    with app.app_context(), db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    with app.app_context():
        db.engine.dispose()
