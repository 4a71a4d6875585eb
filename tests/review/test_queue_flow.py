"""The review queue keeps its place: filters, order and page survive every action, "and next"
walks the queue in its order, and the supervisor sees what is waiting and what was done."""

from datetime import date
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sro_log.models import Activity, AuditEvent


def query_of(location: str) -> dict:
    parts = urlsplit(location)
    return {"path": parts.path, **{k: v[0] for k, v in parse_qs(parts.query).items()}}


def waiting(db) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(Activity).where(Activity.status == "submitted")
    )


@pytest.fixture
def day_of_entries(officer, make_user, make_activity):
    """Five entries of one officer waiting from 10 to 14 March, and one of another."""
    mine = [
        make_activity(officer, "admin", status="submitted", occurred_on=date(2026, 3, d))
        for d in (12, 10, 14, 11, 13)
    ]
    other = make_activity(
        make_user("officer", full_name="Dep. Aaron Abbot"),
        "admin",
        status="submitted",
        occurred_on=date(2026, 3, 9),
    )
    return sorted(mine, key=lambda e: e.occurred_on), other


def test_a_return_brings_the_supervisor_back_to_the_same_filtered_sorted_page(
    client, db, officer, supervisor, day_of_entries
):
    mine, _ = day_of_entries
    place = {"officer_id": str(officer.id), "sort": "newest", "page": "1"}

    answer = client.post(
        f"/review/{mine[2].id}/return",
        data={"comment": "Which school?", "version": "1", "queue": urlencode(place)},
    )

    assert answer.status_code == 302
    assert query_of(answer.location) == {"path": "/review/", **place}
    db.session.expire_all()
    assert db.session.get(Activity, mine[2].id).status == "returned"


def test_approve_selected_keeps_the_filters_and_says_so_when_nothing_was_ticked(
    client, db, officer, supervisor, day_of_entries
):
    mine, _ = day_of_entries
    place = {"officer_id": str(officer.id), "date_from": "2026-03-11"}

    empty = client.post("/review/approve", data={"queue": urlencode(place)})
    page = client.get(empty.location).get_data(as_text=True)

    assert query_of(empty.location) == {"path": "/review/", **place}
    assert "No entries were ticked" in page and "Approved 0" not in page
    assert waiting(db) == 6

    ticked = [f"{e.id}:{e.version}" for e in mine[1:3]]
    done = client.post("/review/approve", data={"entry": ticked, "queue": urlencode(place)})

    assert query_of(done.location) == {"path": "/review/", **place}
    assert "Approved 2 entries." in client.get(done.location).get_data(as_text=True)
    assert waiting(db) == 4


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("oldest", ["other", 10, 11, 12, 13, 14]),
        ("newest", [14, 13, 12, 11, 10, "other"]),
        ("officer", ["other", 10, 11, 12, 13, 14]),  # Abbot before Whitfield
    ],
)
def test_approve_and_next_walks_the_queue_in_its_order_and_ends_at_the_queue(
    client, db, officer, supervisor, day_of_entries, sort, expected
):
    mine, other = day_of_entries
    by_label = {e.occurred_on.day: e for e in mine} | {"other": other}
    queue = client.get(f"/review/?sort={sort}").get_data(as_text=True)
    first = by_label[expected[0]]
    assert queue.index(f"/activities/{first.id}?sort={sort}") < queue.index(
        f"/activities/{by_label[expected[1]].id}?sort={sort}"
    )

    visited, at = [], f"/activities/{first.id}?sort={sort}"
    for _ in range(len(expected) + 1):  # bounded: one more step than entries
        entry_id = int(urlsplit(at).path.rsplit("/", 1)[1])
        visited.append(entry_id)
        answer = client.post(
            f"/review/{entry_id}/approve",
            data={"version": "1", "then": "next", "queue": urlencode({"sort": sort})},
        )
        at = answer.location
        if urlsplit(at).path == "/review/":
            break

    assert visited == [by_label[label].id for label in expected]
    assert query_of(at) == {"path": "/review/", "sort": sort}
    assert "Nothing else is waiting in this queue." in client.get(at).get_data(as_text=True)
    assert waiting(db) == 0


def test_return_and_next_goes_on_to_the_next_entry_of_the_filtered_queue(
    client, db, officer, supervisor, day_of_entries
):
    mine, _ = day_of_entries
    place = urlencode({"officer_id": officer.id})

    answer = client.post(
        f"/review/{mine[0].id}/return",
        data={"comment": "Add the school.", "version": "1", "then": "next", "queue": place},
    )

    assert urlsplit(answer.location).path == f"/activities/{mine[1].id}"
    assert query_of(answer.location)["officer_id"] == str(officer.id)


def test_an_entry_opened_from_the_queue_links_its_neighbours_and_the_queue(
    client, officer, supervisor, day_of_entries
):
    mine, _ = day_of_entries

    page = client.get(f"/activities/{mine[2].id}?officer_id={officer.id}").get_data(as_text=True)

    assert f'href="/activities/{mine[1].id}?officer_id={officer.id}" rel="prev"' in page
    assert f'href="/activities/{mine[3].id}?officer_id={officer.id}" rel="next"' in page
    assert f'href="/review/?officer_id={officer.id}" id="queue-back"' in page
    assert "js/review-keys.js" in page and "<kbd>a</kbd>" in page


def test_the_navigation_counts_the_entries_waiting(client, supervisor, day_of_entries):
    page = client.get("/dashboard/").get_data(as_text=True)
    assert 'data-testid="waiting-count">6<span class="visually-hidden"> waiting' in page


def test_a_returned_entry_speaks_to_the_supervisor_as_a_supervisor(
    client, db, officer, supervisor, make_activity, login
):
    entry = make_activity(officer, "admin", status="submitted")
    client.post(f"/review/{entry.id}/return", data={"comment": "Add the school.", "version": "1"})

    seen = client.get(f"/activities/{entry.id}").get_data(as_text=True)
    assert "Returned by your supervisor" not in seen
    assert "Returned to Dep. Dana Whitfield by Sgt. Ruth Calloway" in seen

    login(officer)
    assert "Returned by your supervisor: “Add the school.”" in client.get(
        f"/activities/{entry.id}"
    ).get_data(as_text=True)


def test_a_page_past_the_end_after_the_last_approval_shows_the_last_page(
    app, client, supervisor, officer, make_activity
):
    app.config["SRO_LOG_PAGE_SIZE"] = 2
    for day in (10, 11, 12):
        make_activity(officer, "admin", status="submitted", occurred_on=date(2026, 3, day))

    answer = client.get("/review/?page=7&kind=admin")

    assert answer.status_code == 302
    assert query_of(answer.location) == {"path": "/review/", "page": "2", "kind": "admin"}


@pytest.mark.parametrize(
    "queue",
    [
        "sort=sideways",
        "page=-3&sort=",
        "officer_id=99999999999&page=abc",
        "date_from=2026-13-45",
        "%ff%fe=%00",
        "sort=" + "x" * 5000,
        "kind=<script>",
    ],
)
def test_a_bad_queue_place_is_ignored_not_a_500(
    client, db, officer, supervisor, make_activity, queue
):
    entry = make_activity(officer, "admin", status="submitted")

    answer = client.post(
        f"/review/{entry.id}/approve", data={"version": "1", "then": "next", "queue": queue}
    )

    assert answer.status_code == 302 and urlsplit(answer.location).path == "/review/"
    assert client.get(answer.location).status_code in (200, 302)
    assert client.get(f"/review/?{queue}").status_code in (200, 302)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    place=st.dictionaries(
        st.sampled_from(["sort", "page", "officer_id", "date_from", "kind", "goal_id", "x"]),
        st.text(max_size=30),
        max_size=4,
    )
)
def test_any_queue_place_gives_a_page_and_writes_nothing(client, db, supervisor, place):
    before = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent))

    answer = client.get("/review/", query_string=place)
    bulk = client.post("/review/approve", data={"queue": urlencode(place)})

    assert answer.status_code in (200, 302) and bulk.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)) == before
