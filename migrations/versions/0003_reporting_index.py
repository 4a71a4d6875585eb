"""A covering index for the dashboard and reports.

Every reporting query filters a period and groups and sums a few columns; with all of them in
one index, a period is read from the index alone (SQLite) or by an index-only scan
(PostgreSQL), instead of from the wide activity rows.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

COLUMNS = [
    "occurred_on", "status", "kind", "school_id", "officer_id", "location", "duration_minutes",
    "deleted_at", "students_reached", "students_count", "arrests", "attendees", "staff_trained",
    "incident_type_id", "response_minutes",
]


def upgrade():
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.create_index("ix_activities_reporting", COLUMNS, unique=False)


def downgrade():
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_index("ix_activities_reporting")
