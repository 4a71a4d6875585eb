"""The dashboard's grouping needs no column outside the reporting index, so each database can
answer it from that index alone (PostgreSQL's index-only scan, SQLite's covering index)."""

import re

import sqlalchemy as sa

from sro_log.models import Activity
from sro_log.reports import query
from sro_log.reports.filters import APPROVED, EntryFilter
from tests.county import END, START


def grouping_statements(db) -> list[tuple[str, object]]:
    """The SQL (and its parameters) that query.grouped runs for a county period."""
    captured = []

    def listener(conn, cursor, statement, parameters, context, executemany):
        captured.append((statement, parameters))

    sa.event.listen(db.engine, "before_cursor_execute", listener)
    try:
        query.grouped(EntryFilter(date_from=START, date_to=END, statuses=APPROVED))
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", listener)
    return captured


def test_the_dashboard_grouping_reads_only_columns_of_the_reporting_index(app, db, county):
    (index,) = [i for i in Activity.__table__.indexes if i.name == "ix_activities_reporting"]
    indexed = {column.name for column in index.columns}
    statements = grouping_statements(db)
    assert statements
    for statement, _ in statements:
        used = set(re.findall(r"\bactivities\.(\w+)", statement))
        assert used and used <= indexed, used - indexed
