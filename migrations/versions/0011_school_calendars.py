"""Each district's school calendar: school years and the closures (holidays, breaks) within them.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "calendar_spans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("label", sa.String(length=80), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.CheckConstraint(
            "ends_on >= starts_on", name=op.f("ck_calendar_spans_calendar_dates_ordered")
        ),
        sa.CheckConstraint("kind IN ('year', 'closure')", name=op.f("ck_calendar_spans_calendar_kind")),
        sa.ForeignKeyConstraint(
            ["district_id"], ["districts.id"], name=op.f("fk_calendar_spans_district_id_districts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_spans")),
        sa.UniqueConstraint("district_id", "kind", "starts_on", name="uq_calendar_spans_start"),
    )
    with op.batch_alter_table("calendar_spans", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_calendar_spans_district_id"), ["district_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("calendar_spans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calendar_spans_district_id"))
    op.drop_table("calendar_spans")
