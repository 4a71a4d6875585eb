"""The one contract between views and services.

A service that will not make a change raises a ServiceError (or a kind of it) whose `message`
says why, in words the person can act on; it never commits. A page view hands the call to
`commit_or_refuse`, which commits and says so, or rolls back and shows the message. The API
puts the same message in its problem document."""

from collections.abc import Callable
from dataclasses import dataclass

from flask import flash

from .extensions import db


class ServiceError(Exception):
    """A change refused for a reason the person can act on: `message` says it."""

    message = "This change could not be made."

    def __init__(self, message: str | None = None):
        if message is not None:
            self.message = message
        super().__init__(self.message)


@dataclass(frozen=True)
class Outcome:
    """What `commit_or_refuse` did: true when the change was saved, with the service's answer."""

    value: object = None
    refusal: ServiceError | None = None

    def __bool__(self) -> bool:
        return self.refusal is None


def commit_or_refuse(
    change: Callable[[], object], saved: str | None = None, refusal_to: list | None = None
) -> Outcome:
    """Call `change` (a service call); when it goes through, commit and flash `saved`. When it
    is refused, roll back and show the refusal: added to `refusal_to` (a form's or a field's
    error list, so the page shows it where the person typed), else flashed as a warning."""
    try:
        value = change()
    except ServiceError as refusal:
        db.session.rollback()
        if refusal_to is None:
            flash(refusal.message, "warning")
        else:
            refusal_to.append(refusal.message)
        return Outcome(refusal=refusal)
    db.session.commit()
    if saved:
        flash(saved, "success")
    return Outcome(value)
