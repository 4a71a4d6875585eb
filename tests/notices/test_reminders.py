"""An officer is reminded of school days with nothing logged (issue 22): on a school day from a
local hour, and on Friday with the week's list instead. The district's calendar decides what is
a school day (a holiday is not), and the agency's time zone decides the hour, across the change
from daylight to standard time."""

from datetime import UTC, date, datetime

import pytest

from sro_log.models import Assignment, CalendarSpan
from tests.notices.conftest import send

# Chicago: daylight time (UTC-5) until 1 November 2026, standard time (UTC-6) after.
FRIDAY_OCT_30 = date(2026, 10, 30)
MONDAY_NOV_2 = date(2026, 11, 2)
THANKSGIVING = date(2026, 11, 26)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


@pytest.fixture
def dana(db, make_user, make_school):
    school = make_school()
    db.session.add_all([
        CalendarSpan(district_id=school.district_id, kind="year", label="2026-27",
                     starts_on=date(2026, 8, 17), ends_on=date(2027, 5, 28)),
        CalendarSpan(district_id=school.district_id, kind="closure", label="Thanksgiving",
                     starts_on=THANKSGIVING, ends_on=date(2026, 11, 27)),
    ])  # fmt: skip
    officer = make_user("officer", username="dana", full_name="Dep. Dana Whitfield",
                        email="dana@example.org")  # fmt: skip
    db.session.add(Assignment(officer=officer, school=school, starts_on=date(2026, 8, 1)))
    db.session.commit()
    return officer


def test_a_school_day_with_nothing_logged_is_reminded_once_from_the_local_hour(
    db, runner, dana, outbox, freeze_now
):
    tuesday = date(2026, 11, 3)  # standard time: 15:00 in Chicago is 21:00 UTC
    freeze_now(at(tuesday, 20, 59))
    assert "0 sent" in send(runner)
    freeze_now(at(tuesday, 21, 0))
    assert "1 sent" in send(runner)
    freeze_now(at(tuesday, 23, 0))
    assert "0 sent" in send(runner)  # once a day
    (mail,) = outbox.messages
    assert mail["Subject"] == "Nothing logged yet today, Tue 03 Nov"
    text = mail.get_body(("plain",)).get_content()
    assert "https://sro.example.org/activities/?on=2026-11-03" in text


def test_the_same_utc_hour_is_before_the_local_hour_after_the_clocks_go_back(
    db, runner, dana, outbox, freeze_now
):
    thursday = date(2026, 10, 29)  # daylight time: 20:30 UTC is 15:30 in Chicago
    freeze_now(at(thursday, 20, 30))
    assert "1 sent" in send(runner)
    freeze_now(at(MONDAY_NOV_2, 20, 30))  # standard time: 20:30 UTC is 14:30
    assert "0 sent" in send(runner)
    freeze_now(at(MONDAY_NOV_2, 21, 30))
    assert "1 sent" in send(runner)


def test_a_holiday_is_not_a_school_day_to_be_reminded_of(db, runner, dana, outbox, freeze_now):
    freeze_now(at(THANKSGIVING, 22, 0))
    assert "0 sent" in send(runner)
    assert outbox.messages == []


def test_a_logged_day_is_not_reminded(db, runner, dana, outbox, freeze_now, make_activity):
    make_activity(dana, "patrol", occurred_on=date(2026, 11, 3))
    freeze_now(at(date(2026, 11, 3), 22, 0))
    assert "0 sent" in send(runner)


def test_on_friday_the_weeks_unlogged_school_days_come_in_one_list(
    db, runner, dana, outbox, freeze_now, make_activity
):
    for day in (26, 28):  # Monday and Wednesday logged
        make_activity(dana, "patrol", occurred_on=date(2026, 10, day))
    freeze_now(at(FRIDAY_OCT_30, 20, 0))  # 15:00 daylight time
    assert "1 sent" in send(runner)
    (mail,) = outbox.messages
    assert mail["Subject"] == "This week: 3 school days not logged"
    for part in (mail.get_body(("plain",)).get_content(), mail.get_body(("html",)).get_content()):
        for day in ("Tuesday 27 October", "Thursday 29 October", "Friday 30 October"):
            assert day in part
        assert "Monday 26 October" not in part and "Wednesday 28 October" not in part
    assert "0 sent" in send(runner)


def test_an_officer_who_turned_reminders_off_gets_none(db, runner, dana, outbox, freeze_now,
                                                       client, login):  # fmt: skip
    login(dana)
    client.post("/auth/email", data={"email": "dana@example.org", "wanted": "entry_returned"})
    freeze_now(at(date(2026, 11, 3), 22, 0))
    assert "0 sent" in send(runner)
    assert outbox.messages == []
