"""Each goal gets a fixed bit, each activity the OR of its goals' bits, in the reporting index.

Reports then total the goals from the activities table alone (one indexed scan, as DESIGN §4
asks) instead of joining every activity-goal link; the link table stays the source of truth and
the application keeps goal_bits in step on every write. Existing rows are filled in here.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

REPORTING = [
    "occurred_on", "status", "kind", "school_id", "officer_id", "location", "duration_minutes",
    "deleted_at", "students_reached", "students_count", "arrests", "attendees", "staff_trained",
    "incident_type_id", "response_minutes",
]


def upgrade():
    with op.batch_alter_table("program_goals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("bit", sa.Integer(), nullable=True))
    conn = op.get_bind()
    goal_ids = conn.execute(sa.text("SELECT id FROM program_goals ORDER BY position, id")).scalars()
    for bit, goal_id in enumerate(goal_ids):
        conn.execute(sa.text("UPDATE program_goals SET bit = :bit WHERE id = :id"),
                     {"bit": bit, "id": goal_id})
    with op.batch_alter_table("program_goals", schema=None) as batch_op:
        batch_op.alter_column("bit", existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_program_goals_bit"), ["bit"])
        batch_op.create_check_constraint("bit_range", "bit BETWEEN 0 AND 62")

    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("goal_bits", sa.BigInteger(), server_default="0",
                                      nullable=False))
    conn.execute(sa.text(
        "UPDATE activities SET goal_bits = COALESCE((SELECT SUM(CAST(1 AS BIGINT) << g.bit) "
        "FROM activity_goals l JOIN program_goals g ON g.id = l.goal_id "
        "WHERE l.activity_id = activities.id), 0)"
    ))
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_index("ix_activities_reporting")
        batch_op.create_index("ix_activities_reporting", [*REPORTING, "goal_bits"], unique=False)


def downgrade():
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_index("ix_activities_reporting")
        batch_op.create_index("ix_activities_reporting", REPORTING, unique=False)
        batch_op.drop_column("goal_bits")
    with op.batch_alter_table("program_goals", schema=None) as batch_op:
        batch_op.drop_constraint("bit_range", type_="check")
        batch_op.drop_constraint(batch_op.f("uq_program_goals_bit"), type_="unique")
        batch_op.drop_column("bit")
