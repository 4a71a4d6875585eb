"""Friendly error pages; the 500 handler rolls back whatever the request left half done."""

import logging

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError

from .extensions import db

log = logging.getLogger(__name__)


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(400)
    def bad_request(error):
        return render_template("errors/400.html", message=None), 400

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_template("errors/400.html", message=error.description), 400

    @app.errorhandler(403)
    def forbidden(error):
        return render_template("errors/403.html"), 403

    @app.errorhandler(404)
    def not_found(error):
        return render_template("errors/404.html"), 404

    @app.errorhandler(405)
    def method_not_allowed(error):
        return render_template("errors/404.html"), 405

    @app.errorhandler(429)
    def too_many_requests(error):
        return render_template("errors/429.html"), 429

    @app.errorhandler(500)
    def internal_error(error):
        db.session.rollback()
        log.exception("unhandled error")
        return render_template("errors/500.html"), 500
