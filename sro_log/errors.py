"""Friendly error pages, and problem documents for the API; the 500 handler rolls back whatever
the request left half done."""

import logging

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from .api.problems import from_http_error, problem, wants_problem
from .extensions import db

log = logging.getLogger(__name__)

PAGES = {400: "400", 403: "403", 404: "404", 405: "404", 413: "413", 429: "429"}


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error):
        if wants_problem():
            return from_http_error(error)
        if error.code in PAGES:
            # A description given where the error was raised says why; the default says nothing.
            said = error.description if error.description != type(error).description else None
            return render_template(f"errors/{PAGES[error.code]}.html", message=said), error.code
        return error

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        if wants_problem():
            return problem(400, "Bad Request", error.description)
        return render_template("errors/400.html", message=error.description), 400

    @app.errorhandler(InternalServerError)
    def internal_error(error):
        db.session.rollback()
        log.exception("unhandled error")
        if wants_problem():
            return problem(500, "Internal Server Error", "Something went wrong; nothing was saved.")
        return render_template("errors/500.html"), 500
