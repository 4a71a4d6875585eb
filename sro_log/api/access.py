"""Who is calling the API: a personal access token, or the signed-in session (which must then
send its CSRF token with every change, as the pages do)."""

from functools import wraps

from flask import Blueprint, abort, g, request
from flask_login import current_user

from ..auth.tokens import authenticate_token
from ..callers import changes_nothing, uses_token
from ..extensions import csrf, db
from ..models import User
from .bodies import check_body


def caller() -> User:
    """The calling user, whom api_roles has let in (nobody: 401)."""
    user = g.get("api_user")
    if user is None:
        abort(401)
    return user


def register_authentication(bp: Blueprint) -> None:
    csrf.exempt(bp)  # checked below, for cookie sessions only

    @bp.before_request
    def authenticate():
        check_body()
        if uses_token():
            scheme, _, token = request.headers["Authorization"].partition(" ")
            row = authenticate_token(token.strip()) if scheme.lower() == "bearer" else None
            db.session.commit()  # the token's last use
            if row is None:
                abort(401)
            g.api_user, g.api_token = row.user, row
        elif current_user.is_authenticated:
            if not changes_nothing():
                csrf.protect()
            g.api_user = current_user._get_current_object()


def api_roles(*roles: str):
    """Allow only callers of the given roles: nobody → 401, another role → 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            user = g.get("api_user")
            if user is None:
                abort(401)
            if user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
