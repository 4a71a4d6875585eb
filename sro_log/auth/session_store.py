"""Sessions kept on the server (DESIGN §8, OWASP ASVS V3): once someone signs in, the cookie
holds only a random key, signed; the session's values live in a user_sessions row whose id is
the key's SHA-256. Deleting the row ends the session for every copy of the cookie.

Before sign-in (the sign-in form's CSRF token, the second-factor step) the few values stay in
the signed cookie, as Flask keeps them: a visitor who never signs in costs the server nothing.
A cookie of that kind never says who is signed in; only a row does.

A small table of our own rather than Flask-Session: its SQLAlchemy store creates its table
itself and pickles the values, where SRO Log's tables come from its migrations and a session
also needs who, where from and since when, for the user's list of their sessions. The store
reads the row in the request's session, with its user and the reference data's stamp (a GET
needs no other query for it, sro_log/reference.py), and writes on a connection of its own, so
it never commits what a request left pending.
"""

import secrets
from datetime import timedelta
from typing import cast

import sqlalchemy as sa
from flask import Flask, current_app, request, session
from flask.json.tag import TaggedJSONSerializer
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface, SessionMixin

from .. import clock, reference
from ..extensions import db
from ..models import User, UserSession, session_digest

SEEN_RESOLUTION = timedelta(minutes=1)  # how often last_seen_at is written (the idle clock)
_TABLE = cast(sa.Table, UserSession.__table__)  # a mapped class's table is a Table
_STATIC = ("static", "bootstrap.static")
# Built once: each request only binds its cookie's digest.
_ROW_WITH_USER = (
    sa.select(_TABLE, User, reference.STAMP_NOW)
    .join(User, User.id == _TABLE.c.user_id)
    .where(_TABLE.c.id == sa.bindparam("digest"))
)


class ServerSession(SecureCookieSession):
    """A session whose values live in a row once someone signs in."""

    key: str | None = None  # the cookie's random key, while the session has a row
    row: sa.Row | None = None  # the row as read at the start of the request
    renew: bool = False  # sign-in or a password change: a new key, the old row gone
    ended: bool = False  # the cookie named a session that has ended


def this_session() -> ServerSession:
    """The request's session: DatabaseSessionInterface opens every session as a ServerSession."""
    return cast(ServerSession, session)


def lapsed(now) -> sa.ColumnElement[bool]:
    """The rows of sessions that have ended by the clock (idle too long, or too old)."""
    config = current_app.config
    return sa.or_(
        _TABLE.c.created_at < now - timedelta(hours=config["SRO_LOG_SESSION_HOURS"]),
        _TABLE.c.last_seen_at < now - timedelta(minutes=config["SRO_LOG_IDLE_MINUTES"]),
    )


def user_pk(session) -> int | None:
    """The signed-in user's id in a session's Flask-Login value ("<id>.<version>")."""
    value = str(session.get("_user_id") or "")
    pk = value.partition(".")[0]
    return int(pk) if pk.isascii() and pk.isdigit() and len(pk) < 10 else None


class DatabaseSessionInterface(SecureCookieSessionInterface):
    session_class = ServerSession
    serializer = TaggedJSONSerializer()

    def open_session(self, app: Flask, req) -> ServerSession | None:
        cookie = cast(ServerSession | None, super().open_session(app, req))  # session_class
        if cookie is None:
            return None
        key = cookie.get("sid")
        if not isinstance(key, str):
            cookie.pop("_user_id", None)  # only a row says who is signed in
            return cookie
        session = self.session_class()
        if req.endpoint in _STATIC:  # no row is needed to serve a file
            return session
        # Read in the request's own session, with the user: Flask-Login's loader then finds
        # the user there rather than asking the database again.
        row = db.session.execute(_ROW_WITH_USER, {"digest": session_digest(key)}).first()
        if row is None:
            session.ended = True
            return session
        reference.stamp_read_early(row.reference_stamp)  # one query fewer for an entry form
        session.update(self.serializer.loads(row.data))
        session.key, session.row = key, row
        session.modified = False
        return session

    def save_session(self, app: Flask, opened: SessionMixin, response) -> None:
        session = cast(ServerSession, opened)  # as open_session made it
        if request.endpoint in _STATIC and session.row is None and session.key is None:
            return
        pk = user_pk(session)
        if pk is None:
            self._end(session)
            if session.key is not None or session.ended:
                session.modified = True  # the cookie named a row: replace it
            session.key = None
            return super().save_session(app, session, response)
        now = clock.now_utc()
        row = session.row
        if session.key is None or session.renew or row is None or row.user_id != pk:
            self._end(session)
            self._write(_TABLE.delete().where(lapsed(now)))  # housekeeping, at each sign-in
            session.key = secrets.token_urlsafe(32)
            self._write(
                _TABLE.insert().values(
                    id=session_digest(session.key),
                    user_id=pk,
                    created_at=now,
                    last_seen_at=now,
                    authenticated_at=now,
                    address=(request.remote_addr or "")[:64],
                    agent=request.headers.get("User-Agent", "")[:200],
                    data=self.serializer.dumps(dict(session)),
                )
            )
            self._set_cookie(app, session, response)
        elif session.modified or now - row.last_seen_at >= SEEN_RESOLUTION:
            values: dict[str, object] = {"last_seen_at": now}
            if session.modified:
                values["data"] = self.serializer.dumps(dict(session))
            self._write(_TABLE.update().where(_TABLE.c.id == row.id).values(**values))

    def _end(self, session: ServerSession) -> None:
        if session.row is not None:
            self._write(_TABLE.delete().where(_TABLE.c.id == session.row.id))
            session.row = None

    @staticmethod
    def _write(statement) -> None:
        with db.engine.begin() as conn:
            conn.execute(statement)

    def _set_cookie(self, app: Flask, session: ServerSession, response) -> None:
        signer = self.get_signing_serializer(app)
        assert signer is not None, "a secret key is set (config.py refuses to start without)"
        value = signer.dumps({"sid": session.key})
        response.set_cookie(
            self.get_cookie_name(app),
            value,
            expires=self.get_expiration_time(app, session),
            httponly=self.get_cookie_httponly(app),
            domain=self.get_cookie_domain(app),
            path=self.get_cookie_path(app),
            secure=self.get_cookie_secure(app),
            samesite=self.get_cookie_samesite(app),
            partitioned=self.get_cookie_partitioned(app),
        )
        response.vary.add("Cookie")
