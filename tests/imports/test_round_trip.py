"""The supervisor's CSV of all entries, imported into a database emptied of entries (its people,
schools and goals kept, as the import needs them), gives the same dashboard numbers; and a
second import of the same file creates nothing."""

from datetime import date

import sqlalchemy as sa

from sro_log.clock import agency_zone
from sro_log.demo import seed_demo
from sro_log.models import Activity, AuditEvent, User, activity_goals
from sro_log.reports.dashboard import build_dashboard
from sro_log.reports.filters import APPROVED, REVIEWED_OR_PENDING, EntryFilter

TABLES = ("goals", "kinds", "schools", "officers", "months", "incident_types")


def numbers(db) -> dict:
    result = {}
    for statuses in (APPROVED, REVIEWED_OR_PENDING):
        d = build_dashboard(EntryFilter(date_from=date(2025, 7, 1), date_to=date(2026, 6, 30),
                                        statuses=statuses))  # fmt: skip
        result[statuses] = {"tiles": d.tiles, "response": d.response,
                            **{name: d.records(name) for name in TABLES}}  # fmt: skip
    return result


def empty_of_entries(db) -> None:
    db.session.execute(activity_goals.delete())
    db.session.execute(sa.delete(Activity))
    db.session.commit()


def test_the_entries_csv_imported_into_an_empty_database_gives_the_same_dashboard(
    db, client, runner, login, tmp_path
):
    seed_demo(date(2026, 6, 30), 2026, "demo-password-2026", agency_zone())  # a year, every kind
    db.session.commit()
    supervisor = db.session.scalar(sa.select(User).where(User.role == "supervisor"))
    login(supervisor)
    before = numbers(db)
    assert before[APPROVED]["tiles"]["entries"] > 100
    exported = client.get("/review/entries.csv").get_data()
    path = tmp_path / "entries.csv"
    path.write_bytes(exported)
    empty_of_entries(db)

    result = runner.invoke(args=["import-activities", str(path), "--user", supervisor.username])

    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert numbers(db) == before
    imported = db.session.scalar(sa.select(sa.func.count()).select_from(Activity))
    assert f"Imported {imported} entries" in result.output
    events = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "activity_import", AuditEvent.actor_id == supervisor.id))  # fmt: skip
    assert events == imported

    again = runner.invoke(args=["import-activities", str(path), "--user", supervisor.username])
    assert again.exit_code == 0 and "Imported 0 entries" in again.output
    assert f"{imported} were imported before" in again.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Activity)) == imported


def test_importing_this_databases_own_export_copies_nothing(
    db, client, runner, login, make_user, make_activity, tmp_path
):
    officer, supervisor = make_user("officer"), make_user("supervisor")
    for day in (2, 3):
        make_activity(officer, kind="patrol", occurred_on=date(2026, 3, day), status="approved",
                      patrol_type_id=db.session.scalar(sa.text(
                          "SELECT id FROM pick_list_items WHERE code = 'lunch'")))  # fmt: skip
    login(supervisor)
    path = tmp_path / "mine.csv"
    path.write_bytes(client.get("/review/entries.csv").get_data())
    result = runner.invoke(args=["import-activities", str(path), "--user", supervisor.username])
    assert result.exit_code == 0, result.output
    assert "Imported 0 entries from 2 rows; 2 were imported before" in result.output
