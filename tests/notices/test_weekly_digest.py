"""Supervisors and admins get a weekly digest (issue 22): last week's numbers from the reporting
path, equal to the dashboard's for that week, with small counts of persons withheld as in the
exports; the review queue; and the officers with school days not logged."""

from datetime import UTC, date, datetime, time, timedelta
from html.parser import HTMLParser

import pytest
import sqlalchemy as sa

from sro_log.models import Assignment, CalendarSpan, Notification, NotificationOptOut
from sro_log.review.queue import waiting_count
from tests.conftest import item
from tests.notices.conftest import free_port, send
from tests.reports.pageparse import DashboardPage, number

MONDAY = date(2026, 11, 16)  # the week the digest is about: 16 to 22 November 2026
SUNDAY = MONDAY + timedelta(days=6)
# Monday 23 November, 07:00 in Chicago (standard time, UTC-6): the supervisors' hour.
SENT_AT = datetime(2026, 11, 23, 13, 0, tzinfo=UTC)


class DigestTiles(HTMLParser):
    """The numbers of the digest's HTML part, by the dashboard tile each one repeats."""

    def __init__(self, html: str):
        super().__init__()
        self.tiles: dict[str, str] = {}
        self._key = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self._key = dict(attrs).get("data-tile")

    def handle_data(self, data):
        if self._key:
            self.tiles[self._key] = data.strip()
            self._key = None


@pytest.fixture
def week(db, make_user, make_school, make_activity):
    """A week of approved work with counts both large and small, and what must not count: a
    submitted entry, a draft, a deleted entry and the weeks either side."""
    school = make_school()
    db.session.add(
        CalendarSpan(
            district_id=school.district_id,
            kind="year",
            label="2026-27",
            starts_on=date(2026, 8, 17),
            ends_on=date(2027, 5, 28),
        )
    )
    dana = make_user("officer", full_name="Dep. Dana Whitfield", email="dana@example.org")
    sam = make_user("officer", full_name="Dep. Sam Ortiz")
    for officer in (dana, sam):
        db.session.add(Assignment(officer=officer, school=school, starts_on=date(2026, 8, 1)))
    db.session.commit()
    topic = item(db, "topic", "internet_safety").id

    def approved(officer, kind, day, **fields):
        return make_activity(
            officer, kind, school=school, occurred_on=day, status="approved", **fields
        )

    for day in range(5):  # Dana logs every school day; Sam only Monday and Tuesday
        approved(
            dana,
            "classroom",
            MONDAY + timedelta(days=day),
            topic_id=topic,
            students_reached=25,
            duration_minutes=50,
        )
    for n in range(12):  # twelve incidents, three with an arrest: enough for a median
        reported = datetime.combine(MONDAY + timedelta(days=n % 2), time(9, n))
        approved(
            sam,
            "incident",
            reported.date(),
            reported_at=reported,
            arrived_at=reported + timedelta(minutes=4 + n),
            arrests=1 if n < 3 else 0,
        )
    for n in range(2):  # two mentoring contacts, one student each: a small count
        approved(
            dana,
            "mentoring",
            MONDAY + timedelta(days=n),
            students_count=1,
            student_ref="Jordan Avery",
            concern_id=item(db, "concern", "attendance").id,
        )
    make_activity(
        sam,
        "patrol",
        school=school,
        occurred_on=MONDAY,
        status="submitted",
        submitted_at=SENT_AT - timedelta(days=6),
    )
    make_activity(sam, "patrol", school=school, occurred_on=MONDAY, status="draft")
    approved(dana, "patrol", MONDAY, deleted_at=SENT_AT, duration_minutes=600)
    approved(dana, "patrol", MONDAY - timedelta(days=1), duration_minutes=600)
    approved(dana, "patrol", SUNDAY + timedelta(days=1), duration_minutes=600)
    return {"dana": dana, "sam": sam}


def test_the_digests_numbers_equal_the_dashboards_for_the_week_with_small_counts_withheld(
    db, app, client, runner, week, make_user, login, outbox, freeze_now
):
    supervisor = make_user("supervisor", full_name="Sgt. Lee Ortiz", email="sgt@example.org")
    make_user("admin", email="admin@example.org")
    freeze_now(SENT_AT)
    assert "3 sent, 0 failed" in send(runner)  # two digests, and the supervisor's queue note
    digests = [m for m in outbox.messages if "the program in numbers" in m["Subject"]]
    assert sorted(m["To"] for m in digests) == ["admin@example.org", "sgt@example.org"]
    mail = digests[0]
    assert mail["Subject"] == "Week of 16 November 2026: the program in numbers"
    text = mail.get_body(("plain",)).get_content().replace("\r\n", "\n")
    html = mail.get_body(("html",)).get_content()
    digest = DigestTiles(html).tiles

    login(supervisor)
    query = {"period": "custom", "date_from": MONDAY.isoformat(), "date_to": SUNDAY.isoformat()}
    dashboard = DashboardPage(client.get("/dashboard/", query_string=query).get_data(as_text=True))
    assert set(digest) <= set(dashboard.tiles) | {"entries"}
    entries = sum(number(row[1]) for row in dashboard.rows("kinds"))
    assert entries == 19  # 5 classes, 12 incidents, 2 mentoring contacts
    shown, withheld = [], []
    for key, printed in digest.items():
        exact = number(dashboard.tiles[key]) if key != "entries" else entries
        if printed == "<10":
            assert 1 <= exact < 10, key
            withheld.append(key)
        elif printed == "n<10":  # a median over fewer than ten incidents
            assert key == "median_response", key
            withheld.append(key)
        elif printed == "*":
            assert exact >= 1, key
            withheld.append(key)
        else:
            assert number(printed) == pytest.approx(exact), key
            shown.append(key)
    # Not a vacuous match: the week's work is shown, and its small counts of persons are not.
    assert {
        "entries",
        "hours",
        "classroom_sessions",
        "students_reached",
        "incidents",
        "median_response",
        "share_in_around",
    } <= set(shown)
    assert {"mentoring_contacts", "students_mentored", "arrests"} <= set(withheld)
    assert dashboard.tiles["arrests"].strip() == "3"  # the dashboard's exact count

    for key, printed in digest.items():  # the text part prints the same numbers
        assert f": {printed}\n" in text, key
    assert "reads <10" in text and "Jordan" not in text + html
    assert "https://sro.example.org/dashboard/?period=custom&date_from=2026-11-16" in text
    # The queue as the supervisor's navigation counts it; Sam's days not logged.
    assert waiting_count() == 1
    assert "The review queue: 1 entry waits for review" in text
    assert "Dep. Sam Ortiz: 3 days" in text and "Dana Whitfield" not in text


def test_the_digest_goes_once_a_week_from_mondays_hour_to_staff_who_want_it(
    db, runner, week, make_user, outbox, freeze_now
):
    supervisor = make_user("supervisor", email="sgt@example.org")
    make_user("admin", email="admin@example.org", active=False)
    make_user("supervisor")  # no address
    quiet = make_user("supervisor", email="quiet@example.org")
    db.session.add(NotificationOptOut(user_id=quiet.id, kind="weekly_digest"))
    db.session.commit()

    def digests():
        return [m["To"] for m in outbox.messages if "in numbers" in m["Subject"]]

    freeze_now(SENT_AT - timedelta(minutes=1))  # 06:59 in Chicago, though 12:59 UTC
    send(runner)
    assert digests() == []
    freeze_now(SENT_AT)
    send(runner)
    freeze_now(SENT_AT + timedelta(hours=3))
    send(runner)
    freeze_now(SENT_AT + timedelta(days=1))  # Tuesday: Monday's digest only
    send(runner)
    assert digests() == [supervisor.email]
    freeze_now(SENT_AT + timedelta(days=7))  # the next Monday: the next week's digest
    send(runner)
    assert digests() == [supervisor.email] * 2
    abouts = db.session.scalars(
        sa.select(Notification.about).where(Notification.kind == "weekly_digest")
    ).all()
    assert sorted(abouts) == ["week:2026-11-16", "week:2026-11-23"]


def test_a_digest_not_sent_at_the_hour_is_sent_on_a_later_run_that_monday(
    db, runner, week, make_user, smtp_server, mail_config, freeze_now
):
    make_user("supervisor", email="sgt@example.org")
    port = free_port()  # nothing listens there yet
    mail_config(port)
    freeze_now(SENT_AT)
    assert runner.invoke(args=["send-notifications"]).exit_code == 1
    inbox, _ = smtp_server(port)
    freeze_now(SENT_AT + timedelta(hours=4))
    assert "sent, 0 failed" in send(runner)
    assert [m["Subject"] for m in inbox.messages if "in numbers" in m["Subject"]] == [
        "Week of 16 November 2026: the program in numbers"
    ]


def test_a_quiet_week_gives_zeros_an_empty_queue_and_no_days_not_logged(
    db, runner, make_user, outbox, freeze_now
):
    make_user("admin", email="admin@example.org")
    freeze_now(SENT_AT)
    assert "1 sent, 0 failed" in send(runner)
    (mail,) = outbox.messages
    text = mail.get_body(("plain",)).get_content()
    assert "Entries: 0" in text and "Incidents: 0" in text and "Arrests: 0" in text
    assert "Median response (minutes): n<10" in text  # no incident: as the exports print it
    assert "no entry waits for review" in text
    assert "Every officer logged each of their school days that week." in text
