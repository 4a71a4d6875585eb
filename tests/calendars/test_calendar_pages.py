"""The admin keeps the school calendars (by hand or a CSV, all or nothing); the supervisor reads
"Days not logged" and its CSV; the officer sees their own unlogged days and logs one."""

import csv
import io
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from sro_log.clock import today_local
from sro_log.models import Assignment, AuditEvent, CalendarSpan, District
from tests.activities.entryforms import field_error

GOOD = (
    "district,kind,label,starts_on,ends_on\n"
    "Northfield R-VII,holiday,Presidents' Day,2026-02-16,2026-02-16\n"  # before its year: fine
    "Northfield R-VII,year,2025-26,2025-08-18,2026-05-22\n"
    "Northfield R-VII,break,Winter break,2025-12-22,2026-01-02\n"
)


def spans(db) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(CalendarSpan))


def upload(client, text: str, name="calendar.csv"):
    data = {"add": "import", "import-file": (io.BytesIO(text.encode()), name)}
    return client.post("/admin/calendars", data=data, content_type="multipart/form-data")


@pytest.fixture
def admin(make_user, make_school, login):
    make_school()  # Northfield High, Northfield R-VII
    user = make_user("admin")
    login(user)
    return user


def test_a_calendar_csv_is_imported_whole_and_audited(client, db, admin):
    answer = upload(client, GOOD)

    assert answer.status_code == 200
    assert "Imported 3 spans from 3 lines." in answer.get_data(as_text=True)
    kinds = db.session.scalars(sa.select(CalendarSpan.kind).order_by(CalendarSpan.starts_on))
    assert list(kinds) == ["year", "closure", "closure"]
    (event,) = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "calendar_import")
    ).all()
    assert event.changes["rows"] == 3


BAD_LINES = [
    ("Lakeside,year,2025-26,2025-08-18,2026-05-22", "No district is named 'Lakeside'."),
    ("Northfield R-VII,vacation,X,2025-08-18,2025-08-19", "The kind is one of"),
    ("Northfield R-VII,year,,2025-08-18,2026-05-22", "Give the span a name"),
    ("Northfield R-VII,year,Y,18/08/2025,2026-05-22", "starts_on is not a date"),
    ("Northfield R-VII,year,Y,2025-08-18,2026-02-30", "ends_on is not a date"),
    ("Northfield R-VII,year,Y,2026-05-22,2025-08-18", "must not be before the first"),
    ("Northfield R-VII,year,Y,2025-08-18,2026-12-31", "at most 400 days"),
    ("Northfield R-VII,year,Y,2026-01-05,2026-06-30", "overlaps the school year 2025-26"),
    ("Northfield R-VII,holiday,Z,2026-07-04,2026-07-04", "inside one of the district's school"),
    ("Northfield R-VII,year,Again,2025-08-18,2026-05-01", "already has a year starting"),
    ("Northfield R-VII,year,Y,0001-01-01,0001-02-01", "starts_on is not a date"),
]


@pytest.mark.parametrize(("line", "message"), BAD_LINES)
def test_a_bad_line_is_reported_by_number_and_nothing_is_written(client, db, admin, line, message):
    answer = upload(client, GOOD + line + "\n")

    page = answer.get_data(as_text=True)
    assert answer.status_code == 422
    problems = page.split('data-testid="calendar-problems">')[1].split("</ul>")[0]
    lines = [li.split("</li>")[0] for li in problems.split("<li>")[1:]]
    said = message.replace("'", "&#39;")
    assert any(li.startswith("Line 5: ") and said in li for li in lines), lines
    assert all(li.startswith("Line 5: ") for li in lines)  # the good lines are not blamed
    assert spans(db) == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Choose a file."),
        ("kind,district\nyear,x\n", "The first line must be: district,kind,label,"),
        ("district,kind,label,starts_on,ends_on\n\xff\n", "not UTF-8"),
    ],
)
def test_a_bad_file_is_refused_with_a_message(client, db, admin, text, message):
    raw = text.encode("latin-1") if "\xff" in text else text.encode()
    data = (
        {"add": "import", "import-file": (io.BytesIO(raw), "c.csv")} if text else {"add": "import"}
    )
    answer = client.post("/admin/calendars", data=data, content_type="multipart/form-data")
    assert answer.status_code == 422
    assert message in answer.get_data(as_text=True)
    assert spans(db) == 0


def test_a_span_added_by_hand_is_checked_like_an_imported_one(client, db, admin):
    district = db.session.scalar(sa.select(District.id))
    fields = {"add": "span", "span-district_id": str(district), "span-kind": "closure",
              "span-label": "Snow day", "span-starts_on": "2026-02-02",
              "span-ends_on": "2026-02-02"}  # fmt: skip
    refused = client.post("/admin/calendars", data=fields)
    assert refused.status_code == 422 and "add the year first" in refused.get_data(as_text=True)
    year = {**fields, "span-kind": "year", "span-label": "2025-26",
            "span-starts_on": "2025-08-18", "span-ends_on": "2026-05-22"}  # fmt: skip
    assert client.post("/admin/calendars", data=year).status_code == 302
    assert client.post("/admin/calendars", data=fields).status_code == 302
    backwards = {**fields, "span-starts_on": "2026-03-02", "span-ends_on": "2026-03-01"}
    page = client.post("/admin/calendars", data=backwards).get_data(as_text=True)
    assert "must not be before" in (field_error(page, "span-ends_on") or "")
    assert spans(db) == 2


@pytest.fixture
def placed(db, make_user, make_school, make_activity):
    """Dana at Northfield High, whose district has school every weekday of the last month."""
    school = make_school()
    today = today_local()
    db.session.add(CalendarSpan(district_id=school.district_id, kind="year", label="This year",
                                starts_on=today - timedelta(days=60),
                                ends_on=today + timedelta(days=60)))  # fmt: skip
    dana = make_user("officer", username="dana", full_name="Dep. Dana Whitfield")
    db.session.add(Assignment(officer=dana, school=school, starts_on=today - timedelta(days=60)))
    db.session.commit()
    days = [today - timedelta(days=n) for n in range(1, 15)]
    school_days = [d for d in days if d.weekday() < 5]
    make_activity(dana, "admin", occurred_on=school_days[0], duration_minutes=480, school=school)
    make_activity(dana, "admin", occurred_on=school_days[1], duration_minutes=60, school=school)
    return dana, school_days


def test_the_supervisor_sees_each_officers_days_not_logged_with_a_csv(
    client, db, placed, make_user, login
):
    dana, school_days = placed
    login(make_user("supervisor"))

    page = client.get("/review/days-not-logged").get_data(as_text=True)
    unlogged = school_days[2:]
    assert f"{len(unlogged)} school days not logged, 1 short day" in page
    table = page.split('data-table="missing-days"')[1]
    row = table.split("Dep. Dana Whitfield")[1].split("</tr>")[0]
    assert f'<td class="text-end">{len(school_days)}</td>' in row
    first = unlogged[-1]
    assert f"/review/entries?officer_id={dana.id}&amp;date_from={first}&amp;date_to={first}" in row
    assert f"{school_days[1]:%a %d %b} (1 h)" in row

    none_short = client.get("/review/days-not-logged?min_hours=0").get_data(as_text=True)
    assert "0 short days" in none_short

    csv_text = client.get("/review/days-not-logged.csv").data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert len(rows) == len(unlogged) + 1
    assert {r["finding"] for r in rows} == {"no entry", "under 4 h"}
    assert (
        db.session.scalar(
            sa.select(sa.func.count()).where(AuditEvent.action == "missing_days_export")
        )
        == 1
    )


@pytest.mark.parametrize(
    "query",
    ["date_from=2026-13-01", "date_from=2026-03-10&date_to=2026-03-01", "min_hours=99",
     "min_hours=abc", "officer_id=99999999999", "date_from=0001-01-01"],
)  # fmt: skip
def test_a_bad_question_gets_a_message_and_an_answer_not_a_500(client, placed, make_user, login,
                                                               query):  # fmt: skip
    login(make_user("supervisor"))
    answer = client.get(f"/review/days-not-logged?{query}")
    assert answer.status_code == 200 and "invalid-feedback" in answer.get_data(as_text=True)
    assert client.get(f"/review/days-not-logged.csv?{query}").status_code == 200


def test_the_officer_sees_their_unlogged_days_and_opens_a_form_for_one(client, placed, login):
    dana, school_days = placed
    login(dana)

    home = client.get("/activities/").get_data(as_text=True)
    day = school_days[2]
    assert f"School days with nothing logged ({len(school_days) - 2})" in home
    assert f'href="/activities/?on={day}#log-heading"' in home

    chooser = client.get(f"/activities/?on={day}").get_data(as_text=True)
    assert f"Log your work for {day:%A %d %B}" in chooser
    assert f"/activities/new/patrol?on={day}" in chooser
    form = client.get(f"/activities/new/patrol?on={day}").get_data(as_text=True)
    assert f'value="{day}"' in form
    future = client.get(f"/activities/new/patrol?on={date(2999, 1, 1)}").get_data(as_text=True)
    assert f'value="{today_local()}"' in future
