"""What kind of request this is, asked by the API, the session rules, the error pages and the
reference data's copy: one the API answers (with problem documents), one that carries an API
token instead of the cookie session, and one whose method changes nothing."""

from flask import request

API_PREFIX = "/api/"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")  # HTTP's safe methods: nothing changes on them


def is_api_request() -> bool:
    """Whether the API answers this request (pages get their HTML pages and error pages)."""
    return request.path.startswith(API_PREFIX)


def uses_token() -> bool:
    """Whether this API request carries a token (it then never touches the cookie session)."""
    return is_api_request() and "Authorization" in request.headers


def changes_nothing() -> bool:
    """Whether this request's method is a safe one, which no view here changes anything on."""
    return request.method in SAFE_METHODS
