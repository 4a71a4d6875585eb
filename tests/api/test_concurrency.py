"""Eight officers logging at the same moment: 8 threads of 50 entries through the API, each
request in its own app context and database session, on the file database of the run (SQLite in
WAL mode, or PostgreSQL). Exactly 400 entries afterwards, none lost or doubled."""

import threading

import sqlalchemy as sa

from sro_log.models import Activity, AuditEvent

THREADS, EACH = 8, 50


def test_eight_threads_of_fifty_entries_leave_exactly_four_hundred(
    app, db, make_user, make_school, token_for
):
    school_id = make_school().id
    tokens = [token_for(make_user("officer")) for _ in range(THREADS)]
    db.session.rollback()  # hold no snapshot of the database while the threads write
    failures, start = [], threading.Barrier(THREADS)

    def officer(n: int, token: str):
        client = app.test_client()
        start.wait()
        for i in range(EACH):
            body = {"kind": "patrol", "occurred_on": "2026-03-10", "duration_minutes": 30,
                    "school_id": school_id, "summary": f"thread {n} entry {i}",
                    "goals": ["deter"], "patrol_type": "hallways"}  # fmt: skip
            response = client.post("/api/v1/activities", json=body, csrf=False,
                                   headers={"Authorization": f"Bearer {token}"})  # fmt: skip
            if response.status_code != 201:
                failures.append((n, i, response.status_code, response.get_data(as_text=True)))

    threads = [threading.Thread(target=officer, args=(n, t)) for n, t in enumerate(tokens)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    assert not failures, failures[:3]
    db.session.rollback()
    summaries = db.session.scalars(sa.select(Activity.summary)).all()
    assert len(summaries) == THREADS * EACH == len(set(summaries))
    created = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "activity_create"))  # fmt: skip
    assert created == THREADS * EACH
