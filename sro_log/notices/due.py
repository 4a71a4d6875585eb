"""What email is due now, worked out from the data each run: nothing is queued by a user's
request, so returning an entry never waits on the mail server, and a message whose sending
failed is simply still due on the next run. A message already sent (models/notifications.py)
is never due again."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TypeVar
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import aliased

from ..catalog import KINDS
from ..clock import agency_zone
from ..extensions import db
from ..models import Activity, Notification, NotificationOptOut, User


@dataclass(frozen=True)
class NoticeKind:
    label: str  # as the admin's Email page names it
    offer: str  # as the user's own Email page offers it
    roles: tuple[str, ...]  # who receives it
    optional: bool  # whether the program lets a user turn it off


NOTICE_KINDS = {
    "entry_returned": NoticeKind(
        "Entry returned",
        "When a supervisor returns one of your entries, with their comment",
        ("officer",),
        optional=True,
    ),
    "day_not_logged": NoticeKind(
        "School day not logged",
        "On a school day when nothing is logged by the afternoon, and on Friday the week's "
        "school days with nothing logged",
        ("officer",),
        optional=True,
    ),
    "period_ending": NoticeKind(
        "Reporting period ending or ended",
        "Before a grant's reporting period ends, and when it has ended, with what still waits "
        "in it",
        ("supervisor",),
        optional=True,
    ),
    "queue_waiting": NoticeKind(
        "Entries waiting in the queue",
        "Each morning when entries have waited for review longer than a few days",
        ("supervisor",),
        optional=True,
    ),
    "weekly_digest": NoticeKind(
        "Weekly digest",
        "On Monday morning, last week's program in numbers: its work, the review queue and the "
        "officers with school days not logged",
        ("supervisor", "admin"),
        optional=True,
    ),
}
KIND_LABELS = {code: kind.label for code, kind in NOTICE_KINDS.items()}
RECEIVING_ROLES = sorted({role for kind in NOTICE_KINDS.values() for role in kind.roles})


def offered_to(role: str) -> list[tuple[str, NoticeKind]]:
    """The kinds a user of this role may turn on or off."""
    return [(c, k) for c, k in NOTICE_KINDS.items() if role in k.roles and k.optional]


T = TypeVar("T")

# A return older than this is not mailed: turning mail on must not send last year's returns.
RETURNED_WINDOW = timedelta(days=7)


@dataclass(frozen=True)
class Due:
    kind: str  # also the template: mail/<kind>.txt and mail/<kind>.html
    user: User
    address: str  # the user's address when it fell due
    about: str  # what it is about, so that it is sent once: "entry:12:<review time>", "day:..."
    subject: str
    context: dict = field(default_factory=dict)


def link(endpoint: str, **values) -> str:
    """An absolute link into the app, from SRO_LOG_BASE_URL (there is no request to take the
    host from when a command sends mail)."""
    base = urlsplit(current_app.config["SRO_LOG_BASE_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https"
    )
    return adapter.build(endpoint, values, force_external=True)


def users_who_turned_off(kind: str) -> set[int]:
    """The users who turned this kind off (only where the program allows it)."""
    if not NOTICE_KINDS[kind].optional:
        return set()
    stmt = sa.select(NotificationOptOut.user_id).where(NotificationOptOut.kind == kind)
    return set(db.session.scalars(stmt))


def already_sent(kind: str) -> set[tuple[int, str]]:
    rows = db.session.execute(
        sa.select(Notification.user_id, Notification.about).where(
            Notification.kind == kind, Notification.status == "sent"
        )
    )
    return {(user_id, about) for user_id, about in rows}


def to_write_to(
    kind: str, candidates: Iterable[tuple[User, str, T]]
) -> list[tuple[User, str, str, T]]:
    """Of (user, what the message is about, its data): those with an address, who have not
    turned this kind off and have not been sent this message yet, as (user, address, about,
    data)."""
    sent, off = already_sent(kind), users_who_turned_off(kind)
    return [
        (user, user.email, about, data)
        for user, about, data in candidates
        if user.email and user.id not in off and (user.id, about) not in sent
    ]


def receivers(kind: str, about: str) -> list[tuple[User, str, None]]:
    """The active users of the roles that receive this kind, each with what the message is
    about (to_write_to then keeps those to write to)."""
    roles = NOTICE_KINDS[kind].roles
    stmt = sa.select(User).where(User.role.in_(roles), User.active.is_(True)).order_by(User.id)
    return [(user, about, None) for user in db.session.scalars(stmt)]


def returned_entries(now: datetime) -> Iterable[Due]:
    """To an officer, each entry a supervisor returned in the last RETURNED_WINDOW that is still
    returned, with the supervisor's comment; never the entry's own text. A return is told once:
    the entry returned again after a correction is a new return (its own review time)."""
    officer, reviewer = aliased(User), aliased(User)
    rows = db.session.execute(
        sa.select(Activity, officer, reviewer.full_name)
        .join(officer, Activity.officer_id == officer.id)
        .join(reviewer, Activity.reviewed_by_id == reviewer.id)
        .where(
            Activity.status == "returned",
            Activity.deleted_at.is_(None),
            Activity.reviewed_at >= now - RETURNED_WINDOW,
            officer.active.is_(True),
        )
        .order_by(Activity.reviewed_at, Activity.id)
    ).all()
    candidates = [
        (user, f"entry:{activity.id}:{activity.reviewed_at:%Y-%m-%dT%H:%M:%S}", (activity, by))
        for activity, user, by in rows
    ]
    for user, address, about, (activity, by) in to_write_to("entry_returned", candidates):
        label = KINDS[activity.kind][0]
        yield Due(
            "entry_returned",
            user,
            address,
            about,
            f"Entry returned: {label}, {activity.occurred_on:%a %d %b}",
            {
                "officer": user.full_name,
                "reviewer": by,
                "label": label,
                "day": activity.occurred_on,
                "comment": activity.review_comment or "",
                "link": link("activities.edit", activity_id=activity.id),
            },
        )


def supervisors_morning(now: datetime) -> datetime | None:
    """The agency's local time, once it is past the hour supervisors' notes go from."""
    local = now.astimezone(agency_zone())
    return local if local.hour >= current_app.config["SRO_LOG_SUPERVISOR_NOTE_HOUR"] else None


def queue_waiting(now: datetime) -> Iterable[Due]:
    """To each supervisor, once a local day from SRO_LOG_SUPERVISOR_NOTE_HOUR, a note when entries
    have waited for review longer than SRO_LOG_QUEUE_NOTE_DAYS: how many, since when, and whose
    (officers' names; nothing of the entries' text)."""
    local = supervisors_morning(now)
    if local is None:
        return
    days = current_app.config["SRO_LOG_QUEUE_NOTE_DAYS"]
    waiting = db.session.execute(
        sa.select(User.full_name, sa.func.count(), sa.func.min(Activity.submitted_at))
        .join(User, Activity.officer_id == User.id)
        .where(
            Activity.status == "submitted",
            Activity.deleted_at.is_(None),
            Activity.submitted_at <= now - timedelta(days=days),
        )
        .group_by(User.full_name)
        .order_by(User.full_name)
    ).all()
    if not waiting:
        return
    total = sum(n for _, n, _ in waiting)
    first = min(since for _, _, since in waiting if since is not None)
    oldest = first.astimezone(agency_zone()).date()
    about = f"day:{local.date().isoformat()}"
    for user, address, _, _ in to_write_to("queue_waiting", receivers("queue_waiting", about)):
        yield Due(
            "queue_waiting",
            user,
            address,
            about,
            f"Review queue: {total} {'entry has' if total == 1 else 'entries have'} waited "
            f"over {days} days",
            {
                "name": user.full_name,
                "total": total,
                "days": days,
                "oldest": oldest,
                "officers": [(name, n) for name, n, _ in waiting],
                "link": link("review.queue", sort="oldest"),
            },
        )
