"""`flask export-report` writes the same report files as the page, audited the same way."""

import hashlib

import pytest
import sqlalchemy as sa

from sro_log.models import AuditEvent
from tests.grants.readers import read_csv, read_pdf


@pytest.fixture
def period(db, county, make_grant):
    from tests.county import END, START

    return make_grant(starts_on=START, ends_on=END, cadence="school_year").periods[0]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_export_report_writes_the_file_and_audits_it(runner, db, period, tmp_path, make_user,
                                                     fmt):  # fmt: skip
    supervisor = make_user("supervisor", username="sgt")
    output = tmp_path / f"report.{fmt}"
    result = runner.invoke(args=["export-report", "--period", str(period.id), "--format", fmt,
                                 "--output", str(output), "--user", "sgt"])  # fmt: skip
    assert result.exit_code == 0, result.output
    content = output.read_bytes()
    digest = hashlib.sha256(content).hexdigest()
    assert digest in result.output
    event = db.session.scalars(sa.select(AuditEvent)
                               .where(AuditEvent.action == "report_export")).one()  # fmt: skip
    assert event.actor_id == supervisor.id and event.changes["sha256"] == digest
    if fmt == "pdf":
        assert content.startswith(b"%PDF") and "School Safety" in read_pdf(content)


def test_export_report_gives_the_same_csv_as_the_page(runner, client, county, period, tmp_path,
                                                      make_user, login):  # fmt: skip
    output = tmp_path / "report.csv"
    district = str(county["schools"][0].district_id)
    runner.invoke(args=["export-report", "--period", str(period.id), "--format", "csv",
                        "--output", str(output), "--district", district])  # fmt: skip
    login(make_user("supervisor"))
    page = client.get(f"/grants/periods/{period.id}/report.csv",
                      query_string={"district_id": district})  # fmt: skip
    assert output.read_bytes() == page.data
    assert "District: " in read_csv(page.data)[("Cover", "Schools", "")]["value"]


BAD = [
    (["--period", "999", "--format", "csv"], "No reporting period 999"),
    (["--format", "docx"], "'docx' is not one of"),
    (["--school", "999"], "No school 999"),
    (["--district", "999"], "No district 999"),
    (["--user", "nobody"], "No user 'nobody'"),
]


@pytest.mark.parametrize(("args", "message"), BAD)
def test_export_report_refuses_bad_options_and_writes_nothing(runner, db, period, tmp_path,
                                                              args, message):  # fmt: skip
    output = tmp_path / "out.csv"
    base = {"--period": str(period.id), "--format": "csv", "--output": str(output)}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        base[flag] = value
    result = runner.invoke(args=["export-report", *(x for kv in base.items() for x in kv)])
    assert result.exit_code == 2 and message in result.output
    assert not output.exists()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)
                             .where(AuditEvent.action == "report_export")) == 0  # fmt: skip


def test_export_report_refuses_a_folder_that_does_not_exist(runner, period, tmp_path):
    result = runner.invoke(args=["export-report", "--period", str(period.id), "--format", "csv",
                                 "--output", str(tmp_path / "no" / "such.csv")])  # fmt: skip
    assert result.exit_code == 2 and "does not exist" in result.output
