"""What kind of request this is, asked by the API, the session rules and the error pages: one
the API answers (with problem documents), and one that carries an API token instead of the
cookie session."""

from flask import request

API_PREFIX = "/api/"


def is_api_request() -> bool:
    """Whether the API answers this request (pages get their HTML pages and error pages)."""
    return request.path.startswith(API_PREFIX)


def uses_token() -> bool:
    """Whether this API request carries a token (it then never touches the cookie session)."""
    return is_api_request() and "Authorization" in request.headers
