"""Store each incident's response minutes, derived from its report and arrival times.

Reports group incidents by response time in SQL; a stored column makes that the same simple
GROUP BY on SQLite and PostgreSQL. Existing incidents are filled in here.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("response_minutes", sa.Integer(), nullable=True))

    activities = sa.table("activities", sa.column("id", sa.Integer),
                          sa.column("reported_at", sa.DateTime),
                          sa.column("arrived_at", sa.DateTime),
                          sa.column("response_minutes", sa.Integer))
    conn = op.get_bind()
    rows = conn.execute(sa.select(activities.c.id, activities.c.reported_at,
                                  activities.c.arrived_at)
                        .where(activities.c.reported_at.is_not(None),
                               activities.c.arrived_at.is_not(None))).all()
    for row in rows:
        minutes = int((row.arrived_at - row.reported_at).total_seconds() // 60)
        conn.execute(activities.update().where(activities.c.id == row.id)
                     .values(response_minutes=minutes))


def downgrade():
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_column("response_minutes")
