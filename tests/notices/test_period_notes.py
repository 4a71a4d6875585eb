"""Supervisors are told before a grant's reporting period ends and once it has ended, with
what still waits in it (issue 22); each note once, from the supervisors' morning hour."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from sro_log.models import NotificationOptOut, ReportingPeriod
from tests.notices.conftest import send


def morning(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, 30, tzinfo=UTC)  # 07:30 in Chicago


@pytest.fixture
def first_quarter(db, make_grant, make_user, make_activity):
    make_grant(name="School Safety")  # quarterly periods of 2026
    dana = make_user("officer", email="dana@example.org")
    for status, day in (
        ("submitted", 2),
        ("submitted", 3),
        ("returned", 4),
        ("draft", 5),
        ("approved", 6),
    ):
        make_activity(dana, "patrol", status=status, occurred_on=date(2026, 3, day),
                      summary="Talked with Jordan Avery")  # fmt: skip
    make_activity(dana, "patrol", status="submitted", occurred_on=date(2026, 3, 9),
                  deleted_at=datetime(2026, 3, 10, tzinfo=UTC))  # fmt: skip
    make_activity(dana, "patrol", status="submitted", occurred_on=date(2026, 4, 2))
    admin = make_user("admin", email="admin@example.org")
    sgt = make_user("supervisor", username="sgt", full_name="Sgt. Lee Ortiz")
    sgt.email = "sgt@example.org"
    # Some of these mornings are Mondays: this file is about the period notes, not the digest.
    db.session.add_all(NotificationOptOut(user_id=u.id, kind="weekly_digest") for u in (admin, sgt))
    db.session.commit()
    return db.session.scalar(
        sa.select(ReportingPeriod).where(ReportingPeriod.ends_on == date(2026, 3, 31))
    )


def test_a_period_is_told_of_a_week_before_it_ends_and_once_it_has_ended(
    db, runner, first_quarter, smtp_server, mail_config, freeze_now
):
    inbox, port = smtp_server()
    mail_config(port)
    freeze_now(morning(date(2026, 3, 23)))  # eight days before the end
    assert "0 sent" in send(runner)
    freeze_now(morning(date(2026, 3, 24)))
    assert "1 sent" in send(runner)
    assert "0 sent" in send(runner)
    freeze_now(morning(date(2026, 4, 1)))
    assert "1 sent" in send(runner)
    freeze_now(morning(date(2026, 4, 2)))
    assert "0 sent" in send(runner)

    ending, ended = inbox.messages
    assert inbox.recipients == [["sgt@example.org"], ["sgt@example.org"]]
    label = first_quarter.label
    assert ending["Subject"] == f"School Safety, {label}: ends Tue 31 Mar"
    assert ended["Subject"] == f"School Safety, {label}: ended Tue 31 Mar"
    for mail in (ending, ended):
        for part in (mail.get_body(("plain",)).get_content(),
                     mail.get_body(("html",)).get_content()):  # fmt: skip
            assert "submitted, not yet reviewed: 2" in part
            assert "returned to their officers: 1" in part
            assert "drafts not yet submitted: 1" in part
            assert f"https://sro.example.org/grants/periods/{first_quarter.id}/report" in part
            assert "Jordan" not in part


def test_a_period_that_ended_weeks_before_mail_was_set_up_is_not_told_of(
    db, runner, first_quarter, smtp_server, mail_config, freeze_now
):
    inbox, port = smtp_server()
    mail_config(port)
    freeze_now(morning(date(2026, 4, 20)))
    assert "0 sent" in send(runner)
    assert inbox.messages == []
