"""The per-process copy of the reference data (sro_log/reference.py): read once, read again at
every change to a reference table however it is made, never holding a change rolled back."""

import pytest
import sqlalchemy as sa

from sro_log import reference
from sro_log.clock import today_local
from sro_log.models import REFERENCE_TABLES, District, PickListItem, ReferenceStamp, School
from tests.conftest import goal, item


def stamp(db) -> int | None:
    return db.session.scalar(sa.select(ReferenceStamp.stamp))


def queries_during(db, action) -> list[str]:
    seen: list[str] = []

    def count(conn, cursor, statement, *args):  # SQLAlchemy's event signature
        seen.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        action()
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    return seen


def test_an_unchanged_copy_costs_one_small_query(db):
    first = reference.current()
    statements = queries_during(db, reference.current)
    assert len(statements) == 1 and "reference_stamp" in statements[0]
    assert reference.current() is first


@pytest.mark.parametrize("table", REFERENCE_TABLES)
def test_every_change_to_a_reference_table_changes_the_stamp(db, make_school, make_user, table):
    school = make_school()  # a district, a school and (below) an officer's assignment to it
    officer = make_user("officer")
    db.session.execute(sa.text(
        "INSERT INTO assignments (officer_id, school_id, starts_on) VALUES (:o, :s, '2026-08-01')"
    ), {"o": officer.id, "s": school.id})  # fmt: skip
    db.session.execute(sa.text(
        "INSERT INTO calendar_spans (district_id, kind, label, starts_on, ends_on) "
        "VALUES (:d, 'year', '2026-27', '2026-08-01', '2027-06-01')"
    ), {"d": school.district_id})  # fmt: skip
    db.session.commit()
    before = stamp(db)
    db.session.execute(sa.text(f"UPDATE {table} SET id = id"))  # below the application
    db.session.commit()
    after_update = stamp(db)
    assert after_update != before
    if table in ("assignments", "calendar_spans"):  # nothing refers to them: deletable
        db.session.execute(sa.text(f"DELETE FROM {table}"))
        db.session.commit()
        assert stamp(db) not in (before, after_update)


def test_an_admin_change_reaches_the_next_form_at_once(client, db, make_user, login):
    officer = make_user("officer")
    login(officer)
    assert "Cyberbullying" not in client.get("/activities/new/classroom").get_data(as_text=True)
    db.session.add(PickListItem(list_name="topic", code="cyber", label="Cyberbullying"))
    db.session.commit()
    page = client.get("/activities/new/classroom").get_data(as_text=True)
    assert "Cyberbullying" in page
    item(db, "topic", "cyber").active = False
    db.session.commit()
    assert "Cyberbullying" not in client.get("/activities/new/classroom").get_data(as_text=True)


def test_a_change_rolled_back_does_not_stay_in_the_copy(db):
    reference.current()
    district = District(name="Rolled Back R-1")
    db.session.add(School(name="Never Committed High", district=district, level="high"))
    db.session.flush()
    assert "Never Committed High" in {s.name for s in reference.current().schools}
    db.session.rollback()
    assert "Never Committed High" not in {s.name for s in reference.current().schools}


def test_each_app_keeps_its_own_copy(app, db):
    reference.current()
    held = app.extensions["sro_log_reference"]
    assert held[0] == stamp(db)
    assert {s.id for s in held[1].schools} == {
        i for (i,) in db.session.execute(sa.select(School.id))
    }


_PATROL = "/activities/new/patrol"


def test_a_warm_entry_form_reads_one_row_and_its_post_writes_in_three_inserts(
    client, db, make_user, make_school, login
):
    """Issue 20's cuts, held: the GET reads the session's row with the reference stamp and
    nothing else; the POST reads the row and the stamp, then inserts the entry, its goals and
    its two audit events, one statement each."""
    login(make_user("officer"))
    school = make_school()
    client.get(_PATROL)  # signs the session in: its row is written
    client.get(_PATROL)  # the copy is warm
    client.csrf_token()  # the token the post will send, fetched before the counting

    got = queries_during(db, lambda: client.get(_PATROL))
    assert len(got) == 1 and "user_sessions" in got[0] and "reference_stamp" in got[0]

    data = {
        "occurred_on": today_local().isoformat(),
        "duration_minutes": "30",
        "location": "in_school",
        "school_id": str(school.id),
        "summary": "Lunch duty",
        "patrol_type_id": str(item(db, "patrol_type", "lunch").id),
        "goals": [str(goal(db, "deter").id)],
        "submit_entry": "Submit",
    }
    posted = []
    got = queries_during(db, lambda: posted.append(client.post(_PATROL, data=data)))
    assert posted[0].status_code == 302
    assert [s.split()[0].upper() for s in got] == ["SELECT"] * 2 + ["INSERT"] * 3
    assert "user_sessions" in got[0] and "reference_stamp" in got[1]
    assert [s.split()[2] for s in got[2:]] == ["activities", "activity_goals", "audit_events"]
