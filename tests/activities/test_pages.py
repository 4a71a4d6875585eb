"""The officer's pages: form defaults, local dates, the week, month totals, the list."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sro_log.models import Activity, Assignment
from tests.activities.entryforms import field_error, form_for
from tests.conftest import goal
from tests.fuzzing import examples

# 02:30 UTC on 11 March 2026 is 21:30 on 10 March in Chicago (CDT, UTC-5).
EVENING_IN_CHICAGO = datetime(2026, 3, 11, 2, 30, tzinfo=UTC)


def input_value(page: str, name: str) -> str:
    return re.search(
        rf'name="{name}"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="{name}"', page
    ).group(1)


def checked_values(page: str, name: str) -> set[str]:
    tags = re.findall(rf'<input[^>]*name="{name}"[^>]*>', page)
    return {re.search(r'value="([^"]*)"', t).group(1) for t in tags if "checked" in t}


def selected_value(page: str, name: str) -> str | None:
    select = re.search(rf'<select[^>]*name="{name}".*?</select>', page, re.S).group(0)
    match = re.search(r'<option selected value="([^"]*)"|<option value="([^"]*)" selected', select)
    return (match.group(1) or match.group(2)) if match else None


def test_an_entry_logged_at_2130_local_time_belongs_to_that_local_date(
    client, db, officer, school, freeze_now
):
    freeze_now(EVENING_IN_CHICAGO)

    page = client.get("/activities/new/admin").get_data(as_text=True)
    assert input_value(page, "occurred_on") == "2026-03-10"  # not the UTC date, 11 March
    data = form_for(
        db, "admin", school, occurred_on=input_value(page, "occurred_on"), start_time="21:30"
    )
    assert client.post("/activities/new/admin", data=data).status_code == 302

    entry = db.session.scalars(sa.select(Activity)).one()
    assert entry.occurred_on == date(2026, 3, 10)
    assert entry.created_at.date() == date(2026, 3, 11)  # the instant itself is kept in UTC
    week = client.get("/activities/").get_data(as_text=True)
    assert 'data-testid="day-total-2026-03-10">45 min' in week
    assert "Tuesday 10 March (today)" in week


def test_the_next_local_day_is_still_the_future_at_2130(client, db, officer, school, freeze_now):
    freeze_now(EVENING_IN_CHICAGO)
    response = client.post(
        "/activities/new/admin", data=form_for(db, "admin", school, occurred_on="2026-03-11")
    )
    assert "cannot be in the future" in field_error(response.get_data(as_text=True), "occurred_on")


def test_a_new_form_defaults_to_today_the_assigned_school_and_the_kinds_goals(
    client, db, officer, make_school, freeze_now
):
    freeze_now(EVENING_IN_CHICAGO)
    make_school(name="Riverbend High", district="Riverbend C-4")
    assigned = make_school(name="Northfield Middle", level="middle")
    db.session.add(Assignment(officer=officer, school=assigned, starts_on=date(2025, 8, 1)))
    db.session.commit()

    page = client.get("/activities/new/classroom").get_data(as_text=True)

    assert input_value(page, "occurred_on") == "2026-03-10"
    assert selected_value(page, "school_id") == str(assigned.id)
    assert selected_value(page, "location") == "in_school"
    assert input_value(page, "duration_minutes") == "50"
    assert checked_values(page, "goals") == {
        str(goal(db, "educate").id),
        str(goal(db, "connect").id),
    }


def test_a_mentoring_contact_defaults_to_one_student(client, officer):
    page = client.get("/activities/new/mentoring").get_data(as_text=True)
    assert input_value(page, "students_count") == "1"
    assert selected_value(page, "mode") == "individual"


def test_an_ended_assignment_is_not_the_default_school(client, db, officer, school, freeze_now):
    freeze_now(EVENING_IN_CHICAGO)
    db.session.add(
        Assignment(
            officer=officer, school=school, starts_on=date(2025, 8, 1), ends_on=date(2026, 1, 31)
        )
    )
    db.session.commit()
    page = client.get("/activities/new/patrol").get_data(as_text=True)
    assert selected_value(page, "school_id") in (None, "")


def test_log_another_like_this_copies_the_kind_of_work_but_not_the_occasion(
    client, db, officer, school, freeze_now
):
    freeze_now(EVENING_IN_CHICAGO)
    client.post(
        "/activities/new/mentoring",
        data=form_for(
            db,
            "mentoring",
            school,
            occurred_on="2026-03-09",
            notes="Private note",
            follow_up_on="2026-03-20",
        ),
    )
    source = db.session.scalars(sa.select(Activity)).one()

    saved = client.get(f"/activities/{source.id}").get_data(as_text=True)
    assert f"/activities/new/mentoring?copy={source.id}" in saved
    page = client.get(f"/activities/new/mentoring?copy={source.id}").get_data(as_text=True)

    assert input_value(page, "summary") == "A mentoring entry"
    assert selected_value(page, "concern_id") == str(source.concern_id)
    assert input_value(page, "occurred_on") == "2026-03-10"  # today, not the source's date
    assert "Private note" not in page and 'value="S-104"' not in page
    assert 'value="2026-03-20"' not in page


def test_the_month_counts_an_entry_with_two_goals_toward_both(
    client, db, officer, make_activity, freeze_now
):
    freeze_now(EVENING_IN_CHICAGO)
    make_activity(officer, "classroom", occurred_on=date(2026, 3, 2), duration_minutes=50)
    make_activity(officer, "mentoring", occurred_on=date(2026, 3, 3), duration_minutes=20)
    make_activity(officer, "classroom", occurred_on=date(2026, 2, 27), duration_minutes=50)

    page = client.get("/activities/").get_data(as_text=True)
    rows = dict(re.findall(r'<th scope="row">(\w+)</th><td class="text-end">(\d+)</td>', page))
    assert rows == {"Connect": "2", "Deter": "0", "Educate": "1", "Protect": "0"}


def test_returned_entries_come_first_on_the_home_page(client, officer, make_activity, freeze_now):
    freeze_now(EVENING_IN_CHICAGO)
    make_activity(
        officer,
        "patrol",
        status="returned",
        review_comment="Add the school, please",
        occurred_on=date(2026, 1, 5),
    )
    page = client.get("/activities/").get_data(as_text=True)
    assert page.index("Returned for correction") < page.index("Log your work")
    assert "Add the school, please" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", 4),
        ("kind=classroom", 2),
        ("status=approved", 1),
        ("date_from=2026-03-03&date_to=2026-03-04", 2),
        ("kind=classroom&date_from=2026-03-04", 1),
    ],
)
def test_the_list_filters_by_date_kind_and_status(client, officer, make_activity, query, expected):
    make_activity(officer, "classroom", occurred_on=date(2026, 3, 2))
    make_activity(officer, "classroom", occurred_on=date(2026, 3, 4), status="approved")
    make_activity(officer, "patrol", occurred_on=date(2026, 3, 3))
    make_activity(officer, "admin", occurred_on=date(2026, 3, 5))
    page = client.get(f"/activities/list?{query}").get_data(as_text=True)
    assert f'data-testid="result-count">{expected} entr' in page


def test_the_list_filters_by_school(client, officer, make_activity, make_school):
    north, south = make_school(name="North"), make_school(name="South")
    make_activity(officer, "admin", school=north)
    make_activity(officer, "admin", school=south)
    page = client.get(f"/activities/list?school_id={south.id}").get_data(as_text=True)
    assert 'data-testid="result-count">1 entry' in page


def test_the_list_pages_through_many_entries(client, officer, make_activity):
    for day in range(30):
        make_activity(
            officer,
            "admin",
            occurred_on=date(2026, 1, 1) + timedelta(days=day),
            summary=f"Entry {day:02d}",
        )
    first = client.get("/activities/list").get_data(as_text=True)
    second = client.get("/activities/list?page=2").get_data(as_text=True)
    # each entry twice: a card (phone) and a table row (wider screens)
    assert first.count(">Entry ") == 2 * 25 and second.count(">Entry ") == 2 * 5
    assert "Entry 29" in first and "Entry 00" in second
    assert "Page 1 of 2" in first


def test_my_entries_on_a_phone_are_cards_with_date_kind_time_and_status(
    client, officer, make_activity
):
    make_activity(officer, "patrol", status="returned", occurred_on=date(2026, 3, 9),
                  duration_minutes=45, summary="Dismissal patrol")  # fmt: skip
    page = client.get("/activities/list").get_data(as_text=True)
    card = page.split('class="list-group d-md-none')[1].split("</ul>")[0]
    assert "Mon 09 Mar 2026 · Patrol" in card and ">returned<" in card
    assert "45 min" in card and "Dismissal patrol" in card
    assert 'class="table-responsive d-none d-md-block"' in page


def test_a_bad_filter_gets_a_message_and_never_an_error(client, officer, make_activity):
    make_activity(officer, "admin")
    page = client.get("/activities/list?date_from=2026-03-10&date_to=2026-03-01&kind=x")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "must not be before" in field_error(text, "date_to")
    assert "Not a valid choice" in field_error(text, "kind")


@settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    params=st.dictionaries(
        st.sampled_from(["date_from", "date_to", "kind", "school_id", "status", "page", "week"]),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=20),
        max_size=5,
    )
)
def test_arbitrary_query_strings_never_error(client, officer, params):
    assert client.get("/activities/list", query_string=params).status_code == 200
    assert client.get("/activities/", query_string=params).status_code == 200


def test_the_week_navigation_survives_dates_at_the_edge_of_the_calendar(client, officer):
    for week in ("9999-12-31", "0001-01-01", "2026-13-01"):
        assert client.get(f"/activities/?week={week}").status_code == 200
