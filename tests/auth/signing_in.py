"""Signing in through the real login form, and the audit trail's actions: shared by the tests
that need them."""

import sqlalchemy as sa

from sro_log.models import AuditEvent
from tests.conftest import PASSWORD


def sign_in(client, username, password=PASSWORD, next_url=None):
    data = {"username": username, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post("/auth/login", data=data)


def actions(db):
    return db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)).all()
