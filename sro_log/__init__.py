"""SRO Log: the activity log of a School Resource Officer program."""

import logging

from flask import Flask
from sqlalchemy import event
from werkzeug.middleware.proxy_fix import ProxyFix

from config import BASE_DIR, INSTANCE_DIR, load_config

from .assets import init_assets
from .extensions import (
    bootstrap,
    compress,
    csrf,
    db,
    init_sign_in_limiter,
    login_manager,
    migrate,
)
from .ids import IdConverter


def create_app(config_name: str | None = None, **overrides) -> Flask:
    """Build the application. Migrations are never run here: `flask db upgrade` does that first."""
    app = Flask(
        __name__,
        instance_path=str(INSTANCE_DIR),
        template_folder=str(BASE_DIR / "templates"),
        static_folder=str(BASE_DIR / "static"),
    )
    app.config.from_object(load_config(config_name))
    app.config.update(overrides)
    # In werkzeug's place (its Map documents the override): every route's id, bounded (ids.py)
    app.url_map.converters["int"] = IdConverter
    if hops := app.config["SRO_LOG_PROXY_HOPS"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]  # Flask's documented way
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    register_extensions(app)
    from .auth.session_store import DatabaseSessionInterface

    app.session_interface = DatabaseSessionInterface()
    register_blueprints(app)
    init_sign_in_limiter(app)
    register_cli(app)
    from .auth.sessions import register_session_rules
    from .errors import register_error_handlers
    from .headers import register_security_headers
    from .templating import register_template_filters

    register_session_rules(app)
    register_error_handlers(app)
    register_security_headers(app)
    register_template_filters(app)
    init_assets(app)
    return app


def register_extensions(app: Flask) -> None:
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        INSTANCE_DIR.mkdir(exist_ok=True)
    db.init_app(app)
    # First, so its after_request runs last: it compresses the response the others finished.
    compress.init_app(app)
    migrate.init_app(app, db, directory=str(BASE_DIR / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    bootstrap.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to continue."
    login_manager.login_message_category = "info"
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            event.listen(
                db.engine, "connect", _sqlite_pragmas(app.config["SQLITE_BUSY_TIMEOUT_MS"])
            )

    from . import auth  # noqa: F401  (registers the user loader)


def _sqlite_pragmas(busy_timeout_ms: int):
    def on_connect(dbapi_connection, connection_record):  # noqa: ARG001  # the signature SQLAlchemy's connect event calls
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return on_connect


def register_blueprints(app: Flask) -> None:
    from .activities.views import bp as activities_bp
    from .admin import (  # noqa: F401  (the admin's pages, on its blueprint)
        calendar_views,
        mail_views,
        reference_data_views,
        views,
    )
    from .admin.blueprint import bp as admin_bp
    from .api.views import bp as api_bp
    from .auth import email_views, mfa_views, session_views, token_views  # noqa: F401  (more sign-in pages)
    from .auth import views as auth_views  # noqa: F401
    from .auth.blueprint import bp as auth_bp
    from .dashboard.views import bp as dashboard_bp
    from .grants.views import bp as grants_bp
    from .imports.views import bp as imports_bp
    from .main import bp as main_bp
    from .offline import bp as offline_bp
    from .review import missing_views  # noqa: F401  (days not logged, on review's blueprint)
    from .review import views as review_views  # noqa: F401
    from .review.blueprint import bp as review_bp

    for blueprint in (
        main_bp,
        auth_bp,
        activities_bp,
        review_bp,
        dashboard_bp,
        grants_bp,
        admin_bp,
        api_bp,
        imports_bp,
        offline_bp,
    ):
        app.register_blueprint(blueprint)


def register_cli(app: Flask) -> None:
    from .cli import register_commands

    register_commands(app)
