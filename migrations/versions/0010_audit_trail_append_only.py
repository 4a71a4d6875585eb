"""The database refuses any UPDATE or DELETE of an audit event (sro_log/audit_guard.py).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29
"""

from alembic import op

from sro_log.audit_guard import guard, unguard

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    guard(op.get_bind())


def downgrade():
    unguard(op.get_bind())
