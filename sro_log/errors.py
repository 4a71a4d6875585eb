"""Friendly error pages, and problem documents for the API; the 500 handler rolls back whatever
the request left half done."""

import logging

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException, InternalServerError

from . import audit
from .api.problems import from_http_error, problem
from .callers import is_api_request
from .extensions import db

log = logging.getLogger(__name__)

PAGES = {400: "400", 403: "403", 404: "404", 405: "404", 413: "413", 429: "429"}


def _refused_sign_in(reason: str) -> None:
    """A sign-in refused before the password was looked at (too many tries from the address, a
    missing or stale CSRF token) is in the audit trail too, with the name typed, never the
    password."""
    if request.endpoint != "auth.login" or request.method != "POST":
        return
    username = str(request.form.get("username", ""))[:64]
    try:
        audit.record("login_refused", None, {"reason": reason, "username": username})
        db.session.commit()
    except SQLAlchemyError:  # the refusal stands even when it cannot be written down
        db.session.rollback()
        log.exception("a refused sign-in could not be audited")


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error):
        if error.code == 429:
            _refused_sign_in("rate_limit")
        if is_api_request():
            return from_http_error(error)
        if error.code in PAGES:
            # A description given where the error was raised says why; the default says nothing.
            said = error.description if error.description != type(error).description else None
            return render_template(f"errors/{PAGES[error.code]}.html", message=said), error.code
        return error

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        _refused_sign_in("csrf")
        if is_api_request():
            return problem(400, "Bad Request", error.description)
        return render_template("errors/400.html", message=error.description), 400

    @app.errorhandler(InternalServerError)
    def internal_error(error):  # noqa: ARG001  # Flask passes the error
        db.session.rollback()
        log.exception("unhandled error")
        if is_api_request():
            return problem(500, "Internal Server Error", "Something went wrong; nothing was saved.")
        return render_template("errors/500.html"), 500
