"""Where the school comes from: an officer's assignment starts the form there; an officer
without one is asked to choose, never handed a silent "No school"."""

import re
from datetime import timedelta

import sqlalchemy as sa

from sro_log.clock import today_local
from sro_log.models import Activity, Assignment
from tests.activities.entryforms import field_error, form_for


def selected_school(page: str) -> str:
    select = page.split('id="school_id"')[1].split("</select>")[0]
    chosen = re.search(r'<option selected value="([^"]*)">([^<]*)<', select)
    return chosen.group(2) if chosen else select.split(">", 2)[1].split("<")[0]


def entries(db) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Activity))


def test_an_officer_without_an_assignment_is_asked_for_the_school(client, db, officer, school):
    page = client.get("/activities/new/classroom").get_data(as_text=True)

    assert selected_school(page) == "Choose the school…"
    assert "You have no school assigned today" in page
    assert "No school (off-campus work)" in page  # still a choice, made on purpose

    data = form_for(db, "classroom", school, school_id="")
    answer = client.post("/activities/new/classroom", data=data)
    assert answer.status_code == 422
    assert field_error(answer.get_data(as_text=True), "school_id") == (
        "Choose the school, or set Where to off campus."
    )
    assert entries(db) == 0


def test_an_assigned_officer_starts_at_their_school(client, db, officer, school):
    db.session.add(
        Assignment(officer=officer, school=school, starts_on=today_local() - timedelta(days=3))
    )
    db.session.commit()

    page = client.get("/activities/new/patrol").get_data(as_text=True)

    assert selected_school(page) == "Northfield High (Northfield R-VII)"
    assert "You have no school assigned today" not in page


def test_no_school_is_a_choice_for_off_campus_work_and_reads_back_as_chosen(
    client, db, officer, school
):
    refused = client.post(
        "/activities/new/training",
        data=form_for(db, "training", school, school_id="0", location="in_school"),
    )
    assert refused.status_code == 422 and entries(db) == 0

    client.post(
        "/activities/new/training",
        data=form_for(db, "training", school, school_id="0", location="off_campus"),
    )
    entry = db.session.scalars(sa.select(Activity)).one()
    assert entry.school_id is None

    page = client.get(f"/activities/{entry.id}/edit").get_data(as_text=True)
    assert selected_school(page) == "No school (off-campus work)"


def test_the_default_follows_the_assignments_in_force_today_as_they_change(
    client, db, officer, school, make_school
):
    """The form's default comes from the per-process copy of the reference data, which an
    assignment's change makes stale at once (the reference stamp's triggers)."""
    today = today_local()
    southside = make_school(name="Southside Middle", level="middle")
    first = Assignment(officer=officer, school=school, starts_on=today - timedelta(days=30))
    db.session.add(first)
    db.session.add(Assignment(officer=officer, school=southside, starts_on=today + timedelta(1)))
    db.session.commit()
    assert selected_school(client.get("/activities/new/patrol").get_data(as_text=True)) == (
        "Northfield High (Northfield R-VII)"  # the other one begins tomorrow
    )

    first.ends_on = today - timedelta(days=1)
    db.session.commit()
    page = client.get("/activities/new/patrol").get_data(as_text=True)
    assert selected_school(page) == "Choose the school…"

    db.session.add(Assignment(officer=officer, school=southside, starts_on=today))
    db.session.commit()
    assert selected_school(client.get("/activities/new/patrol").get_data(as_text=True)) == (
        "Southside Middle (Northfield R-VII)"
    )
