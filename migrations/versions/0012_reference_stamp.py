"""The reference data's stamp, changed by triggers at every change to the reference tables, so
each process's copy of the pick lists, schools and goals knows when it is stale.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

from sro_log.reference_triggers import drop_stamp_triggers, stamp_triggers

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "reference_stamp",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stamp", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reference_stamp")),
    )
    op.execute("INSERT INTO reference_stamp (id, stamp) VALUES (1, 1)")  # the data already there
    stamp_triggers(op.get_bind())


def downgrade():
    drop_stamp_triggers(op.get_bind())
    op.drop_table("reference_stamp")
