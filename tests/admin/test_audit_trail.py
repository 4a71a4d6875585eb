"""The admin's audit page: filters, CSV, and reading it is itself audited."""

import csv
import hashlib
import io
from datetime import UTC, datetime

import sqlalchemy as sa

from sro_log import audit
from sro_log.models import AuditEvent


def _add(db, action, at, actor=None, object_id=None):
    event = audit.event(action, None, {"n": 1}, actor=actor)
    audit.write([{**event, "occurred_at": at, "object_type": "Thing", "object_id": object_id}])
    db.session.commit()


def test_the_audit_page_filters_by_actor_action_object_and_local_day(client, db, make_user, login):
    admin = make_user("admin")
    dana = make_user("officer", username="dana")
    _add(db, "login", datetime(2026, 3, 2, 5, 30, tzinfo=UTC), dana)  # 1 March, 23:30 local
    _add(db, "login", datetime(2026, 3, 2, 15, 0, tzinfo=UTC), dana)  # 2 March local
    _add(db, "activity_create", datetime(2026, 3, 2, 16, 0, tzinfo=UTC), dana, object_id="7")
    _add(db, "logout", datetime(2026, 3, 2, 17, 0, tzinfo=UTC), admin)
    login(admin)

    def shown(**args):
        page = client.get("/admin/audit", query_string=args).get_data(as_text=True)
        return int(page.split('data-testid="result-count">')[1].split(" ")[0])

    assert shown(actor_id=dana.id) == 3
    assert shown(action="login") == 2
    assert shown(object_id="7", object_type="Thing") == 1
    assert shown(date_from="2026-03-02", date_to="2026-03-02", actor_id=dana.id) == 2
    assert shown(date_to="2026-03-01") == 1
    assert shown(date_from="2026-03-05", date_to="2026-03-01") > 1  # a bad range filters nothing


def test_reading_and_downloading_the_trail_are_audited(client, db, make_user, login):
    admin = make_user("admin")
    login(admin)
    client.get("/admin/audit", query_string={"action": "login"})
    response = client.get("/admin/audit.csv")
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert [r["action"] for r in rows] == ["audit_read"]
    events = db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [e.action for e in events] == ["audit_read", "audit_export"]
    assert events[0].changes["filters"] == {"action": "login"}
    assert events[1].changes["sha256"] == hashlib.sha256(response.data).hexdigest()
    assert events[1].actor_id == admin.id


def test_a_formula_in_an_audited_value_is_inert_in_the_csv(client, db, make_user, login):
    admin = make_user("admin", username="=cmd")
    login(admin)
    _add(db, "login", datetime(2026, 3, 2, 15, 0, tzinfo=UTC), admin)
    content = client.get("/admin/audit.csv").data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert {r["actor"] for r in rows} == {"'=cmd"}


def test_the_trail_reads_as_labels_local_times_and_labelled_details(client, db, make_user, login):
    admin = make_user("admin")
    login(admin)
    note = "<script>alert(1)</script> " + "x" * 4000
    event = audit.event(
        "activity_update",
        None,
        {"notes": {"before": None, "after": note}, "duration_minutes": {"before": 30, "after": 45}},
        actor=admin,
    )
    at = datetime(2026, 3, 2, 15, 5, tzinfo=UTC)  # 09:05 in Chicago (CST)
    audit.write([{**event, "occurred_at": at}])
    db.session.commit()

    page = client.get("/admin/audit", query_string={"action": "activity_update"}).get_data(
        as_text=True
    )
    row = page.split("<tbody>")[1].split("</tbody>")[0]

    assert "<td>Entry changed</td>" in row and ">activity_update<" not in row
    assert 'title="2026-03-02 15:05:00 UTC">2026-03-02 09:05 CST</time>' in row
    assert '<dt class="fw-semibold">Duration minutes</dt>' in row and "30 → 45" in row
    assert "<script>" not in row and "&lt;script&gt;alert(1)&lt;/script&gt;" in row
    assert "\\u003c" not in row
    summary = row.split("<summary>")[1].split("</summary>")[0]
    assert summary.startswith("— → &lt;script&gt;") and summary.endswith("…")
    assert len(summary) < 120 and ("x" * 4000) in row  # folded, not cut


def test_the_csv_keeps_utc_and_the_action_codes(client, db, make_user, login):
    admin = make_user("admin")
    login(admin)
    _add(db, "activity_update", datetime(2026, 3, 2, 15, 5, tzinfo=UTC), admin)
    rows = list(
        csv.DictReader(io.StringIO(client.get("/admin/audit.csv").data.decode("utf-8-sig")))
    )
    (row,) = [r for r in rows if r["action"] == "activity_update"]
    assert row["occurred_at_utc"].startswith("2026-03-02T15:05:00")


def test_every_recorded_action_has_words_for_the_trail():
    assert set(audit.ACTIONS) == set(audit.ACTION_LABELS)
    assert all(label and label[0].isupper() for label in audit.ACTION_LABELS.values())
    assert len(set(audit.ACTION_LABELS.values())) == len(audit.ACTION_LABELS)


def test_the_users_page_shows_local_sign_in_times(client, db, make_user, login):
    admin = make_user("admin")
    dana = make_user("officer", username="dana")
    dana.last_login_at = datetime(2026, 7, 1, 13, 30, tzinfo=UTC)  # 08:30 CDT
    db.session.commit()
    login(admin)
    page = client.get("/admin/users").get_data(as_text=True)
    assert 'title="2026-07-01 13:30:00 UTC">2026-07-01 08:30 CDT</time>' in page
    assert "(UTC)" not in page
