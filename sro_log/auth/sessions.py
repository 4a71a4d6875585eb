"""Session rules on every request (DESIGN §8): a session ends after 30 minutes idle or 12 hours
in all, and a user whose password was reset must change it before anything else. The session's
times are its row's (session_store.py), not the cookie's."""

from datetime import timedelta

from flask import Flask, abort, current_app, flash, redirect, request, session, url_for
from flask_login import current_user, login_user, logout_user

from .. import audit, clock
from ..callers import is_api_request, uses_token
from ..extensions import db
from ..models import User
from .mfa import mfa_required
from .session_store import this_session

# Pages a user who must change their password may still open.
_ALWAYS_OPEN = {
    "static",
    "auth.logout",
    "auth.change_password",
    "bootstrap.static",
    "auth.mfa_settings",
}


def start_session(user: User) -> None:
    """Sign in on a fresh session: nothing from before is kept, and the session gets a new key
    and a new row (its clocks start now), so a key known before cannot follow it."""
    session.clear()
    login_user(user)
    this_session().renew = True


def _expired(now) -> str | None:
    row = this_session().row
    if row is None:  # signed in during this request: its row is written at its end
        return None
    config = current_app.config
    if now - row.created_at > timedelta(hours=config["SRO_LOG_SESSION_HOURS"]):
        return "absolute"
    if now - row.last_seen_at > timedelta(minutes=config["SRO_LOG_IDLE_MINUTES"]):
        return "idle"
    return None


def register_session_rules(app: Flask) -> None:  # noqa: C901  # the session rules, each a short hook
    @app.before_request
    def enforce_session_rules():
        if uses_token():  # an API token request: the cookie session plays no part
            return None
        if request.endpoint in ("static", "bootstrap.static"):
            return None
        api = is_api_request()
        if not current_user.is_authenticated:
            if this_session().ended and not api and request.method == "GET":
                this_session().ended = False
                flash("Your session has ended. Please sign in again.", "info")
            return None
        now = clock.now_utc()
        reason = _expired(now)
        if reason is not None:
            user = current_user._get_current_object()
            audit.record("session_expired", user, {"reason": reason}, actor=user)
            db.session.commit()
            logout_user()
            session.clear()
            minutes = current_app.config["SRO_LOG_IDLE_MINUTES"]
            if api:
                abort(401)
            flash(
                f"Your session ended after {minutes} minutes without activity. Please sign in "
                "again."
                if reason == "idle"
                else "Your session has ended. Please sign in again.",
                "info",
            )
            target = request.full_path.rstrip("?") if request.method == "GET" else None
            return redirect(url_for("auth.login", next=target))
        blocked = current_user.must_change_password or (
            mfa_required(current_user) and not current_user.mfa_secret
        )
        if api and blocked:
            abort(403)
        if current_user.must_change_password and request.endpoint not in _ALWAYS_OPEN:
            return redirect(url_for("auth.change_password"))  # the page says why, once
        needs_mfa = mfa_required(current_user) and not current_user.mfa_secret
        if needs_mfa and request.endpoint not in _ALWAYS_OPEN:
            flash("Your role must use a second factor. Set it up before you go on.", "warning")
            return redirect(url_for("auth.mfa_settings"))
        return None
