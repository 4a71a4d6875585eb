"""The load benchmark's floor: a bare WSGI endpoint that makes the same single insert of an entry
straight through the database driver (no Flask, no session, no CSRF, no form, no audit).

`gunicorn bench.floor_app:app`, with SRO_LOG_DATABASE_URL as for the app.
"""

import os
import sqlite3
from datetime import UTC, date, datetime
from urllib.parse import parse_qs

URL = os.environ["SRO_LOG_DATABASE_URL"]
COLUMNS = ("kind", "officer_id", "school_id", "occurred_on", "duration_minutes", "location",
           "summary", "status", "version", "created_at", "updated_at", "submitted_at",
           "goal_bits", "patrol_type_id")  # fmt: skip
_connection = None


def connect():
    """One connection per worker, set up as the app sets up its own."""
    if URL.startswith("sqlite"):
        conn = sqlite3.connect(URL.removeprefix("sqlite:///"), isolation_level=None)
        for pragma in ("journal_mode=WAL", "busy_timeout=5000", "foreign_keys=ON",
                       "synchronous=NORMAL"):  # fmt: skip
            conn.execute(f"PRAGMA {pragma}")
        return conn, "?"
    import psycopg

    return psycopg.connect(URL.replace("postgresql+psycopg", "postgresql")), "%s"


def insert_entry(form: dict) -> int:
    global _connection
    if _connection is None:
        _connection = connect()
    conn, mark = _connection
    now = datetime.now(UTC).replace(tzinfo=None)
    stamp = now.isoformat(sep=" ") if mark == "?" else now
    values = ("patrol", int(form["officer_id"]), int(form["school_id"]),
              date.fromisoformat(form["occurred_on"]).isoformat(), int(form["duration_minutes"]),
              form["location"], form["summary"], "submitted", 1, stamp, stamp, stamp,
              int(form["goal_bits"]), int(form["patrol_type_id"]))  # fmt: skip
    sql = (f"INSERT INTO activities ({', '.join(COLUMNS)}) "
           f"VALUES ({', '.join([mark] * len(COLUMNS))}) RETURNING id")  # fmt: skip
    if mark == "?":
        conn.execute("BEGIN IMMEDIATE")
        (new_id,) = conn.execute(sql, values).fetchone()
        conn.execute("COMMIT")
    else:
        with conn.transaction():
            (new_id,) = conn.execute(sql, values).fetchone()
    return new_id


def app(environ, start_response):
    if environ["REQUEST_METHOD"] != "POST":
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"floor"]
    body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
    new_id = insert_entry(form)
    start_response("201 Created", [("Content-Type", "text/plain")])
    return [str(new_id).encode()]
