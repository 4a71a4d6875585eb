"""A user's email address: one spelling (trimmed, lower case) and one user per address. The
admin's user form, the user's own Email page and `flask create-user` all check it here."""

import re

import sqlalchemy as sa

from ..extensions import db
from ..models import User

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normal_email(text: str | None) -> str | None:
    """An address as stored: trimmed and in lower case; None when empty."""
    return (text or "").strip().lower() or None


def email_problem(address: str | None, user_id: int | None) -> str | None:
    """What is wrong with a (normalised) address: its form, or another user having it."""
    if address is None:
        return None
    if not _EMAIL.match(address):
        return "Enter an email address like name@example.org."
    owner = db.session.scalar(sa.select(User.id).where(User.email == address))
    if owner is not None and owner != user_id:
        return "Another user has this email address."
    return None
