"""Pages of a list for the `page` in the query string (the lists' one pagination)."""

from flask import current_app, request

from .extensions import db

MAX_PAGE = 10_000  # far past any real list; a larger number would overflow the database's OFFSET


def paginate(stmt):
    page = min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)
    return db.paginate(
        stmt, page=page, per_page=current_app.config["SRO_LOG_PAGE_SIZE"], error_out=False
    )
