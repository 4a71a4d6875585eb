"""The admin's Email page (issue 22): whether mail is set up, who has no address, and what was
sent or failed, with filters that refuse bad values at the field and never fail."""

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sro_log.models import Notification
from tests.activities.entryforms import field_error
from tests.fuzzing import examples

AT = datetime(2026, 3, 12, 15, 0, tzinfo=UTC)


@pytest.fixture
def admin(make_user, login):
    user = make_user("admin", username="lt.okafor", email="okafor@example.org")
    login(user)
    return user


@pytest.fixture
def ledger(db, make_user):
    dana = make_user("officer", username="dana", email="dana@example.org")
    sam = make_user("officer", username="sam", email="sam@example.org")
    db.session.add_all([
        Notification(kind="entry_returned", user_id=dana.id, about="event:1",
                     address="dana@example.org", subject="Entry returned: Patrol, Tue 10 Mar",
                     status="sent", attempts=1, last_attempt_at=AT, sent_at=AT),
        Notification(kind="entry_returned", user_id=sam.id, about="event:2",
                     address="sam@example.org", subject="Entry returned: Training, Wed 11 Mar",
                     status="failed", attempts=3, last_error="ConnectionRefusedError: refused",
                     last_attempt_at=AT),
    ])  # fmt: skip
    db.session.commit()
    return dana, sam


def test_without_a_mail_server_the_page_says_nothing_is_sent(client, admin, app, monkeypatch,
                                                             make_user):  # fmt: skip
    monkeypatch.setitem(app.config, "SRO_LOG_MAIL_SERVER", "")
    make_user("officer", full_name="Dep. No Address")
    page = client.get("/admin/email").get_data(as_text=True)
    assert "No mail server is set" in page
    assert "No email address, so no email: Dep. No Address." in page


def test_with_a_mail_server_the_page_names_it_and_lists_what_was_sent_and_what_failed(
    client, admin, app, monkeypatch, ledger
):
    monkeypatch.setitem(app.config, "SRO_LOG_MAIL_SERVER", "smtp.example.org")
    page = " ".join(client.get("/admin/email").get_data(as_text=True).split())
    assert "Mail goes through <strong>smtp.example.org:587</strong> (STARTTLS)" in page
    assert "2 messages" in page
    assert "dana &lt;dana@example.org&gt;" in page
    assert "Not sent: ConnectionRefusedError: refused" in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("status=failed", "sam@example.org", "dana@example.org"),
        ("status=sent", "dana@example.org", "sam@example.org"),
        ("kind=entry_returned", "dana@example.org", None),
    ],
)
def test_the_filters_narrow_the_list(client, admin, ledger, query, shown, hidden):
    page = client.get(f"/admin/email?{query}").get_data(as_text=True)
    assert shown in page
    if hidden:
        assert hidden not in page


def test_a_filter_on_the_recipient(client, admin, ledger):
    dana, _ = ledger
    page = client.get(f"/admin/email?user_id={dana.id}").get_data(as_text=True)
    assert "1 message" in page and "sam@example.org" not in page


@pytest.mark.parametrize(
    ("field", "value"),
    [("status", "bounced"), ("kind", "<script>"), ("user_id", "abc"), ("user_id", "99999")],
)
def test_a_bad_filter_is_refused_at_its_field_and_the_list_is_unfiltered(
    client, admin, ledger, field, value
):
    response = client.get("/admin/email", query_string={field: value})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert field_error(page, field)
    assert "2 messages" in page


@settings(max_examples=examples(100), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(args=st.dictionaries(st.sampled_from(["status", "kind", "user_id", "page"]),
                            st.text(max_size=30), max_size=4))  # fmt: skip
def test_any_query_string_gives_the_page(client, admin, args):
    assert client.get("/admin/email", query_string=args).status_code == 200
