"""The supervisor's CSV of all entries, imported into a database emptied of entries (its people,
schools and goals kept, as the import needs them), gives the same dashboard numbers; and a
second import of the same file creates nothing."""

from datetime import date

import sqlalchemy as sa

from sro_log.models import Activity, AuditEvent, activity_goals
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
    db, client, runner, county, make_user, login, tmp_path
):
    supervisor = make_user("supervisor", username="sergeant")
    login(supervisor)
    before = numbers(db)
    assert before[APPROVED]["tiles"]["entries"] > 100
    exported = client.get("/review/entries.csv").get_data()
    path = tmp_path / "entries.csv"
    path.write_bytes(exported)
    empty_of_entries(db)

    result = runner.invoke(args=["import-activities", str(path), "--user", "sergeant"])

    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert numbers(db) == before
    imported = db.session.scalar(sa.select(sa.func.count()).select_from(Activity))
    assert f"Imported {imported} entries" in result.output
    events = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "activity_import", AuditEvent.actor_id == supervisor.id))  # fmt: skip
    assert events == imported

    again = runner.invoke(args=["import-activities", str(path), "--user", "sergeant"])
    assert again.exit_code == 0 and "Imported 0 entries" in again.output
    assert f"{imported} were imported before" in again.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Activity)) == imported
