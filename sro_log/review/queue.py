"""The review queue's place (its filters, sort and page), carried through every action on an
entry so the supervisor comes back to the same queue, and the entries either side of one."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode

import sqlalchemy as sa
from flask import request, url_for
from werkzeug.datastructures import MultiDict
from wtforms import SelectField
from wtforms.validators import Optional

from ..activities.filtering import filter_form
from ..activities.forms import EntriesFilterForm
from ..extensions import db
from ..formbase import options
from ..models import Activity, User
from ..reports.filters import EntryFilter, select_entries

WAITING = ("submitted",)
SORTS = {"oldest": "Oldest first", "newest": "Newest first", "officer": "By officer"}
_PLACE = (
    *("date_from", "date_to", "officer_id", "school_id", "kind", "district_id"),
    *("goal_id", "incident_type_id", "sort", "page"),
)
_LONGEST = 40  # a value of the place longer than any real filter is not a filter
_OFFICER_NAME = sa.select(User.full_name).where(User.id == Activity.officer_id).scalar_subquery()


class QueueFilterForm(EntriesFilterForm):
    """The supervisor's list filters, and the queue's order."""

    sort = SelectField("Order", [Optional()], choices=options(SORTS.items()), default="oldest")


class Queue:
    """The waiting entries a place selects, in its order."""

    def __init__(self, place: Mapping[str, str]):
        self.form = filter_form(MultiDict(place), QueueFilterForm)
        self.filter: EntryFilter = self.form.entry_filter(statuses=WAITING)
        sort = self.form.sort.data
        self.sort = sort if sort in SORTS and not self.form.sort.errors else "oldest"

    def _key(self) -> tuple:
        """The order's columns, each ascending; 'newest' runs the same key backwards."""
        if self.sort == "officer":
            return (_OFFICER_NAME, Activity.occurred_on, Activity.id)
        return (Activity.occurred_on, Activity.id)

    def _key_of(self, activity: Activity) -> tuple:
        if self.sort == "officer":
            return (activity.officer.full_name, activity.occurred_on, activity.id)
        return (activity.occurred_on, activity.id)

    def _descending(self, forward: bool) -> bool:
        return (self.sort == "newest") == forward

    def select(self, forward: bool = True) -> sa.Select:
        """The waiting entries in the queue's order (or the reverse of it)."""
        down = self._descending(forward)
        key = [column.desc() if down else column for column in self._key()]
        return select_entries(self.filter).order_by(None).order_by(*key)

    def beside(self, activity: Activity, forward: bool = True) -> int | None:
        """The id of the waiting entry after (or before) `activity` in this order; `activity`
        need not be waiting itself (it may just have been approved)."""
        key, at = sa.tuple_(*self._key()), sa.tuple_(*self._key_of(activity))
        stmt = self.select(forward).where(key < at if self._descending(forward) else key > at)
        return db.session.scalar(stmt.with_only_columns(Activity.id).limit(1))

    def first(self) -> int | None:
        return db.session.scalar(self.select().with_only_columns(Activity.id).limit(1))

    def next_after(self, activity: Activity) -> int | None:
        """Where "and next" goes: the entry after this one, or else the first still waiting
        (one skipped earlier), or None when the queue is clear."""
        return self.beside(activity) or self.first()


def place_of(values: Mapping[str, str]) -> dict[str, str]:
    """The queue's place from a query string or a form: its known keys with plain values."""
    return {
        key: str(values[key])
        for key in _PLACE
        if values.get(key) not in (None, "") and len(str(values[key])) <= _LONGEST
    }


def place_from_field(text: str | None) -> dict[str, str]:
    """The place carried by a form's hidden `queue` field (its query string)."""
    return place_of(dict(parse_qsl((text or "")[: _LONGEST * len(_PLACE) * 2])))


def as_field(place: Mapping[str, str]) -> str:
    return urlencode(place)


def queue_url(place: dict[str, Any]) -> str:
    return url_for("review.queue", **place)


def entry_url(activity_id: int, place: dict[str, Any]) -> str:
    """An entry's page opened from the queue: it keeps the queue's place."""
    return url_for("activities.detail", activity_id=activity_id, **place)


def _waiting(*columns) -> sa.Select:
    return select_entries(EntryFilter(statuses=WAITING)).order_by(None).with_only_columns(*columns)


def waiting_count() -> int:
    """The entries waiting for review, for the supervisor's navigation."""
    return db.session.scalar(_waiting(sa.func.count())) or 0


def waiting_since() -> tuple[int, datetime | None]:
    """The entries waiting for review, and when the oldest of them was sent (UTC)."""
    count, oldest = db.session.execute(
        _waiting(sa.func.count(), sa.func.min(Activity.submitted_at))
    ).one()
    return count or 0, oldest


def current_place() -> dict[str, str]:
    """This request's place in the queue: a form's hidden `queue` field on a POST, the query
    string on a GET."""
    if request.method == "POST":
        return place_from_field(request.form.get("queue"))
    return place_of(request.args)


@dataclass(frozen=True)
class QueueNav:
    """What an entry's review panel links to: the queue it came from and its neighbours."""

    field: str
    back: str
    previous: str | None
    next: str | None


def queue_nav(activity: Activity) -> QueueNav:
    place = current_place()
    queue = Queue(place)
    before, after = queue.beside(activity, forward=False), queue.beside(activity)
    return QueueNav(
        field=as_field(place),
        back=queue_url(place),
        previous=entry_url(before, place) if before else None,
        next=entry_url(after, place) if after else None,
    )
