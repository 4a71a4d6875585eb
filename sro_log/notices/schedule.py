"""Every message due at a moment: each kind's rule, in one list."""

from datetime import datetime

from .digest import weekly_digest
from .due import Due, queue_waiting, returned_entries
from .periods import period_notes
from .reminders import days_not_logged_reminders


def due_now(now: datetime) -> list[Due]:
    """Every message due at `now`."""
    return [
        *returned_entries(now),
        *days_not_logged_reminders(now),
        *queue_waiting(now),
        *period_notes(now),
        *weekly_digest(now),
    ]
