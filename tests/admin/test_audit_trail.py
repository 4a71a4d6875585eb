"""The admin's audit page: filters, CSV, and reading it is itself audited."""

import csv
import hashlib
import io
from datetime import UTC, datetime

import sqlalchemy as sa

from sro_log import audit
from sro_log.models import AuditEvent


def _add(db, action, at, actor=None, object_id=None):
    event = audit.record(action, None, {"n": 1}, actor=actor)
    event.occurred_at, event.object_type, event.object_id = at, "Thing", object_id
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
