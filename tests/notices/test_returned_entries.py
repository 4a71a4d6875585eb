"""`flask send-notifications` tells an officer that an entry was returned (issue 22): through a
real SMTP server, once, with a plain-text and an HTML part, the supervisor's comment and a link,
never the entry's own text; with the server down the run says so, keeps the record and a later
run sends; STARTTLS with a certificate from a private CA works when that CA is given."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import jinja2
import pytest
import sqlalchemy as sa

from sro_log.models import Activity, AuditEvent, Notification, User
from sro_log.review.services import return_activity
from tests.notices.conftest import free_port

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
NOW = datetime(2026, 3, 12, 15, 0, tzinfo=UTC)
NARRATIVE = "Spoke with Jordan Avery about the fight"


@pytest.fixture
def returned(db, make_user, make_activity, freeze_now):
    """An officer's submitted entry, returned by a supervisor with a comment."""
    freeze_now(NOW)
    officer = make_user("officer", username="dana", full_name="Dep. Dana Whitfield",
                        email="dana@example.org")  # fmt: skip
    sergeant = make_user("supervisor", username="sgt", full_name="Sgt. Lee Ortiz")
    entry = make_activity(officer, "patrol", status="submitted", summary=NARRATIVE)
    return_activity(entry, sergeant, "Add the minutes you spent at lunch duty.", None)
    db.session.commit()
    return entry


def send(runner, *options):
    return runner.invoke(args=["send-notifications", *options])


def test_a_returned_entry_reaches_its_officer_once_with_both_parts_and_no_narrative(
    db, runner, returned, smtp_server, mail_config
):
    inbox, port = smtp_server()
    mail_config(port)
    result = send(runner)
    assert result.exit_code == 0, result.output
    assert "1 sent, 0 failed" in result.output
    (mail,) = inbox.messages
    assert inbox.recipients == [["dana@example.org"]]
    assert mail["To"] == "dana@example.org" and mail["From"] == "SRO Log <sro-log@example.org>"
    assert mail["Subject"] == "Entry returned: Patrol / visible presence, Tue 10 Mar"
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    link = f"https://sro.example.org/activities/{returned.id}/edit"
    for part in (text, html):
        assert (
            "Sgt. Lee Ortiz returned your patrol / visible presence entry of Tuesday 10 March 2026"
            in part
        )
        assert "Add the minutes you spent at lunch duty." in part
        assert link in part and "https://sro.example.org/auth/email" in part
        assert NARRATIVE not in part and "Jordan" not in part

    again = send(runner)
    assert "0 sent, 0 failed" in again.output and len(inbox.messages) == 1
    row = db.session.scalar(sa.select(Notification))
    assert (row.status, row.attempts, row.address, row.sent_at) == (
        "sent",
        1,
        "dana@example.org",
        NOW,
    )
    assert (
        db.session.scalar(
            sa.select(sa.func.count()).where(AuditEvent.action == "notification_sent")
        )
        == 1
    )


def test_a_comment_is_escaped_in_the_html_part(db, runner, make_user, make_activity, freeze_now,
                                               smtp_server, mail_config):  # fmt: skip
    freeze_now(NOW)
    officer = make_user("officer", email="o@example.org")
    entry = make_activity(officer, "patrol", status="submitted")
    return_activity(entry, make_user("supervisor"), "<b>Fix</b> & resend", None)
    db.session.commit()
    inbox, port = smtp_server()
    mail_config(port)
    send(runner)
    (mail,) = inbox.messages
    assert "&lt;b&gt;Fix&lt;/b&gt; &amp; resend" in mail.get_body(("html",)).get_content()
    assert "<b>Fix</b> & resend" in mail.get_body(("plain",)).get_content()


def test_with_the_server_down_the_run_fails_keeps_the_record_and_a_later_run_sends(
    db, runner, returned, smtp_server, mail_config
):
    port = free_port()  # nothing listens there yet
    mail_config(port)
    for attempt in (1, 2):
        result = send(runner)
        assert result.exit_code == 1
        assert "0 sent, 1 failed" in result.output and "ConnectionRefusedError" in result.output
        row = db.session.scalar(sa.select(Notification))
        assert (row.status, row.attempts) == ("failed", attempt)
    failures = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "notification_failed")
    ).all()
    assert len(failures) == 1  # the first failure is audited; the row counts the attempts

    inbox, _ = smtp_server(port)  # the server is back
    assert "1 sent, 0 failed" in send(runner).output
    assert len(inbox.messages) == 1
    db.session.refresh(row)
    assert (row.status, row.attempts, row.last_error) == ("sent", 3, "")


def test_starttls_with_a_certificate_from_a_private_ca_needs_that_ca(
    db, runner, returned, tls_server, mail_config, certificate_authority, tmp_path
):
    inbox, port = tls_server
    mail_config(port, tls=True)  # the system's CAs do not know this one
    refused = send(runner)
    assert refused.exit_code == 1 and "CERTIFICATE_VERIFY_FAILED" in refused.output
    assert inbox.messages == []

    ca_file = tmp_path / "ca.pem"
    certificate_authority.cert_pem.write_to_path(str(ca_file))
    mail_config(port, tls=True, ca_file=str(ca_file))
    assert "1 sent, 0 failed" in send(runner).output
    assert len(inbox.messages) == 1


def test_a_plain_server_is_refused_when_starttls_is_asked_for(
    db, runner, returned, smtp_server, mail_config
):
    inbox, port = smtp_server()
    mail_config(port, tls=True)
    result = send(runner)
    assert result.exit_code == 1 and "STARTTLS" in result.output
    assert inbox.messages == []  # nothing goes out in the clear


def test_a_dry_run_lists_what_is_due_and_sends_and_records_nothing(
    db, runner, returned, smtp_server, mail_config
):
    inbox, port = smtp_server()
    mail_config(port)
    result = send(runner, "--dry-run")
    assert result.exit_code == 0
    assert "due: entry_returned to dana <dana@example.org>" in result.output
    assert inbox.messages == [] and db.session.scalar(sa.select(Notification)) is None


def test_without_a_mail_server_nothing_is_sent_and_the_run_says_so(db, runner, returned, app,
                                                                   monkeypatch):  # fmt: skip
    monkeypatch.setitem(app.config, "SRO_LOG_MAIL_SERVER", "")
    result = send(runner)
    assert result.exit_code == 0 and "SRO_LOG_MAIL_SERVER is not set" in result.output
    assert db.session.scalar(sa.select(Notification)) is None


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda entry, officer: setattr(officer, "email", None), id="no-address"),
        pytest.param(lambda entry, officer: setattr(officer, "active", False), id="deactivated"),
        pytest.param(
            lambda entry, officer: setattr(entry, "status", "submitted"), id="resubmitted"
        ),
        pytest.param(lambda entry, officer: setattr(entry, "deleted_at", NOW), id="deleted"),
    ],
)
def test_no_message_when_nobody_can_or_need_act_on_it(
    db, runner, returned, smtp_server, mail_config, change
):
    change(returned, returned.officer)
    db.session.commit()
    inbox, port = smtp_server()
    mail_config(port)
    assert "0 sent, 0 failed" in send(runner).output
    assert inbox.messages == []


def test_a_return_older_than_a_week_is_not_mailed(db, runner, returned, smtp_server, mail_config,
                                                   freeze_now):  # fmt: skip
    freeze_now(NOW + timedelta(days=8))  # mail was turned on long after the return
    inbox, port = smtp_server()
    mail_config(port)
    assert "0 sent, 0 failed" in send(runner).output
    assert inbox.messages == []


def test_an_entry_returned_again_after_a_correction_is_mailed_again_with_the_new_comment(
    db, runner, returned, smtp_server, mail_config, make_user, freeze_now
):
    inbox, port = smtp_server()
    mail_config(port)
    send(runner)
    entry = db.session.get(Activity, returned.id)
    entry.status = "submitted"  # corrected and sent again
    db.session.commit()
    freeze_now(NOW + timedelta(hours=2))
    return_activity(entry, make_user("supervisor"), "Still missing the school.", None)
    db.session.commit()
    assert "1 sent, 0 failed" in send(runner).output
    assert "Still missing the school." in inbox.messages[1].get_body(("plain",)).get_content()


def test_a_message_that_cannot_be_rendered_fails_alone_and_the_others_are_sent(
    db, app, runner, returned, make_user, make_activity, smtp_server, mail_config, monkeypatch
):
    officer = make_user(
        "officer", username="broken", full_name="Dep. Broken Template", email="broken@example.org"
    )
    sergeant = db.session.scalar(sa.select(User).where(User.username == "sgt"))
    entry = make_activity(officer, "patrol", status="submitted")
    return_activity(entry, sergeant, "Say where.", None)
    db.session.commit()
    # A template bug that only this officer's message meets, in front of the real template.
    real = (TEMPLATES / "mail" / "entry_returned.txt").read_text()
    bug = "{% if 'Broken' in officer %}{{ no_such_value.attribute }}{% endif %}"
    override = jinja2.DictLoader({"mail/entry_returned.txt": bug + real})
    monkeypatch.setattr(app.jinja_env, "loader", jinja2.ChoiceLoader([override, app.jinja_loader]))
    inbox, port = smtp_server()
    mail_config(port)

    result = send(runner)

    assert result.exit_code == 1  # the timer's log shows the failure
    assert "1 sent, 1 failed" in result.output
    assert "failed: entry_returned to broken: not rendered: UndefinedError" in result.output
    assert inbox.recipients == [["dana@example.org"]]  # the other officer's, sent all the same
    rows = {
        row.address: (row.status, row.attempts)
        for row in db.session.scalars(sa.select(Notification))
    }
    assert rows == {"dana@example.org": ("sent", 1), "broken@example.org": ("failed", 1)}
