"""The admin keeps districts, schools, assignments, goals and pick lists; nothing in use is
deleted, and every change is audited with its before and after."""

import pytest
import sqlalchemy as sa

from sro_log.models import Assignment, AuditEvent, District, PickListItem, ProgramGoal, School
from tests.activities.entryforms import field_error
from tests.conftest import item


@pytest.fixture
def admin(make_user, login):
    user = make_user("admin")
    login(user)
    return user


def audited(db, action) -> list[AuditEvent]:
    return db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)
                              .order_by(AuditEvent.id)).all()  # fmt: skip


@pytest.mark.parametrize(
    "path",
    [
        "/admin/schools",
        "/admin/assignments",
        "/admin/goals",
        "/admin/pick-lists/topic",
        "/admin/pick-lists/incident_type",
    ],
)
def test_each_reference_page_opens_for_the_admin(client, admin, make_school, path):
    make_school()
    assert client.get(path).status_code == 200


def test_adding_a_district_and_a_school_is_audited(client, db, admin):
    client.post("/admin/schools", data={"add": "district", "district-name": "Lakeside R-2"})
    district = db.session.scalar(sa.select(District).where(District.name == "Lakeside R-2"))
    response = client.post("/admin/schools", data={
        "add": "school", "school-name": "Lakeside High", "school-district_id": district.id,
        "school-level": "high"})  # fmt: skip
    assert response.status_code == 302
    school = db.session.scalar(sa.select(School).where(School.name == "Lakeside High"))
    assert school.district_id == district.id
    assert [e.object_type for e in audited(db, "admin_create")] == ["District", "School"]


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"add": "school", "school-name": "", "school-level": "high"}, "school-name",
     "Enter the school's name."),
    ({"add": "school", "school-name": "X", "school-district_id": "999", "school-level": "high"},
     "school-district_id", "Not a valid choice"),
    ({"add": "school", "school-name": "X", "school-district_id": "", "school-level": "high"},
     "school-district_id", "Choose the district."),
    ({"add": "district", "district-name": " "}, "district-name", "Enter the district's name."),
])  # fmt: skip
def test_a_bad_district_or_school_is_refused_at_the_field(client, db, admin, data, field,
                                                          message):  # fmt: skip
    response = client.post("/admin/schools", data=data)
    assert response.status_code == 422
    assert message in (field_error(response.get_data(as_text=True), field) or "")
    assert audited(db, "admin_create") == []


def test_a_duplicate_name_is_refused(client, db, admin, make_school):
    school = make_school(name="North High")
    response = client.post("/admin/schools", data={
        "add": "school", "school-name": "north high", "school-district_id": school.district_id,
        "school-level": "high"})  # fmt: skip
    assert response.status_code == 422 and "already used" in response.get_data(as_text=True)


def test_retiring_a_school_keeps_it_but_stops_offering_it(client, db, admin, make_school,
                                                         make_user, login):  # fmt: skip
    school = make_school(name="Old Annex")
    client.post(f"/admin/schools/{school.id}/retire", data={})
    db.session.refresh(school)
    assert school.active is False
    assert audited(db, "admin_update")[0].changes == {"active": {"before": True, "after": False}}
    login(make_user("officer"))
    assert "Old Annex" not in client.get("/activities/new/patrol").get_data(as_text=True)


def test_editing_a_goal_changes_its_wording_and_order(client, db, admin):
    goal = db.session.scalar(sa.select(ProgramGoal).where(ProgramGoal.code == "deter"))
    response = client.post(
        f"/admin/goals/{goal.id}",
        data={"title": "Deter crime", "description": goal.description, "position": "9"},
    )
    assert response.status_code == 302
    db.session.refresh(goal)
    assert (goal.title, goal.position, goal.code) == ("Deter crime", 9, "deter")
    assert set(audited(db, "admin_update")[0].changes) == {"title", "position"}


def test_a_pick_list_item_can_be_added_renamed_and_an_unused_one_deleted(client, db, admin):
    client.post("/admin/pick-lists/topic", data={"label": "Cyberbullying", "position": "20"})
    added = db.session.scalar(sa.select(PickListItem).where(PickListItem.label == "Cyberbullying"))
    assert (added.list_name, added.code) == ("topic", "cyberbullying")
    client.post(f"/admin/pick-items/{added.id}", data={"label": "Online bullying",
                                                       "position": "20"})  # fmt: skip
    db.session.refresh(added)
    assert added.label == "Online bullying" and added.code == "cyberbullying"
    client.post(f"/admin/pick-items/{added.id}/delete", data={})
    gone = sa.select(PickListItem.id).where(PickListItem.id == added.id)
    assert db.session.scalar(gone) is None
    assert [e.action for e in audited(db, "admin_delete")] == ["admin_delete"]


def test_an_item_in_use_cannot_be_deleted(client, db, admin, make_user, make_activity):
    theft = item(db, "incident_type", "theft")
    make_activity(make_user("officer"), "incident")  # uses "theft"
    response = client.post(f"/admin/pick-items/{theft.id}/delete", data={},
                           follow_redirects=True)  # fmt: skip
    assert "cannot be deleted; retire it instead" in response.get_data(as_text=True)
    assert db.session.get(PickListItem, theft.id) is not None
    assert audited(db, "admin_delete") == []


def test_an_assignment_is_added_and_ended(client, db, admin, make_user, make_school):
    officer, school = make_user("officer"), make_school()
    client.post("/admin/assignments", data={"officer_id": officer.id, "school_id": school.id,
                                            "starts_on": "2026-08-15"})  # fmt: skip
    assignment = db.session.scalars(sa.select(Assignment)).one()
    assert assignment.ends_on is None
    client.post(f"/admin/assignments/{assignment.id}/end", data={})
    db.session.refresh(assignment)
    assert assignment.ends_on is not None
    assert [e.action for e in audited(db, "admin_create")] == ["admin_create"]
    response = client.post("/admin/assignments", data={"officer_id": officer.id,
                           "school_id": school.id, "starts_on": "2026-08-15",
                           "ends_on": "2026-08-01"})  # fmt: skip
    assert "must not be before" in field_error(response.get_data(as_text=True), "ends_on")


def test_the_text_none_is_no_choice_in_a_required_select(client, db, admin, make_user, make_school):
    """'None' was taken for the empty choice, so an assignment without an officer got past the
    form and failed in the database (found by the fuzz test)."""
    officer, school = make_user("officer"), make_school()
    sent = {"officer_id": officer.id, "school_id": school.id, "starts_on": "2026-08-15"}
    for name in ("officer_id", "school_id"):
        response = client.post("/admin/assignments", data={**sent, name: "None"})
        assert response.status_code == 422
        assert field_error(response.get_data(as_text=True), name)
    assert db.session.scalars(sa.select(Assignment)).all() == []
