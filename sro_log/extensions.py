"""Flask extensions, created unbound and initialised in create_app()."""

from typing import TYPE_CHECKING

from flask import Flask
from flask_bootstrap import Bootstrap5
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
if TYPE_CHECKING:
    # db.Model is an attribute, which mypy cannot take for a base class (python/mypy#8603): to
    # the type checker, every model derives from the declarative base db.Model was made from.
    Model = Base
else:
    Model = db.Model
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
bootstrap = Bootstrap5()
compress = Compress()


def init_sign_in_limiter(app: Flask) -> Limiter:
    """A per-address limit on sign-in attempts, on the storage the configuration names (memory
    in development, Redis in production). Unlike the extensions above, one Limiter per app:
    Flask-Limiter keeps its storage on the Limiter itself (init_app sets it), so one shared by
    several apps (the tests build many) would count every app's sign-ins in the last app's."""
    limiter = Limiter(
        get_remote_address,
        app=app,
        storage_uri=app.config["SRO_LOG_RATELIMIT_STORAGE_URI"],
        key_prefix="sro_log",
        strategy="fixed-window",
        headers_enabled=True,
    )
    login = app.view_functions["auth.login"]  # Flask-Limiter checks inside the wrapped view
    app.view_functions["auth.login"] = limiter.limit(  # type: ignore[assignment]  # still a view
        lambda: app.config["SRO_LOG_LOGIN_RATE_LIMIT"], methods=["POST"]
    )(login)
    app.extensions["sro_log_limiter"] = limiter
    return limiter
