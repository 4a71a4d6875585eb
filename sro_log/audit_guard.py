"""The audit trail is append-only below the application too: triggers make the database refuse
any UPDATE or DELETE of an audit event (and, on PostgreSQL, a TRUNCATE), whoever connects.

On SQLite the guard is a trigger in the same file: it stops the application and any ordinary
connection, but whoever can write the file can drop it. A deployment that must prove its trail
untouched runs on PostgreSQL, where the application's role can also be given INSERT and SELECT
only on the table (README, "Running in production").
"""

import sqlalchemy as sa

MESSAGE = "audit_events is append-only"
_POSTGRESQL = (
    f"""CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()""",
    """CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()""",
)
_SQLITE = tuple(
    f"""CREATE TRIGGER audit_events_no_{verb.lower()} BEFORE {verb} ON audit_events
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"""
    for verb in ("UPDATE", "DELETE")
)
_DROP = {
    "postgresql": (
        "DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events",
        "DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events",
        "DROP FUNCTION IF EXISTS audit_events_append_only()",
    ),
    "sqlite": (
        "DROP TRIGGER IF EXISTS audit_events_no_update",
        "DROP TRIGGER IF EXISTS audit_events_no_delete",
    ),
}


def guard(conn: sa.Connection) -> None:
    """Make the database refuse changes to audit events."""
    for statement in _POSTGRESQL if conn.dialect.name == "postgresql" else _SQLITE:
        conn.execute(sa.text(statement))


def unguard(conn: sa.Connection) -> None:
    """Take the guard away (a migration's downgrade; the tests, to empty the database)."""
    for statement in _DROP[conn.dialect.name]:
        conn.execute(sa.text(statement))
