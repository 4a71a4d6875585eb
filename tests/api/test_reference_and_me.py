"""`me` and the reference lists, for every role."""

import pytest

from sro_log.catalog import PICK_LISTS, ROLES


@pytest.mark.parametrize("role", ROLES)
def test_me_names_the_caller_and_their_token(api, make_user, role):
    user = make_user(role)
    me = api(user).get("/api/v1/me").get_json()
    assert me["username"] == user.username and me["role"] == role
    assert me["token"] == "integration" and me["token_expires_at"]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_goals_schools_and_pick_lists(api, make_user, make_school, role):
    school = make_school(name="Eastview Middle", district="Eastview USD", level="middle")
    client = api(make_user(role))
    goals = client.get("/api/v1/goals").get_json()
    assert [g["code"] for g in goals] == ["connect", "deter", "educate", "protect"]
    schools = client.get("/api/v1/schools").get_json()
    assert schools == [{"id": school.id, "name": "Eastview Middle", "level": "middle",
                        "district_id": school.district_id, "district": "Eastview USD",
                        "active": True}]  # fmt: skip
    items = client.get("/api/v1/pick-lists").get_json()
    assert {i["list"] for i in items} == set(PICK_LISTS)
    assert {"list": "topic", "code": "internet_safety"}.items() <= next(
        i for i in items if i["code"] == "internet_safety"
    ).items()


def test_the_openapi_document_is_public_openapi_3_1_and_lists_every_operation(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.1")
    operations = {(m.upper(), p) for p, item in doc["paths"].items() for m in item}
    assert operations == {
        ("GET", "/api/v1/me"), ("GET", "/api/v1/activities"), ("POST", "/api/v1/activities"),
        ("GET", "/api/v1/activities/{activity_id}"), ("PATCH", "/api/v1/activities/{activity_id}"),
        ("DELETE", "/api/v1/activities/{activity_id}"), ("GET", "/api/v1/goals"),
        ("GET", "/api/v1/schools"), ("GET", "/api/v1/pick-lists"), ("GET", "/api/v1/summary"),
    }  # fmt: skip
    new_entry = doc["components"]["schemas"]["NewEntry"]
    assert new_entry["discriminator"]["propertyName"] == "kind"
    error = doc["paths"]["/api/v1/activities"]["post"]["responses"]["422"]
    assert "application/problem+json" in error["content"]


def test_the_reference_page_is_served_locally_from_the_document(client):
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assert "POST /api/v1/activities" in page and "NewClassroomEntry" in page
    assert "students_reached" in page and "integer (1\u20132000)" in page
    assert "http://" not in page and "https://" not in page  # nothing fetched from elsewhere
