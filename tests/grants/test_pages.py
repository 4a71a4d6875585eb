"""The grants pages: a grant and its periods, the report page and its narrative, by role."""

from datetime import date

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sro_log.models import AuditEvent, Grant, ReportingPeriod
from tests.activities.entryforms import field_error
from tests.fuzzing import examples

VALID = {
    "name": "School Safety 2026", "funder": "DOJ COPS Office", "award_number": "2026-CK-0007",
    "starts_on": "2026-02-15", "ends_on": "2027-01-31", "cadence": "cops_half_year",
    "due_days": "30",
}  # fmt: skip


def rows(db, model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def written(db) -> tuple[int, int, int]:
    return rows(db, Grant), rows(db, ReportingPeriod), rows(db, AuditEvent)


@pytest.fixture
def supervisor(make_user, login):
    user = make_user("supervisor")
    login(user)
    return user


def test_a_new_grant_gets_its_periods_generated_and_is_audited(client, db, supervisor):
    response = client.post("/grants/new", data=VALID)

    assert response.status_code == 302
    grant = db.session.scalars(sa.select(Grant)).one()
    assert [(p.label, p.starts_on, p.ends_on, p.due_on) for p in grant.periods] == [
        ("Feb–Jul 2026", date(2026, 2, 15), date(2026, 7, 31), date(2026, 8, 30)),
        ("Aug 2026–Jan 2027", date(2026, 8, 1), date(2027, 1, 31), date(2027, 3, 2)),
    ]
    event = db.session.scalars(sa.select(AuditEvent)).one()
    assert (event.action, event.actor_id, event.changes["periods"]) == (
        "grant_create",
        supervisor.id,
        2,
    )
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Feb–Jul 2026" in page and "Aug 2026–Jan 2027" in page


BAD_GRANTS = [
    ("name", "", "Enter the grant's name."),
    ("name", "n" * 121, "longer than 120"),
    ("funder", " ", "Enter who funds the grant."),
    ("award_number", "", "Enter the award number."),
    ("award_number", "a\x00b", "control characters"),
    ("starts_on", "", "Enter the grant's first day."),
    ("starts_on", "2026-02-30", "Not a valid date"),
    ("ends_on", "2026-01-01", "must not be before the first"),
    ("ends_on", "2037-01-01", "ten years at most"),
    ("cadence", "monthly", "Not a valid choice"),
    ("due_days", "-1", "from 0 to 365"),
    ("due_days", "366", "from 0 to 365"),
    ("due_days", "soon", "Enter a whole number from 0 to 365."),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_GRANTS,
                         ids=[f"{f}-{v[:10]!r}" for f, v, _ in BAD_GRANTS])  # fmt: skip
def test_a_bad_grant_is_refused_at_the_field_keeping_what_was_typed(
    client, db, supervisor, field, value, message
):
    response = client.post("/grants/new", data={**VALID, field: value})

    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in (field_error(page, field) or ""), field_error(page, field)
    assert written(db) == (0, 0, 0)
    if field != "name":
        assert 'value="School Safety 2026"' in page


def test_an_award_number_already_used_is_refused_whatever_its_case(client, db, supervisor):
    client.post("/grants/new", data=VALID)
    before = written(db)
    response = client.post("/grants/new", data={**VALID, "award_number": "2026-ck-0007"})
    assert response.status_code == 422
    assert "already has this award number" in field_error(response.get_data(as_text=True),
                                                          "award_number")  # fmt: skip
    assert written(db) == before


form_values = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
    st.integers(-10_000, 10_000).map(str),
    st.dates().map(lambda d: d.isoformat()),
    st.just(""),
)


@settings(max_examples=examples(200), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(changed=st.dictionaries(st.sampled_from(sorted(VALID)), form_values, min_size=1,
                               max_size=4))  # fmt: skip
def test_arbitrary_grant_input_never_errors_and_writes_only_when_valid(
    client, db, supervisor, changed
):
    before = written(db)
    response = client.post(
        "/grants/new",
        data={**VALID, **changed, "award_number": changed.get("award_number", str(before))},
    )
    assert response.status_code in (302, 422)
    if response.status_code == 422:
        assert written(db) == before
    else:
        assert written(db)[0] == before[0] + 1


@pytest.fixture
def grant(make_grant):
    return make_grant()  # 2026 by calendar quarter


def test_a_period_added_by_hand_is_listed_and_audited(client, db, supervisor, grant):
    response = client.post(f"/grants/{grant.id}/periods", data={
        "label": "Annual report 2026", "starts_on": "2026-01-01", "ends_on": "2026-12-31",
        "due_on": "2027-02-15"})  # fmt: skip
    assert response.status_code == 302
    added = db.session.scalars(
        sa.select(ReportingPeriod).where(ReportingPeriod.label == "Annual report 2026")
    ).one()
    assert added.due_on == date(2027, 2, 15)
    assert db.session.scalars(sa.select(AuditEvent.action)).all() == ["grant_create",
                                                                     "period_create"]  # fmt: skip


BAD_PERIODS = [
    ("label", "", "Name the period."),
    ("starts_on", "31/01/2026", "Not a valid date"),
    ("ends_on", "", "Enter the period's last day."),
    ("ends_on", "2025-12-31", "must not be before the first"),
    ("due_on", "tomorrow", "Not a valid date"),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_PERIODS)
def test_a_bad_period_is_refused_at_the_field(client, db, supervisor, grant, field, value,
                                              message):  # fmt: skip
    data = {"label": "Extra", "starts_on": "2026-01-01", "ends_on": "2026-06-30", field: value}
    before = written(db)
    response = client.post(f"/grants/{grant.id}/periods", data=data)
    assert response.status_code == 422
    assert message in (field_error(response.get_data(as_text=True), field) or "")
    assert written(db) == before


def test_a_period_with_the_same_dates_is_refused(client, db, supervisor, grant):
    before = written(db)
    response = client.post(f"/grants/{grant.id}/periods", data={
        "label": "Q1 again", "starts_on": "2026-01-01", "ends_on": "2026-03-31"})  # fmt: skip
    assert response.status_code == 422
    assert "already has a period with these dates" in response.get_data(as_text=True)
    assert written(db) == before


def test_removing_a_period_is_audited_but_one_with_a_narrative_is_kept(
    client, db, supervisor, grant
):
    first, second = grant.periods[0], grant.periods[1]
    second.narrative = "Written work"
    db.session.commit()

    client.post(f"/grants/periods/{first.id}/delete", data={})
    client.post(f"/grants/periods/{second.id}/delete", data={})

    labels = db.session.scalars(sa.select(ReportingPeriod.label)).all()
    assert "Q1 2026" not in labels and "Q2 2026" in labels
    assert db.session.scalars(
        sa.select(AuditEvent.action).where(AuditEvent.action == "period_delete")
    ).all() == ["period_delete"]


def test_the_narrative_is_saved_with_the_period_and_audited_before_and_after(
    client, db, supervisor, grant
):
    period = grant.periods[0]
    response = client.post(f"/grants/periods/{period.id}/narrative",
                           data={"narrative": "  Drills doubled.\r\n", "version": "1"})  # fmt: skip
    assert response.status_code == 302
    db.session.refresh(period)
    assert period.narrative == "Drills doubled."
    assert period.narrative_updated_by_id == supervisor.id
    event = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "period_narrative")
    ).one()
    assert event.changes == {"narrative": {"before": "", "after": "Drills doubled."}}
    assert "Drills doubled." in client.get(f"/grants/periods/{period.id}/report").get_data(
        as_text=True
    )


def test_a_narrative_saved_over_a_newer_one_is_refused_and_the_text_kept(
    client, db, supervisor, grant
):
    period = grant.periods[0]
    client.post(f"/grants/periods/{period.id}/narrative",
                data={"narrative": "First words", "version": "1"})  # fmt: skip
    before = written(db)
    response = client.post(f"/grants/periods/{period.id}/narrative",
                           data={"narrative": "My late edit", "version": "1"})  # fmt: skip
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Someone else saved this narrative" in field_error(page, "narrative")
    assert "My late edit" in page
    assert written(db) == before


def test_a_narrative_too_long_is_refused(client, db, supervisor, grant):
    period = grant.periods[0]
    response = client.post(f"/grants/periods/{period.id}/narrative",
                           data={"narrative": "x" * 20_001, "version": "1"})  # fmt: skip
    assert response.status_code == 422
    assert "longer than 20000" in field_error(response.get_data(as_text=True), "narrative")


def test_a_post_without_its_csrf_token_is_refused_and_writes_nothing(client, db, supervisor):
    response = client.post("/grants/new", data=VALID, csrf=False)
    assert response.status_code == 400
    assert written(db) == (0, 0, 0)


ROLES = [
    ("officer", 403, 403), ("partner", 200, 403), ("admin", 200, 403), ("supervisor", 200, 302),
]  # fmt: skip


@pytest.mark.parametrize(("role", "reading", "narrative"), ROLES)
def test_grants_are_read_by_supervisors_admins_and_partners_and_managed_by_supervisors(
    client, db, make_user, make_school, login, grant, role, reading, narrative
):
    district = make_school().district_id if role == "partner" else None
    login(make_user(role, district_id=district))
    period = grant.periods[0]
    for url in ("/grants/", f"/grants/{grant.id}", f"/grants/periods/{period.id}/report",
                f"/grants/periods/{period.id}/report.csv",
                f"/grants/periods/{period.id}/chart/monthly-hours.svg"):  # fmt: skip
        assert client.get(url).status_code == reading, url
    response = client.post(f"/grants/periods/{period.id}/narrative",
                           data={"narrative": "x", "version": "1"})  # fmt: skip
    assert response.status_code == narrative


def test_a_partner_without_a_district_sees_no_report(client, make_user, login, grant):
    login(make_user("partner", district_id=None))
    period = grant.periods[0]
    assert client.get(f"/grants/periods/{period.id}/report").status_code == 403
    assert client.get(f"/grants/periods/{period.id}/report.csv").status_code == 403
    assert client.get("/dashboard/").status_code == 403


def test_a_signed_out_visitor_is_sent_to_sign_in(client, grant):
    response = client.get(f"/grants/periods/{grant.periods[0].id}/report.pdf")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


@pytest.mark.parametrize("url", ["/grants/999", "/grants/periods/999/report",
                                 "/grants/periods/{p}/report.docx",
                                 "/grants/periods/{p}/chart/pie.svg"])  # fmt: skip
def test_unknown_grants_periods_formats_and_charts_are_not_found(client, supervisor, grant, url):
    assert client.get(url.format(p=grant.periods[0].id)).status_code == 404


def test_the_report_page_shows_exact_numbers_and_marks_what_exports_withhold(
    client, db, supervisor, grant, make_user, make_activity
):
    officer = make_user("officer")
    for _ in range(3):
        make_activity(officer, "mentoring", occurred_on=date(2026, 2, 3), status="approved",
                      students_count=1)  # fmt: skip
    page = client.get(f"/grants/periods/{grant.periods[0].id}/report").get_data(as_text=True)
    assert 'data-measure="mentoring_contacts">3<sup aria-hidden="true">†</sup>' in page
    assert "(withheld in exports)" in page
    assert "Write the narrative" in page


def test_report_options_with_bad_values_show_the_whole_program_and_never_fail(
    client, supervisor, grant
):
    period = grant.periods[0]
    response = client.get(f"/grants/periods/{period.id}/report",
                          query_string={"district_id": "x", "school_ids": ["1", "zz"],
                                        "status": "maybe"})  # fmt: skip
    assert response.status_code == 200
    assert "All schools, and work off campus" in response.get_data(as_text=True)
    export = client.get(f"/grants/periods/{period.id}/report.csv",
                        query_string={"district_id": "x"})  # fmt: skip
    assert export.status_code == 400


def test_the_dashboard_period_picker_offers_grant_periods(client, supervisor, grant):
    period = grant.periods[1]  # Q2 2026
    page = client.get("/dashboard/", query_string={"period": f"period-{period.id}"})
    html = page.get_data(as_text=True)
    assert f'value="period-{period.id}" selected' in html or (
        f'selected value="period-{period.id}"' in html
    )
    assert "01 Apr 2026 – 30 Jun 2026" in html
