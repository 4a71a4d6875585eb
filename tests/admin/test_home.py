"""The admin's home page says what needs an admin today, not what is being built."""

from datetime import timedelta

from sro_log.clock import today_local
from sro_log.models import Assignment, Grant, ReportingPeriod


def test_the_admin_home_counts_people_unassigned_officers_and_periods_ending(
    client, db, make_user, make_school, login
):
    admin = make_user("admin")
    dana = make_user("officer", full_name="Dep. Dana Whitfield")
    make_user("officer", full_name="Dep. Marcus Ortega")
    make_user("officer", full_name="Dep. Gone", active=False)
    make_user("officer", full_name="Dep. New", must_change_password=True)
    today = today_local()
    db.session.add(
        Assignment(officer=dana, school=make_school(), starts_on=today - timedelta(days=9))
    )
    grant = Grant(
        name="COPS SVPP 2026",
        funder="COPS Office",
        award_number="2026-SV-0001",
        cadence="quarterly",
        starts_on=today - timedelta(days=60),
        ends_on=today + timedelta(days=300),
    )
    grant.periods.append(
        ReportingPeriod(
            label="Q1", starts_on=today - timedelta(days=60), ends_on=today + timedelta(days=10)
        )
    )
    db.session.add(grant)
    db.session.commit()
    login(admin)

    page = client.get("/").get_data(as_text=True)

    assert "being built" not in page
    assert 'data-testid="users">4 active users, 1 deactivated.' in page
    assert "1 must change a temporary password" in page
    unassigned = page.split('data-testid="unassigned">')[1].split("</p>")[0]
    assert "Dep. Marcus Ortega" in unassigned and "Dep. New" in unassigned
    assert "Dana" not in unassigned and "Gone" not in unassigned
    assert "COPS SVPP 2026: Q1 ends" in page
    for link in ("/admin/users/new", "/admin/assignments", "/admin/audit", "/grants/"):
        assert f'href="{link}' in page
