"""The triggers that change the reference stamp (models/reference.py): after any insert, update
or delete on a reference table (and a TRUNCATE, on PostgreSQL), the one row gets a new random
value. A random value, not a counter: a counter that restarts after its row is deleted would
give again a value that some process's copy was made at."""

import sqlalchemy as sa

from .models.reference import REFERENCE_TABLES

_UPSERT = (
    "INSERT INTO reference_stamp (id, stamp) VALUES (1, {random}) "
    "ON CONFLICT (id) DO UPDATE SET stamp = excluded.stamp"
)
_VERBS = ("INSERT", "UPDATE", "DELETE")


def _postgresql() -> list[str]:
    random = "(random() * 9e18)::bigint"
    return [
        f"""CREATE OR REPLACE FUNCTION reference_stamp_change() RETURNS trigger AS $$
        BEGIN {_UPSERT.format(random=random)}; RETURN NULL; END $$ LANGUAGE plpgsql""",
        *(
            f"""CREATE TRIGGER reference_stamp_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
            ON {table} FOR EACH STATEMENT EXECUTE FUNCTION reference_stamp_change()"""
            for table in REFERENCE_TABLES
        ),
    ]


def _sqlite() -> list[str]:  # SQLite's triggers are per row, one per verb
    return [
        f"""CREATE TRIGGER reference_stamp_{table}_{verb.lower()} AFTER {verb} ON {table}
        BEGIN {_UPSERT.format(random="random()")}; END"""
        for table in REFERENCE_TABLES
        for verb in _VERBS
    ]


def stamp_triggers(conn: sa.Connection) -> None:
    for statement in _postgresql() if conn.dialect.name == "postgresql" else _sqlite():
        conn.execute(sa.text(statement))


def drop_stamp_triggers(conn: sa.Connection) -> None:
    if conn.dialect.name == "postgresql":
        for table in REFERENCE_TABLES:
            conn.execute(sa.text(f"DROP TRIGGER IF EXISTS reference_stamp_change ON {table}"))
        conn.execute(sa.text("DROP FUNCTION IF EXISTS reference_stamp_change()"))
    else:
        for table in REFERENCE_TABLES:
            for verb in _VERBS:
                conn.execute(
                    sa.text(f"DROP TRIGGER IF EXISTS reference_stamp_{table}_{verb.lower()}")
                )
