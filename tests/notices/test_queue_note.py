"""Supervisors get a daily note when entries have waited in the review queue longer than a set
number of days (issue 22): once a local day, from a local hour, in the agency's time zone; the
note counts entries per officer and never carries an entry's text."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from sro_log.models import NotificationOptOut
from tests.notices.conftest import send

# 12 March 2026: Chicago is on daylight time (UTC-5) since 8 March.
SEVEN_LOCAL = datetime(2026, 3, 12, 12, 0, tzinfo=UTC)


@pytest.fixture
def queue(db, make_user, make_activity):
    """Two of Dana's entries waiting five days, one of Sam's waiting one day."""
    dana = make_user("officer", username="dana", full_name="Dep. Dana Whitfield")
    sam = make_user("officer", username="sam", full_name="Dep. Sam Ortiz")
    for officer, days in ((dana, 5), (dana, 4), (sam, 1)):
        make_activity(officer, "patrol", status="submitted", summary="Talked with Jordan Avery",
                      submitted_at=SEVEN_LOCAL - timedelta(days=days))  # fmt: skip
    return make_user("supervisor", username="sgt", full_name="Sgt. Lee Ortiz",
                     email="sgt@example.org")  # fmt: skip


def test_a_supervisor_is_told_once_a_day_what_has_waited_too_long(
    db, runner, queue, make_user, smtp_server, mail_config, freeze_now
):
    make_user("admin", email="admin@example.org")  # the note is a supervisor's
    make_user("officer", email="officer@example.org")
    inbox, port = smtp_server()
    mail_config(port)
    freeze_now(SEVEN_LOCAL)
    assert "1 sent, 0 failed" in send(runner)
    (mail,) = inbox.messages
    assert inbox.recipients == [["sgt@example.org"]]
    assert mail["Subject"] == "Review queue: 2 entries have waited over 3 days"
    for part in (mail.get_body(("plain",)).get_content(), mail.get_body(("html",)).get_content()):
        assert "since Saturday 07 March 2026" in part
        assert "Dep. Dana Whitfield: 2" in part and "Dep. Sam Ortiz" not in part
        assert "https://sro.example.org/review/?sort=oldest" in part
        assert "Jordan" not in part

    freeze_now(SEVEN_LOCAL + timedelta(hours=6))
    assert "0 sent, 0 failed" in send(runner)  # the same local day
    freeze_now(SEVEN_LOCAL + timedelta(days=3))
    assert "1 sent, 0 failed" in send(runner)  # another day: Sam's entry too has waited
    assert "3 entries have waited" in inbox.messages[1]["Subject"]


def test_nothing_before_the_local_hour_though_it_is_past_that_hour_in_utc(
    db, runner, queue, smtp_server, mail_config, freeze_now
):
    inbox, port = smtp_server()
    mail_config(port)
    freeze_now(SEVEN_LOCAL - timedelta(minutes=30))  # 11:30 UTC, 06:30 in Chicago
    assert "0 sent, 0 failed" in send(runner)
    assert inbox.messages == []


def test_nothing_when_no_entry_has_waited_long_enough(
    db, runner, make_user, make_activity, smtp_server, mail_config, freeze_now
):
    make_user("supervisor", email="sgt@example.org")
    officer = make_user("officer")
    make_activity(
        officer, "patrol", status="submitted", submitted_at=SEVEN_LOCAL - timedelta(days=2)
    )
    inbox, port = smtp_server()
    mail_config(port)
    freeze_now(SEVEN_LOCAL)
    assert "0 sent, 0 failed" in send(runner)
    assert inbox.messages == []


def test_a_supervisor_who_turned_it_off_or_has_no_address_gets_nothing(
    db, runner, queue, make_user, smtp_server, mail_config, freeze_now
):
    make_user("supervisor", username="noaddress")
    db.session.add(NotificationOptOut(user_id=queue.id, kind="queue_waiting"))
    db.session.commit()
    inbox, port = smtp_server()
    mail_config(port)
    freeze_now(SEVEN_LOCAL)
    assert "0 sent, 0 failed" in send(runner)
    assert inbox.messages == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(NotificationOptOut)) == 1
