"""Bad input: a message at the field, what the officer typed kept, nothing written, never a 500."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sro_log.catalog import KINDS
from sro_log.clock import today_local
from sro_log.models import Activity
from tests.activities.entryforms import count_rows, field_error, form_for
from tests.conftest import item
from tests.fuzzing import examples

COMMON = [
    ("duration_minutes", "0", "from 1 to 720"),
    ("duration_minutes", "721", "from 1 to 720"),
    ("duration_minutes", "-30", "from 1 to 720"),
    ("duration_minutes", "ninety", "Enter a whole number from 1 to 720."),
    ("duration_minutes", "1e3", "Enter a whole number from 1 to 720."),
    ("duration_minutes", "", "Enter a number"),
    ("occurred_on", "", "Enter the date"),
    ("occurred_on", "2026-02-30", "Not a valid date"),
    ("occurred_on", "10/03/2026", "Not a valid date"),
    ("occurred_on", "1999-12-31", "cannot be before"),
    ("start_time", "25:00", "Not a valid time"),
    ("school_id", "", "Choose the school"),
    ("school_id", "999999", "Not a valid choice"),
    ("school_id", "abc", "could not coerce"),
    ("location", "moon", "Not a valid choice"),
    ("summary", "", "Write a short summary"),
    ("summary", "   ", "Write a short summary"),
    ("summary", "x" * 201, "longer than 200"),
    ("notes", "ok\x00then", "control characters"),
    ("notes", "n" * 4001, "longer than 4000"),
]

DETAILS = {
    "classroom": [
        ("topic_id", "", "Choose one"),
        ("students_reached", "0", "from 1 to 2000"),
        ("students_reached", "2001", "from 1 to 2000"),
        ("students_reached", "", "Enter a number"),
        ("staff_present", "-1", "from 0 to 200"),
        ("grade_levels", ["13"], "not a valid choice"),
    ],
    "mentoring": [
        ("mode", "solo", "Not a valid choice"),
        ("students_count", "0", "from 1 to 500"),
        ("student_ref", "John Smith", "never a student's name"),
        ("concern_id", "", "Choose one"),
        ("referral_id", "", "Choose one"),
        ("follow_up_on", "2026-03-09", "cannot be before the contact"),
    ],
    "incident": [
        ("incident_type_id", "", "Choose one"),
        ("reported_at", "", "Enter when it was reported"),
        ("reported_at", "2026-03-09T23:00", "must be on the entry's date"),
        ("arrived_at", "2026-03-10T09:00", "Arrival cannot be before"),
        ("arrived_at", "2026-03-11T10:00", "within 24 hours"),
        ("action", "", "Choose one"),
        ("action", "shoot", "Not a valid choice"),
        ("arrests", "4", "cannot exceed the people involved"),
        ("students_involved", "501", "from 0 to 500"),
        ("injuries", "-2", "from 0 to 100"),
        ("case_number", "<script>", "Letters, digits"),
    ],
    "patrol": [("patrol_type_id", "", "Choose one")],
    "safety": [("safety_type_id", "", "Choose one"), ("staff_trained", "1001", "from 0 to 1000")],
    "community": [("event_type_id", "", "Choose one"), ("attendees", "0", "from 1 to 10000")],
    "training": [("course", "", "Name the course"), ("course", "c" * 201, "longer than 200")],
    "admin": [],
}

# An incident's date is its report time's day when not given (the page does not ask it).
DATE_FROM_REPORT = [("incident", "occurred_on", "")]
CASES = [
    (kind, *case)
    for kind in KINDS
    for case in COMMON + DETAILS[kind]
    if (kind, *case[:2]) not in DATE_FROM_REPORT
]


@pytest.mark.parametrize(
    ("kind", "field", "value", "message"),
    CASES,
    ids=[f"{c[0]}-{c[1]}-{str(c[2])[:12]}" for c in CASES],
)
def test_bad_input_is_refused_at_the_field_and_nothing_is_written(
    client, db, officer, school, kind, field, value, message
):
    data = form_for(
        db,
        kind,
        school,
        **{field: value, "summary": "Typed by the officer"}
        if field != "summary"
        else {field: value},
    )

    response = client.post(f"/activities/new/{kind}", data=data)

    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in (field_error(page, field) or ""), field_error(page, field)
    assert count_rows(db) == (0, 0)
    if field != "summary":
        assert 'value="Typed by the officer"' in page


def test_a_future_date_is_refused(client, db, officer, school):
    tomorrow = (today_local() + timedelta(days=1)).isoformat()
    response = client.post(
        "/activities/new/admin", data=form_for(db, "admin", school, occurred_on=tomorrow)
    )
    assert "cannot be in the future" in field_error(response.get_data(as_text=True), "occurred_on")
    assert count_rows(db) == (0, 0)


def test_a_retired_school_or_pick_list_item_is_refused(client, db, officer, school, make_school):
    closed = make_school(name="Old Annex", active=False)
    topic = item(db, "topic", "internet_safety")
    topic.active = False
    db.session.commit()

    response = client.post(
        "/activities/new/classroom",
        data=form_for(db, "classroom", school, school_id=str(closed.id)),
    )
    page = response.get_data(as_text=True)
    assert "Not a valid choice" in field_error(page, "school_id")
    assert "Not a valid choice" in field_error(page, "topic_id")
    assert count_rows(db) == (0, 0)


def test_an_item_of_another_pick_list_is_refused(client, db, officer, school):
    wrong = str(item(db, "incident_type", "theft").id)
    response = client.post(
        "/activities/new/classroom", data=form_for(db, "classroom", school, topic_id=wrong)
    )
    assert "Not a valid choice" in field_error(response.get_data(as_text=True), "topic_id")
    assert count_rows(db) == (0, 0)


def test_an_arrest_without_an_arrest_count_is_refused(client, db, officer, school):
    response = client.post(
        "/activities/new/incident", data=form_for(db, "incident", school, arrests="0")
    )
    assert "enter how many" in field_error(response.get_data(as_text=True), "arrests")


text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
digits = st.integers(-10_000, 10_000).map(str)
form_values = st.one_of(
    text,
    digits,
    st.just(""),
    st.dates().map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.isoformat(timespec="minutes")),
)


@pytest.mark.parametrize("kind", list(KINDS))
@settings(
    max_examples=examples(200),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_arbitrary_form_input_never_errors_and_writes_only_when_valid(
    client, db, officer, school, kind, data
):
    valid = form_for(db, kind, school)
    fields = sorted(k for k in valid if k != "submit_entry")
    changed = data.draw(
        st.dictionaries(st.sampled_from(fields), form_values, min_size=1, max_size=4)
    )
    before = count_rows(db)

    response = client.post(f"/activities/new/{kind}", data={**valid, **changed})

    assert response.status_code in (302, 422)
    after = count_rows(db)
    if response.status_code == 422:
        assert after == before
    else:
        assert after[0] == before[0] + 1


def test_an_incident_asks_for_its_date_once_and_takes_the_report_times_day(
    client, db, officer, school
):
    page = client.get("/activities/new/incident").get_data(as_text=True)
    assert 'id="occurred_on"' not in page and 'id="reported_at"' in page

    data = form_for(db, "incident", school)
    del data["occurred_on"]
    data.update(reported_at="2026-03-09T23:40", arrived_at="2026-03-09T23:52")
    assert client.post("/activities/new/incident", data=data).status_code == 302
    entry = db.session.scalars(sa.select(Activity)).one()
    assert entry.occurred_on == date(2026, 3, 9) and entry.response_minutes == 12

    data["reported_at"] = (today_local() + timedelta(days=2)).isoformat() + "T09:00"
    data["arrived_at"] = ""
    refused = client.post("/activities/new/incident", data=data)
    assert refused.status_code == 422
    assert "cannot be in the future" in field_error(refused.get_data(as_text=True), "reported_at")
